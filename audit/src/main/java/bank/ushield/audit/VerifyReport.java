package bank.ushield.audit;

/**
 * The outcome of {@link AuditVerifier#verify}: OK with the number of entries and the recomputed head, or the first
 * problem found, naming the first entry that is wrong and why.
 *
 * @param entries entries checked (up to the first problem)
 * @param checkpointsChecked signed tree heads whose root and signature were checked
 * @param problem null when the log is intact
 */
public record VerifyReport(long entries, TreeHead head, int checkpointsChecked, Problem problem) {

    /** Why a log failed verification. */
    public enum Kind {
        /** An entry's contents no longer match its stored leaf hash (changed detail, outcome, swapped rows). */
        LEAF_MISMATCH,
        /** A sequence number is missing (deleted row). */
        SEQUENCE_GAP,
        /** A stored interior tree hash does not match the entries (tree table altered, or rows rewritten with new hashes). */
        NODE_MISMATCH,
        /** A signed tree head's root does not match the entries (entries rewritten together with their hashes). */
        ROOT_MISMATCH,
        /** A signed tree head's signature is not valid, or its note does not state its head. */
        BAD_SIGNATURE,
        /** A signed tree head was made by a key that is not trusted. */
        UNKNOWN_SIGNER,
        /** The log is shorter than a signed tree head or its own tree table says (rows removed from the end). */
        TRUNCATED
    }

    /**
     * The first problem found.
     *
     * @param seq the first entry that is wrong (or missing)
     */
    public record Problem(Kind kind, long seq, String message) {
    }

    public boolean ok() {
        return problem == null;
    }

    /** One line for a manager or a log file. */
    public String summary() {
        if (ok()) {
            return "OK: " + entries + " entries, root " + head.rootHex() + ", " + checkpointsChecked
                    + " signed tree heads checked";
        }
        return "FAILED at entry " + problem.seq() + " (" + problem.kind() + "): " + problem.message();
    }
}
