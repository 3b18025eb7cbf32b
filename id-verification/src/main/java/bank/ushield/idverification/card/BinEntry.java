package bank.ushield.idverification.card;

import java.util.Set;

/** One row of the BIN table: a prefix range of a given digit count, its issuer and the PAN lengths it issues. */
public record BinEntry(String low, String high, String issuerCode, String issuerName, String scheme,
                       Set<Integer> lengths) {

    public BinEntry {
        if (low.length() != high.length()) {
            throw new IllegalArgumentException("BIN range ends differ in length: " + low + "-" + high);
        }
        lengths = Set.copyOf(lengths);
    }

    /** Number of leading digits this row looks at. */
    public int prefixLength() {
        return low.length();
    }

    public boolean matches(String pan) {
        if (pan.length() < low.length()) {
            return false;
        }
        String head = pan.substring(0, low.length());
        return head.compareTo(low) >= 0 && head.compareTo(high) <= 0;
    }

    /** True when the issuer is named ({@code "-"} means the scheme is known but not the bank). */
    public boolean issuerKnown() {
        return !"-".equals(issuerCode);
    }
}
