package bank.ushield.idverification.emv;

import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.card.CardReadException;
import bank.ushield.idverification.card.CardReadException.Problem;
import bank.ushield.idverification.card.CardReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a UnionPay (PBOC 3.0) chip card over an {@link ApduChannel}: SELECT PPSE (2PAY.SYS.DDF01), falling back to
 * PSE (1PAY.SYS.DDF01) and then to selecting the UnionPay AIDs directly; SELECT AID A000000333010101 (debit),
 * ...0102 (credit), ...0103 (quasi-credit); GET PROCESSING OPTIONS with the PDOL filled; READ RECORD for every
 * record in the AFL. Extracts PAN (5A, else from track 2 equivalent 57), expiry (5F24, else track 2), cardholder
 * name (5F20, often empty on Chinese debit cards) and PAN sequence number (5F34). Handles T=0's 61xx and 6Cxx.
 * Nothing read is logged: only tags, lengths and status words.
 */
public final class EmvCardReader implements CardReader {

    private static final Logger LOG = LoggerFactory.getLogger(EmvCardReader.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** UnionPay application identifiers in order of preference. */
    public static final List<String> UNIONPAY_AIDS = List.of("A000000333010101", "A000000333010102", "A000000333010103");

    private static final int TAG_FCI = 0x6F;
    private static final int TAG_AID = 0x4F;
    private static final int TAG_SFI = 0x88;
    private static final int TAG_PDOL = 0x9F38;
    private static final int TAG_GPO_FORMAT1 = 0x80;
    private static final int TAG_AFL = 0x94;
    private static final int TAG_PAN = 0x5A;
    private static final int TAG_TRACK2 = 0x57;
    private static final int TAG_EXPIRY = 0x5F24;
    private static final int TAG_NAME = 0x5F20;
    private static final int TAG_PAN_SEQUENCE = 0x5F34;

    private final ApduChannel channel;
    private final Supplier<LocalDate> today;
    private final SecureRandom random = new SecureRandom();

    public EmvCardReader(ApduChannel channel, Supplier<LocalDate> today) {
        this.channel = channel;
        this.today = today;
    }

    @Override
    public CardData read() throws CardReadException {
        try {
            String aid = chooseApplication();
            Response fci = select(HEX.parseHex(aid));
            if (!fci.ok()) {
                throw new CardReadException(Problem.NOT_UNIONPAY_CHIP, "the card refused the UnionPay application");
            }
            byte[] pdolData = pdolData(Tlv.find(BerTlv.parse(fci.data()), TAG_PDOL).map(Tlv::value).orElse(new byte[0]));
            Response gpo = exchange(command(0x80, 0xA8, 0x00, 0x00, BerTlv.encode(0x83, pdolData)));
            if (!gpo.ok()) {
                throw new CardReadException(Problem.CARD_ERROR, "GET PROCESSING OPTIONS refused: SW " + gpo.swHex());
            }
            List<Tlv> records = new ArrayList<>();
            for (int[] entry : afl(gpo.data())) {
                for (int rec = entry[1]; rec <= entry[2]; rec++) {
                    Response r = exchange(new byte[]{0x00, (byte) 0xB2, (byte) rec, (byte) ((entry[0] << 3) | 4), 0x00});
                    if (!r.ok()) {
                        throw new CardReadException(Problem.CARD_ERROR, "READ RECORD refused: SW " + r.swHex());
                    }
                    records.addAll(BerTlv.parse(r.data()));
                }
            }
            return cardData(records);
        } catch (MalformedTlvException e) {
            throw new CardReadException(Problem.MALFORMED_DATA, "the card returned malformed data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CardReadException(Problem.CARD_ERROR, "communication with the card failed: " + e.getMessage(), e);
        }
    }

    /** The UnionPay AID to use: from the PPSE or PSE directory, else the first one the card accepts directly. */
    private String chooseApplication() throws IOException, CardReadException {
        List<String> listed = directory("2PAY.SYS.DDF01");
        if (listed.isEmpty()) {
            listed = pseDirectory();
        }
        for (String aid : UNIONPAY_AIDS) {
            if (listed.contains(aid)) {
                return aid;
            }
        }
        if (!listed.isEmpty()) {
            throw new CardReadException(Problem.NOT_UNIONPAY_CHIP, "the card has no UnionPay debit or credit application");
        }
        for (String aid : UNIONPAY_AIDS) {
            if (select(HEX.parseHex(aid)).ok()) {
                return aid;
            }
        }
        throw new CardReadException(Problem.NOT_UNIONPAY_CHIP, "no UnionPay application on the card");
    }

    /** AIDs (4F) listed in the FCI of a directory file selected by name (PPSE lists them in the FCI itself). */
    private List<String> directory(String name) throws IOException {
        Response r = select(name.getBytes(StandardCharsets.US_ASCII));
        if (!r.ok()) {
            LOG.debug("SELECT {} answered SW {}", name, r.swHex());
            return List.of();
        }
        return aids(BerTlv.parse(r.data()));
    }

    /** Contact PSE: the FCI names an SFI whose records list the applications. */
    private List<String> pseDirectory() throws IOException {
        Response r = select("1PAY.SYS.DDF01".getBytes(StandardCharsets.US_ASCII));
        if (!r.ok()) {
            LOG.debug("SELECT PSE answered SW {}", r.swHex());
            return List.of();
        }
        Optional<Tlv> sfi = Tlv.find(BerTlv.parse(r.data()), TAG_SFI);
        if (sfi.isEmpty() || sfi.get().value().length != 1) {
            return List.of();
        }
        int s = sfi.get().value()[0] & 0x1F;
        List<String> out = new ArrayList<>();
        for (int rec = 1; rec <= 16; rec++) {
            Response rr = exchange(new byte[]{0x00, (byte) 0xB2, (byte) rec, (byte) ((s << 3) | 4), 0x00});
            if (!rr.ok()) {
                break; // 6A83: no more records
            }
            out.addAll(aids(BerTlv.parse(rr.data())));
        }
        return out;
    }

    private static List<String> aids(List<Tlv> tlvs) {
        return Tlv.findAll(tlvs, TAG_AID).stream().map(t -> HEX.formatHex(t.value())).toList();
    }

    private Response select(byte[] name) throws IOException {
        return exchange(command(0x00, 0xA4, 0x04, 0x00, name));
    }

    /** Case 4 command: header, Lc, data, Le 00. */
    private static byte[] command(int cla, int ins, int p1, int p2, byte[] data) {
        byte[] c = new byte[5 + data.length + 1];
        c[0] = (byte) cla;
        c[1] = (byte) ins;
        c[2] = (byte) p1;
        c[3] = (byte) p2;
        c[4] = (byte) data.length;
        System.arraycopy(data, 0, c, 5, data.length);
        return c;
    }

    /** Sends a command, following T=0's 61xx (GET RESPONSE) and 6Cxx (resend with the right Le). */
    private Response exchange(byte[] command) throws IOException {
        byte[] cmd = command;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int round = 0; round < 16; round++) {
            byte[] raw = channel.transmit(cmd);
            if (raw == null || raw.length < 2) {
                throw new IOException("response shorter than a status word");
            }
            int sw1 = raw[raw.length - 2] & 0xFF;
            int sw2 = raw[raw.length - 1] & 0xFF;
            data.write(raw, 0, raw.length - 2);
            if (sw1 == 0x61) {
                cmd = new byte[]{0x00, (byte) 0xC0, 0x00, 0x00, (byte) sw2};
                continue;
            }
            if (sw1 == 0x6C) {
                cmd = Arrays.copyOf(cmd, cmd.length);
                cmd[cmd.length - 1] = (byte) sw2;
                continue;
            }
            LOG.debug("APDU {} -> SW {}", HEX.formatHex(command, 0, 4), String.format("%02X%02X", sw1, sw2));
            return new Response(data.toByteArray(), (sw1 << 8) | sw2);
        }
        throw new IOException("card kept asking for GET RESPONSE");
    }

    /** Fills the PDOL: terminal values a bank counter can state, zeros for the rest. */
    private byte[] pdolData(byte[] pdol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] entry : BerTlv.parseDol(pdol)) {
            byte[] v = new byte[entry[1]];
            switch (entry[0]) {
                case 0x5F2A, 0x9F1A -> put(v, new byte[]{0x01, 0x56});                // CNY, China
                case 0x9A -> put(v, bcd(today.get().getYear() % 100, today.get().getMonthValue(), today.get().getDayOfMonth()));
                case 0x9C -> put(v, new byte[]{0x31});                                // balance inquiry
                case 0x9F37 -> random.nextBytes(v);                                   // unpredictable number
                case 0x9F66 -> put(v, new byte[]{0x46, 0x00, 0x00, 0x00});            // contact, online capable
                default -> { }
            }
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    private static void put(byte[] target, byte[] value) {
        System.arraycopy(value, 0, target, Math.max(0, target.length - value.length), Math.min(value.length, target.length));
    }

    private static byte[] bcd(int... twoDigitValues) {
        byte[] b = new byte[twoDigitValues.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (((twoDigitValues[i] / 10) << 4) | (twoDigitValues[i] % 10));
        }
        return b;
    }

    /** AFL entries (SFI, first record, last record) from a format 1 (80) or format 2 (77 with 94) GPO answer. */
    private static List<int[]> afl(byte[] gpo) throws CardReadException {
        List<Tlv> tlvs = BerTlv.parse(gpo);
        byte[] afl;
        Optional<Tlv> format1 = tlvs.stream().filter(t -> t.tag() == TAG_GPO_FORMAT1).findFirst();
        if (format1.isPresent()) {
            byte[] v = format1.get().value();
            if (v.length < 2) {
                throw new CardReadException(Problem.MALFORMED_DATA, "GPO answer too short");
            }
            afl = Arrays.copyOfRange(v, 2, v.length); // after the 2-byte AIP
        } else {
            afl = Tlv.find(tlvs, TAG_AFL).map(Tlv::value)
                    .orElseThrow(() -> new CardReadException(Problem.MALFORMED_DATA, "GPO answer has no AFL"));
        }
        if (afl.length == 0 || afl.length % 4 != 0) {
            throw new CardReadException(Problem.MALFORMED_DATA, "AFL length is not a multiple of 4");
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < afl.length; i += 4) {
            int sfi = (afl[i] & 0xFF) >> 3;
            int first = afl[i + 1] & 0xFF;
            int last = afl[i + 2] & 0xFF;
            if (sfi < 1 || sfi > 30 || first < 1 || last < first) {
                throw new CardReadException(Problem.MALFORMED_DATA, "AFL entry out of range");
            }
            out.add(new int[]{sfi, first, last});
        }
        return out;
    }

    private static CardData cardData(List<Tlv> records) throws CardReadException {
        Optional<String> panTag = Tlv.find(records, TAG_PAN).map(t -> bcdDigits(t.value()));
        Optional<String> track2 = Tlv.find(records, TAG_TRACK2).map(t -> bcdDigits(t.value()));
        Optional<String> trackPan = track2.map(t -> t.contains("D") ? t.substring(0, t.indexOf('D')) : t);
        if (panTag.isPresent() && trackPan.isPresent() && !panTag.get().equals(trackPan.get())) {
            throw new CardReadException(Problem.MALFORMED_DATA, "the PAN in 5A and in track 2 differ");
        }
        String pan = panTag.or(() -> trackPan)
                .orElseThrow(() -> new CardReadException(Problem.MALFORMED_DATA, "no PAN on the card"));
        if (pan.isEmpty() || !pan.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CardReadException(Problem.MALFORMED_DATA, "the PAN on the card is not digits");
        }
        Optional<LocalDate> expiry = Tlv.find(records, TAG_EXPIRY).map(t -> bcdDigits(t.value())).flatMap(EmvCardReader::yymmdd);
        if (expiry.isEmpty() && track2.isPresent() && track2.get().indexOf('D') > 0) {
            String t = track2.get();
            int d = t.indexOf('D');
            if (t.length() >= d + 5) {
                expiry = yymm(t.substring(d + 1, d + 5));
            }
        }
        Optional<String> name = Tlv.find(records, TAG_NAME)
                .map(t -> new String(t.value(), StandardCharsets.US_ASCII).trim())
                .filter(s -> !s.isEmpty() && !s.equals("/"));
        Optional<Integer> sequence = Tlv.find(records, TAG_PAN_SEQUENCE)
                .filter(t -> t.value().length == 1)
                .map(t -> ((t.value()[0] >> 4) & 0xF) * 10 + (t.value()[0] & 0xF));
        return new CardData(pan, expiry, name, sequence, CardData.Source.CHIP);
    }

    /** BCD nibbles as characters: digits, 'D' separator, trailing 'F' padding dropped. */
    private static String bcdDigits(byte[] v) {
        StringBuilder b = new StringBuilder(v.length * 2);
        for (byte x : v) {
            b.append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)));
            b.append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == 'F') {
            end--;
        }
        return b.substring(0, end);
    }

    private static Optional<LocalDate> yymmdd(String s) {
        if (s.length() != 6 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(2000 + Integer.parseInt(s.substring(0, 2)),
                    Integer.parseInt(s.substring(2, 4)), Integer.parseInt(s.substring(4, 6))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Track 2 carries YYMM: the card is valid to the end of that month. */
    private static Optional<LocalDate> yymm(String s) {
        if (s.length() != 4 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.of(2000 + Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2)))
                    .atEndOfMonth());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Response data and status word. */
    private record Response(byte[] data, int sw) {
        boolean ok() {
            return sw == 0x9000;
        }

        String swHex() {
            return String.format("%04X", sw);
        }
    }
}
