package bank.ushield.idverification.emv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A BER-TLV parser for EMV data: multi-byte tags, short and long (81/82/83) lengths, constructed objects parsed
 * recursively, 00 and FF padding between objects skipped (EMV Book 3 annex B). Malformed input raises
 * {@link MalformedTlvException}, never anything else.
 */
public final class BerTlv {

    private static final int MAX_DEPTH = 10;

    private BerTlv() {
    }

    /** Parses a sequence of TLV objects filling the whole input. */
    public static List<Tlv> parse(byte[] data) {
        if (data == null) {
            throw new MalformedTlvException("no data");
        }
        return parse(data, 0, data.length, 0);
    }

    private static List<Tlv> parse(byte[] d, int from, int to, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedTlvException("TLV nested too deep");
        }
        List<Tlv> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            int b = d[i] & 0xFF;
            if (b == 0x00 || b == 0xFF) {
                i++; // padding
                continue;
            }
            int tagStart = i;
            int tag = b;
            i++;
            if ((b & 0x1F) == 0x1F) {
                int more;
                do {
                    if (i >= to) {
                        throw new MalformedTlvException("tag runs past the end at offset " + tagStart);
                    }
                    more = d[i] & 0xFF;
                    tag = (tag << 8) | more;
                    i++;
                    if (i - tagStart > 3) {
                        throw new MalformedTlvException("tag longer than 3 bytes at offset " + tagStart);
                    }
                } while ((more & 0x80) != 0);
            }
            if (i >= to) {
                throw new MalformedTlvException("length missing at offset " + i);
            }
            int l = d[i] & 0xFF;
            i++;
            int length;
            if (l < 0x80) {
                length = l;
            } else {
                int n = l & 0x7F;
                if (n == 0 || n > 3 || i + n > to) {
                    throw new MalformedTlvException("bad length encoding at offset " + (i - 1));
                }
                length = 0;
                for (int k = 0; k < n; k++) {
                    length = (length << 8) | (d[i + k] & 0xFF);
                }
                i += n;
            }
            if (length > to - i) {
                throw new MalformedTlvException("value runs past the end at offset " + i);
            }
            byte[] value = Arrays.copyOfRange(d, i, i + length);
            boolean constructed = (b & 0x20) != 0;
            List<Tlv> children = constructed ? parse(d, i, i + length, depth + 1) : List.of();
            out.add(new Tlv(tag, value, children));
            i += length;
        }
        return out;
    }

    /** Encodes one primitive or constructed object (used to build command data such as GPO's 83 template). */
    public static byte[] encode(int tag, byte[] value) {
        byte[] t = tag > 0xFFFF ? new byte[]{(byte) (tag >> 16), (byte) (tag >> 8), (byte) tag}
                : tag > 0xFF ? new byte[]{(byte) (tag >> 8), (byte) tag} : new byte[]{(byte) tag};
        byte[] l;
        if (value.length < 0x80) {
            l = new byte[]{(byte) value.length};
        } else if (value.length <= 0xFF) {
            l = new byte[]{(byte) 0x81, (byte) value.length};
        } else {
            l = new byte[]{(byte) 0x82, (byte) (value.length >> 8), (byte) value.length};
        }
        byte[] out = new byte[t.length + l.length + value.length];
        System.arraycopy(t, 0, out, 0, t.length);
        System.arraycopy(l, 0, out, t.length, l.length);
        System.arraycopy(value, 0, out, t.length + l.length, value.length);
        return out;
    }

    /** A data object list (PDOL, CDOL): tags with lengths and no values. */
    public static List<int[]> parseDol(byte[] dol) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < dol.length) {
            int b = dol[i] & 0xFF;
            int tag = b;
            i++;
            if ((b & 0x1F) == 0x1F) {
                int more;
                int bytes = 1;
                do {
                    if (i >= dol.length || ++bytes > 3) {
                        throw new MalformedTlvException("DOL tag runs past the end or is longer than 3 bytes");
                    }
                    more = dol[i] & 0xFF;
                    tag = (tag << 8) | more;
                    i++;
                } while ((more & 0x80) != 0);
            }
            if (i >= dol.length) {
                throw new MalformedTlvException("DOL length missing");
            }
            out.add(new int[]{tag, dol[i] & 0xFF});
            i++;
        }
        return out;
    }
}
