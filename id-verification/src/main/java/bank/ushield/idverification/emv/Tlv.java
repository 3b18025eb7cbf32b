package bank.ushield.idverification.emv;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** One BER-TLV data object (EMV Book 3 annex B): tag, value bytes and, for constructed tags, the parsed children. */
public record Tlv(int tag, byte[] value, List<Tlv> children) {

    public Tlv {
        value = value.clone();
        children = List.copyOf(children);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public boolean constructed() {
        int first = tag;
        while (first > 0xFF) {
            first >>>= 8;
        }
        return (first & 0x20) != 0;
    }

    /** This object or the first descendant with the tag, depth first. */
    public Optional<Tlv> find(int wanted) {
        if (tag == wanted) {
            return Optional.of(this);
        }
        return find(children, wanted);
    }

    /** The first object with the tag in a list of objects and their descendants. */
    public static Optional<Tlv> find(List<Tlv> objects, int wanted) {
        for (Tlv t : objects) {
            Optional<Tlv> f = t.find(wanted);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** Every object with the tag, in order. */
    public static List<Tlv> findAll(List<Tlv> objects, int wanted) {
        List<Tlv> out = new ArrayList<>();
        for (Tlv t : objects) {
            if (t.tag == wanted) {
                out.add(t);
            }
            out.addAll(findAll(t.children, wanted));
        }
        return out;
    }

    /** Tag and length only: values can hold card numbers. */
    @Override
    public String toString() {
        return "Tlv[" + Integer.toHexString(tag).toUpperCase() + ", " + value.length + " bytes"
                + (children.isEmpty() ? "" : ", " + children.size() + " children") + "]";
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }
}
