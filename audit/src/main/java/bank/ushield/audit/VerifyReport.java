package bank.ushield.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@link AuditVerifier#verify}: OK with the number of entries and the recomputed head, or the first
 * problem found, naming the first entry that is wrong and why.
 *
 * @param entries entries checked (up to the first problem)
 * @param checkpointsChecked signed tree heads whose root and signature were checked
 * @param problem null when the log is intact
 * @param more further problems found besides the first (e.g. a dropped trigger besides the entry it let change)
 * @param signedEntries the size of the newest signed tree head checked (0: none); entries beyond it are vouched for
 *                      by their hashes only, until the workstation signs a newer head
 */
public record VerifyReport(long entries, TreeHead head, int checkpointsChecked, Problem problem, List<Problem> more,
                           long signedEntries) {

    /** A report with no further findings besides {@code problem}. */
    public VerifyReport(long entries, TreeHead head, int checkpointsChecked, Problem problem, long signedEntries) {
        this(entries, head, checkpointsChecked, problem, List.of(), signedEntries);
    }

    /** A report that checked no signed tree head. */
    public VerifyReport(long entries, TreeHead head, int checkpointsChecked, Problem problem) {
        this(entries, head, checkpointsChecked, problem, List.of(), 0);
    }

    /**
     * This report with the file's own findings (schema, integrity, indexes) added: a named bad entry stays the
     * first problem, else the first file finding is; the rest go to {@link #more}.
     */
    VerifyReport withFileProblems(List<Problem> fileProblems) {
        if (fileProblems.isEmpty()) {
            return this;
        }
        List<Problem> all = new ArrayList<>();
        if (problem != null && problem.seq() >= 0) {
            all.add(problem);
            all.addAll(fileProblems);
        } else {
            all.addAll(fileProblems);
            if (problem != null) {
                all.add(problem);
            }
        }
        return new VerifyReport(entries, head, checkpointsChecked, all.get(0), List.copyOf(all.subList(1, all.size())),
                signedEntries);
    }

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
        TRUNCATED,
        /** The audit tables, triggers or indexes differ from what the migrations made (dropped or altered). */
        SCHEMA_CHANGED,
        /** A signer's record (its first use) no longer matches the signed tree heads it made. */
        SIGNER_CHANGED,
        /** SQLite's integrity check found damaged pages, or an index that does not match its table. */
        DAMAGED,
        /** The file is missing, empty, not SQLite, or cannot be read. */
        UNREADABLE,
        /** The file is a SQLite database but holds no audit log. */
        NOT_AN_AUDIT_LOG
    }

    /** The report for a file that is not a readable audit log (no entry checked). */
    static VerifyReport unreadable(Kind kind, String message) {
        return new VerifyReport(0, new TreeHead(0, MerkleTree.emptyRoot()), 0, new Problem(kind, -1, message));
    }

    /**
     * The first problem found.
     *
     * @param seq the first entry that is wrong (or missing); -1 when the problem is the file or its schema, not
     *            one entry
     */
    public record Problem(Kind kind, long seq, String message) {
    }

    /** True when every check passed. */
    public boolean ok() {
        return problem == null;
    }

    /** True when the file could not be read as an audit log at all (as opposed to a log that was tampered with). */
    public boolean unreadable() {
        return problem != null && (problem.kind() == Kind.UNREADABLE || problem.kind() == Kind.NOT_AN_AUDIT_LOG);
    }

    /** One line for a manager or a log file. */
    public String summary() {
        if (ok()) {
            return "OK: " + entries + " entries, root " + head.rootHex() + ", " + checkpointsChecked
                    + " signed tree heads checked";
        }
        StringBuilder b = new StringBuilder(line(problem));
        for (Problem p : more) {
            b.append(System.lineSeparator()).append("  also ").append(line(p));
        }
        return b.toString();
    }

    private String line(Problem p) {
        if (p.seq() < 0) {
            return (unreadable() ? "UNREADABLE" : "FAILED") + " (" + p.kind() + "): " + p.message();
        }
        return "FAILED at entry " + p.seq() + " (" + p.kind() + "): " + p.message();
    }
}
