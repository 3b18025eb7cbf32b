package bank.ushield.idverification.emv;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays APDU responses by command prefix (hex), the way a recorded session is played back without a reader;
 * unknown commands get 6D00. Keeps the commands it saw, so a test can assert the exchange.
 */
final class ReplayChannel implements ApduChannel {

    static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Map<String, String> responses = new LinkedHashMap<>();
    final List<String> sent = new ArrayList<>();

    ReplayChannel on(String commandPrefixHex, String responseHex) {
        responses.put(commandPrefixHex.replace(" ", "").toUpperCase(), responseHex.replace(" ", "").toUpperCase());
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) {
        String c = HEX.formatHex(command);
        sent.add(c);
        String best = null;
        for (String prefix : responses.keySet()) {
            if (c.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return HEX.parseHex(best == null ? "6D00" : responses.get(best));
    }

    /** TLV bytes in hex: tag, length, value; values given in hex. */
    static String tlv(String tagHex, String valueHex) {
        return HEX.formatHex(BerTlv.encode(Integer.parseInt(tagHex, 16), HEX.parseHex(valueHex.replace(" ", ""))));
    }

    static String ascii(String s) {
        return HEX.formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
