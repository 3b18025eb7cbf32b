package bank.ushield.renewal.readers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;

import bank.ushield.idverification.emv.ApduChannel;
import bank.ushield.idverification.emv.BerTlv;

/**
 * Training's bank card in the chip reader: answers the PBOC commands {@link bank.ushield.idverification.emv.EmvCardReader}
 * sends (SELECT PPSE, SELECT the UnionPay debit AID, GET PROCESSING OPTIONS, READ RECORD 1 of SFI 1) with the
 * staged card number, so the real reader code reads it. Any other command gets 6D00, as a card would answer.
 */
final class TrainingChipCard implements ApduChannel {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String DEBIT_AID = "A000000333010101";
    private static final byte[] OK = {(byte) 0x90, 0x00};

    private final String pan;
    private final LocalDate expiry;

    TrainingChipCard(String pan, LocalDate expiry) {
        this.pan = pan;
        this.expiry = expiry;
    }

    @Override
    public byte[] transmit(byte[] command) {
        if (command.length < 4) {
            return sw(0x6700);
        }
        int ins = command[1] & 0xFF;
        byte[] data = command.length > 5 ? Arrays.copyOfRange(command, 5, 5 + (command[4] & 0xFF)) : new byte[0];
        if (ins == 0xA4 && Arrays.equals(data, "2PAY.SYS.DDF01".getBytes(StandardCharsets.US_ASCII))) {
            byte[] entry = BerTlv.encode(0x61, BerTlv.encode(0x4F, HEX.parseHex(DEBIT_AID)));
            return ok(BerTlv.encode(0x6F, concat(BerTlv.encode(0x84, data),
                    BerTlv.encode(0xA5, BerTlv.encode(0xBF0C, entry)))));
        }
        if (ins == 0xA4 && Arrays.equals(data, HEX.parseHex(DEBIT_AID))) {
            return ok(BerTlv.encode(0x6F, concat(BerTlv.encode(0x84, data),
                    BerTlv.encode(0xA5, BerTlv.encode(0x50, "UnionPay Debit".getBytes(StandardCharsets.US_ASCII))))));
        }
        if (ins == 0xA8) {
            // Format 1: AIP 7C00, AFL: SFI 1, records 1 to 1, none for offline authentication.
            return ok(BerTlv.encode(0x80, HEX.parseHex("7C00" + "08010100")));
        }
        if (ins == 0xB2 && command[2] == 1 && command[3] == 0x0C) {
            String digits = pan.length() % 2 == 0 ? pan : pan + "F";
            String yymmdd = String.format("%02d%02d%02d", expiry.getYear() % 100, expiry.getMonthValue(),
                    expiry.getDayOfMonth());
            return ok(BerTlv.encode(0x70, concat(BerTlv.encode(0x5A, HEX.parseHex(digits)),
                    BerTlv.encode(0x5F24, HEX.parseHex(yymmdd)), BerTlv.encode(0x5F34, new byte[]{0x01}))));
        }
        if (ins == 0xB2) {
            return sw(0x6A83);
        }
        return sw(ins == 0xA4 ? 0x6A82 : 0x6D00);
    }

    private static byte[] ok(byte[] data) {
        return concat(data, OK);
    }

    private static byte[] sw(int sw) {
        return new byte[]{(byte) (sw >> 8), (byte) sw};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
