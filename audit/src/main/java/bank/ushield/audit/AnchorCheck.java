package bank.ushield.audit;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks the log against head office's acknowledgement (docs/audit-format.md, "Anchoring"): a log with fewer entries
 * than head office acknowledged was truncated or rolled back; a different root at the acknowledged size was
 * rewritten. The acknowledgement comes from the database (the newest stored) or from a file head office exported,
 * whichever covers more: deleting the table must not hide a rollback.
 */
public final class AnchorCheck {

    private AnchorCheck() {
    }

    /** What the check found. */
    public enum Kind {
        /** The log holds the acknowledged tree unchanged. */
        OK,
        /** No acknowledgement to compare with (never synchronised, or none given). */
        NO_ACKNOWLEDGEMENT,
        /** Fewer entries than head office acknowledged: truncated, wiped or an older copy restored. */
        ROLLED_BACK,
        /** The first acknowledged entries hash to another root: history was rewritten. */
        REWRITTEN,
        /** The acknowledgement's signature is not head office's, or it is for another workstation. */
        BAD_ACKNOWLEDGEMENT
    }

    /** The outcome, with a sentence an inspector reads. */
    public record Result(Kind kind, long acknowledgedSize, Instant acknowledgedAt, long logSize, String message) {
        /** True when nothing contradicts head office's acknowledgement (also when there is none). */
        public boolean ok() {
            return kind == Kind.OK || kind == Kind.NO_ACKNOWLEDGEMENT;
        }
    }

    /** Entries written since the newest acknowledgement, and how long ago it was made: what is not anchored yet. */
    public record Window(long entries, Optional<Instant> lastAcknowledgedAt, long acknowledgedSize) {
        /** The time since the last acknowledgement, or empty when there was none. */
        public Optional<Duration> age(Instant now) {
            return lastAcknowledgedAt.map(at -> Duration.between(at, now));
        }
    }

    /**
     * Checks the log in {@code jdbi} against the newest stored acknowledgement and {@code fromFile}, whichever covers
     * more entries. With {@code headOffice} given, the acknowledgement's signature is checked with it.
     */
    public static Result check(Jdbi jdbi, String workstation, Optional<AnchorAcknowledgement> fromFile,
                               Optional<PublicKey> headOffice) {
        return jdbi.withHandle(h -> {
            Optional<AnchorAcknowledgement> stored = AnchorStore.latest(h);
            Optional<AnchorAcknowledgement> ack = stored;
            if (fromFile.isPresent() && (ack.isEmpty() || fromFile.get().treeSize() >= ack.get().treeSize())) {
                ack = fromFile;
            }
            if (ack.isEmpty()) {
                return new Result(Kind.NO_ACKNOWLEDGEMENT, 0, null, AuditEntryStore.size(h),
                        "no head-office acknowledgement to compare with");
            }
            AnchorAcknowledgement a = ack.get();
            if (headOffice.isPresent() && !a.verify(headOffice.get())) {
                return new Result(Kind.BAD_ACKNOWLEDGEMENT, a.treeSize(), a.acknowledgedAt(), AuditEntryStore.size(h),
                        "the head-office acknowledgement of " + a.treeSize() + " entries is not signed by head office's key");
            }
            if (workstation != null && !workstation.equals(a.workstation())) {
                return new Result(Kind.BAD_ACKNOWLEDGEMENT, a.treeSize(), a.acknowledgedAt(), AuditEntryStore.size(h),
                        "the head-office acknowledgement is for workstation " + a.workstation() + ", not " + workstation);
            }
            return check(h, a);
        });
    }

    /**
     * As {@link #check(Jdbi, String, Optional, Optional)}, but trusting no row of the file: every stored
     * acknowledgement must be signed by one of head office's pinned keys and name this workstation (an insider can
     * insert or edit a row in audit_anchor); the first that is not is reported. Then the log is compared with the
     * newest, stored or from the file. With no keys given, nothing can be checked and the rows are trusted.
     */
    public static Result check(Jdbi jdbi, String workstation, Optional<AnchorAcknowledgement> fromFile,
                               java.util.Collection<PublicKey> headOffice) {
        if (headOffice.isEmpty()) {
            return check(jdbi, workstation, fromFile, Optional.empty());
        }
        Optional<Result> forged = jdbi.withHandle(h -> {
            for (AnchorAcknowledgement a : AnchorStore.all(h)) {
                Optional<Result> bad = unsigned(a, workstation, headOffice, AuditEntryStore.size(h), "stored ");
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.<Result>empty();
        });
        if (forged.isPresent()) {
            return forged.get();
        }
        if (fromFile.isPresent()) {
            long size = jdbi.withHandle(AuditEntryStore::size);
            Optional<Result> bad = unsigned(fromFile.get(), workstation, headOffice, size, "");
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        return check(jdbi, workstation, fromFile, Optional.empty());
    }

    private static Optional<Result> unsigned(AnchorAcknowledgement a, String workstation,
                                             java.util.Collection<PublicKey> headOffice, long logSize, String where) {
        String date = AuditEntry.formatTime(a.acknowledgedAt());
        if (headOffice.stream().noneMatch(a::verify)) {
            return Optional.of(new Result(Kind.BAD_ACKNOWLEDGEMENT, a.treeSize(), a.acknowledgedAt(), logSize,
                    "the " + where + "head-office acknowledgement of " + a.treeSize() + " entries dated " + date
                    + " is not signed by head office's key: it was made or changed outside head office"));
        }
        if (workstation != null && !workstation.equals(a.workstation())) {
            return Optional.of(new Result(Kind.BAD_ACKNOWLEDGEMENT, a.treeSize(), a.acknowledgedAt(), logSize,
                    "the " + where + "head-office acknowledgement dated " + date + " is for workstation "
                    + a.workstation() + ", not " + workstation));
        }
        return Optional.empty();
    }

    /** Compares the log on {@code h} with one acknowledgement (its signature already checked). */
    public static Result check(Handle h, AnchorAcknowledgement a) {
        long size = AuditEntryStore.size(h);
        String date = AuditEntry.formatTime(a.acknowledgedAt());
        if (size < a.treeSize()) {
            return new Result(Kind.ROLLED_BACK, a.treeSize(), a.acknowledgedAt(), size, "head office acknowledged "
                    + a.treeSize() + " entries on " + date + "; this file has " + size
                    + ": the log was truncated, wiped or restored from an older copy");
        }
        byte[] root;
        try (NodeStore nodes = new NodeStore(h)) {
            root = Frontier.load(a.treeSize(), nodes).root();
        } catch (RuntimeException e) {
            // A missing node or leaf below the acknowledged size: the stored tree no longer has those entries.
            return new Result(Kind.ROLLED_BACK, a.treeSize(), a.acknowledgedAt(), size,
                    "head office acknowledged " + a.treeSize() + " entries on " + date
                    + "; this file no longer holds all of them (" + e.getMessage() + ")");
        }
        if (!Arrays.equals(root, a.rootHash())) {
            return new Result(Kind.REWRITTEN, a.treeSize(), a.acknowledgedAt(), size, "head office acknowledged "
                    + a.treeSize() + " entries on " + date + " with root " + a.rootHex()
                    + "; the first " + a.treeSize() + " entries of this file hash to "
                    + java.util.HexFormat.of().formatHex(root) + ": history was rewritten");
        }
        return new Result(Kind.OK, a.treeSize(), a.acknowledgedAt(), size, "head office acknowledged " + a.treeSize()
                + " entries on " + date + "; this file holds them unchanged and " + (size - a.treeSize()) + " more");
    }

    /** The newest stored acknowledgement, if any. */
    public static Optional<AnchorAcknowledgement> latest(Jdbi jdbi) {
        return jdbi.withHandle(AnchorStore::latest);
    }

    /** The newest stored acknowledgement, read on the caller's handle. */
    public static Optional<AnchorAcknowledgement> latest(Handle h) {
        return AnchorStore.latest(h);
    }

    /** Stores an acknowledgement (inside the caller's transaction); check it with {@link #check(Handle, AnchorAcknowledgement)} first. */
    public static void store(Handle h, AnchorAcknowledgement a, Instant receivedAt) {
        AnchorStore.insert(h, a, receivedAt);
    }

    /** The unanchored window: entries after the newest acknowledged tree, and when that acknowledgement was made. */
    public static Window window(Jdbi jdbi) {
        return jdbi.withHandle(AnchorCheck::window);
    }

    /** As {@link #window(Jdbi)}, on the caller's handle. */
    public static Window window(Handle h) {
        Optional<AnchorAcknowledgement> a = AnchorStore.latest(h);
        long size = AuditEntryStore.size(h);
        long acked = a.map(AnchorAcknowledgement::treeSize).orElse(0L);
        return new Window(Math.max(0, size - acked), a.map(AnchorAcknowledgement::acknowledgedAt), acked);
    }
}
