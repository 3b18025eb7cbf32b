package bank.ushield.renewal.review;

/** What the full verification of the audit log found: all intact, or the first bad entry and why. */
public sealed interface VerifyOutcome {

    /**
     * Every entry, node and signed head checks.
     *
     * @param signedEntries entries covered by the newest signed tree head (0: none yet); those after it are
     *                      consistent but vouched for by no signature until the next head is signed
     */
    record Intact(long entries, long treeSize, String rootHex, long signedEntries) implements VerifyOutcome {
    }

    /**
     * The log is broken from {@code firstBadSeq} on.
     *
     * @param reason a code the screen explains ({@link ReviewCodes#verifyReasons()}: LEAF_MISMATCH, SEQUENCE_GAP...)
     * @param detail technical detail for the Details pane
     */
    record Broken(long firstBadSeq, String reason, String detail) implements VerifyOutcome {
    }

    /**
     * The file checks on its own but contradicts head office's acknowledgement (issue 21): rolled back or truncated
     * below it, rewritten under it, or an acknowledgement in the file that head office did not sign.
     *
     * @param finding   what was found ({@link ReviewCodes#anchorFindings()}: ROLLED_BACK, REWRITTEN, BAD_ACKNOWLEDGEMENT)
     * @param acknowledgedSize entries head office acknowledged
     * @param acknowledgedAt   when head office acknowledged them
     * @param logSize          entries in this file
     * @param detail           the sentence for the Details pane
     */
    record Contradicted(String finding, long acknowledgedSize, java.time.Instant acknowledgedAt, long logSize,
                        String detail) implements VerifyOutcome {
    }
}
