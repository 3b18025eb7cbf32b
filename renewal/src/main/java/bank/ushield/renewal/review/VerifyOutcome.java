package bank.ushield.renewal.review;

/** What the full verification of the audit log found: all intact, or the first bad entry and why. */
public sealed interface VerifyOutcome {

    /** Every entry, node and signed head checks. */
    record Intact(long entries, long treeSize, String rootHex) implements VerifyOutcome {
    }

    /**
     * The log is broken from {@code firstBadSeq} on.
     *
     * @param reason a code the screen explains ({@link ReviewCodes#verifyReasons()}: LEAF_MISMATCH, SEQUENCE_GAP...)
     * @param detail technical detail for the Details pane
     */
    record Broken(long firstBadSeq, String reason, String detail) implements VerifyOutcome {
    }
}
