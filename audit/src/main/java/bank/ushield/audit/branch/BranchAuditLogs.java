package bank.ushield.audit.branch;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.DailyReview;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.TreeHead;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.Database;
import bank.ushield.db.Engine;

/**
 * Every workstation's audit log of a branch, as the manager reads them at one workstation (docs/adr/0089): which
 * workstations have a log, each log verified on its own (its own tree, its own signed heads and key, head office's
 * acknowledgement of it), and the branch sign-offs' named heads checked against the logs they name, so a log
 * rewritten after a sign-off covered it is caught. Another workstation's log is read through a read-only session
 * as that workstation ({@link Database#readerFor}); nothing here writes. On a SQLite file: its one workstation.
 */
public final class BranchAuditLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final String ownWorkstation;
    private final Function<String, Collection<X509Certificate>> trusted;
    private final Collection<PublicKey> headOffice;

    /**
     * @param database       the manager's workstation's database (its own session)
     * @param ownWorkstation that workstation's id
     * @param trusted        the certificates a workstation's heads must be signed by; empty: the signer certificates
     *                       stored in its log (each self-signed and first-use checked), as an unpinned check
     * @param headOffice     head office's pinned keys, against which each log's acknowledgements are checked
     */
    public BranchAuditLogs(Database database, String ownWorkstation,
                           Function<String, Collection<X509Certificate>> trusted, Collection<PublicKey> headOffice) {
        this.database = Objects.requireNonNull(database, "database");
        this.ownWorkstation = Objects.requireNonNull(ownWorkstation, "ownWorkstation");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.headOffice = List.copyOf(headOffice);
    }

    /** A workstation of the branch: its id, the name the branch gave it (or its id), whether it is this one. */
    public record Workstation(String id, String name, boolean own) {
    }

    /**
     * The branch's workstations: every one with a log in the database and every one registered in its workstation
     * table (a log is listed even when its row is missing, so removing the row hides nothing), this one first, then
     * by id. On a SQLite file, this workstation only.
     */
    public List<Workstation> workstations() {
        ReviewQueries queries = ReviewQueries.branch(database, java.time.ZoneOffset.UTC);
        if (!queries.severalLogs()) {
            String name = safeNames(queries).getOrDefault(ownWorkstation, ownWorkstation);
            return List.of(new Workstation(ownWorkstation, name, true));
        }
        Map<String, String> names = safeNames(queries);
        TreeSet<String> ids = new TreeSet<>(queries.workstations());
        ids.addAll(names.keySet());
        ids.remove(ownWorkstation);
        List<Workstation> out = new ArrayList<>();
        out.add(new Workstation(ownWorkstation, names.getOrDefault(ownWorkstation, ownWorkstation), true));
        ids.forEach(id -> out.add(new Workstation(id, names.getOrDefault(id, id), false)));
        return out;
    }

    private static Map<String, String> safeNames(ReviewQueries queries) {
        try {
            return queries.workstationNames();
        } catch (RuntimeException e) {
            // A file without the core tables (an audit log copied alone) has no names: ids are shown instead.
            return Map.of();
        }
    }

    /**
     * One workstation's log as verified.
     *
     * @param report     the hash, tree, signature and schema checks ({@link AuditVerifier})
     * @param anchor     the log against head office's newest acknowledgement of it
     * @param signedOff  a branch sign-off named a head of this log that the log no longer has, or null
     * @param keyPinned  whether the heads were checked against a pinned certificate (else against the log's own)
     */
    public record LogCheck(Workstation workstation, VerifyReport report, AnchorCheck.Result anchor,
                           SignOffMismatch signedOff, boolean keyPinned) {

        /** Every check passed. */
        public boolean ok() {
            return report.ok() && anchor.ok() && signedOff == null;
        }
    }

    /**
     * A branch sign-off (in {@code signedAt}'s log, entry {@code signOffSeq}, for {@code day}) named this log's head
     * over {@code treeSize} entries with {@code rootHex}; the log now has {@code foundRootHex} there (null: it has
     * fewer entries).
     */
    public record SignOffMismatch(String signedAt, long signOffSeq, String day, long treeSize, String rootHex,
                                  String foundRootHex) {

        /** One sentence for the details pane and the log file. */
        public String message() {
            return "The sign-off of " + day + " (entry " + signOffSeq + " of workstation " + signedAt + ") covered "
                    + treeSize + " entries of this log with root " + rootHex + (foundRootHex == null
                    ? "; the log now has fewer entries: entries were removed after the sign-off."
                    : "; the log now has root " + foundRootHex + " there: it was rewritten after the sign-off.");
        }
    }

    /**
     * Verifies every workstation's log, each against its own signed heads and key and head office's acknowledgement,
     * then the heads named by branch sign-offs against the logs that verified. {@code progress} gets the entries
     * checked so far across the branch.
     */
    public List<LogCheck> verify(LongConsumer progress) {
        List<LogCheck> checks = new ArrayList<>();
        long done = 0;
        for (Workstation w : workstations()) {
            Collection<X509Certificate> keys = trusted.apply(w.id());
            LogCheck check;
            try {
                check = read(w.id(), db -> new LogCheck(w, AuditVerifier.verify(db.jdbi(), keys),
                        AnchorCheck.check(db.jdbi(), w.id(), Optional.empty(), headOffice), null, !keys.isEmpty()));
            } catch (RuntimeException e) {
                // A log that cannot even be opened (a workstation row with an id no session may take, a lost
                // connection) fails on its own; the other logs are still checked.
                check = new LogCheck(w, new VerifyReport(0, new TreeHead(0, MerkleTree.emptyRoot()), 0,
                        new VerifyReport.Problem(VerifyReport.Kind.UNREADABLE, -1,
                                "The log of workstation " + w.id() + " cannot be read: " + e.getMessage())),
                        new AnchorCheck.Result(AnchorCheck.Kind.NO_ACKNOWLEDGEMENT, 0, null, 0, "not read"), null,
                        !keys.isEmpty());
            }
            checks.add(check);
            done += check.report().entries();
            progress.accept(done);
        }
        return signOffsChecked(checks);
    }

    /** Each verified log against every head a branch sign-off named for it. */
    private List<LogCheck> signOffsChecked(List<LogCheck> checks) {
        Map<String, List<NamedHead>> named = namedHeads();
        List<LogCheck> out = new ArrayList<>();
        for (LogCheck c : checks) {
            SignOffMismatch mismatch = null;
            if (c.report().ok()) {
                long size = c.report().entries();
                for (NamedHead n : named.getOrDefault(c.workstation().id(), List.of())) {
                    if (n.treeSize() > size) {
                        mismatch = n.mismatch(null);
                        break;
                    }
                    // Below the verified size every stored node was just recomputed, so the head read from them is.
                    String found = read(c.workstation().id(), db -> {
                        try (AuditLog log = AuditLog.open(db, c.workstation().id())) {
                            return log.treeHead(n.treeSize()).rootHex();
                        }
                    });
                    if (!found.equalsIgnoreCase(n.rootHex())) {
                        mismatch = n.mismatch(found);
                        break;
                    }
                }
            }
            out.add(mismatch == null ? c : new LogCheck(c.workstation(), c.report(), c.anchor(), mismatch, c.keyPinned()));
        }
        return out;
    }

    private record NamedHead(String signedAt, long signOffSeq, String day, long treeSize, String rootHex) {
        SignOffMismatch mismatch(String found) {
            return new SignOffMismatch(signedAt, signOffSeq, day, treeSize, rootHex, found);
        }
    }

    /** The heads every branch sign-off in any log named, by the workstation whose log they are of. */
    private Map<String, List<NamedHead>> namedHeads() {
        ReviewQueries queries = ReviewQueries.branch(database, java.time.ZoneOffset.UTC);
        ReviewQueries.Filter signOffs = new ReviewQueries.Filter(null, null, null, null,
                ReviewQueries.SIGN_OFF_TYPE, null, null);
        Map<String, List<NamedHead>> out = new LinkedHashMap<>();
        long count = queries.count(signOffs);
        for (long offset = 0; offset < count; offset += 500) {
            for (ReviewQueries.Row r : queries.page(signOffs, ReviewQueries.Order.SEQ, true, offset, 500)) {
                JsonNode d = queries.details(r.workstation(), r.seq()).map(BranchAuditLogs::json).orElse(null);
                if (d == null || !d.path(DailyReview.LOGS_DETAIL).isArray()) {
                    continue;
                }
                for (JsonNode head : d.path(DailyReview.LOGS_DETAIL)) {
                    out.computeIfAbsent(head.path("workstation").asText(), k -> new ArrayList<>())
                            .add(new NamedHead(r.workstation(), r.seq(), d.path("day").asText(),
                                    head.path("treeSize").asLong(), head.path("rootHash").asText()));
                }
            }
        }
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** What a branch sign-off names of one log: the head it covered ({@link DailyReview#namedHead}). */
    public static Map<String, Object> namedHead(String workstation, TreeHead head) {
        return DailyReview.namedHead(workstation, head);
    }

    /**
     * Runs {@code work} on {@code workstation}'s log: this session's database for this workstation (and for a SQLite
     * file), else a read-only session as that workstation, closed afterwards.
     */
    public <T> T read(String workstation, Function<Database, T> work) {
        if (workstation.equals(ownWorkstation) || database.engine() != Engine.POSTGRESQL) {
            return work.apply(database);
        }
        try (Database reader = database.readerFor(workstation)) {
            return work.apply(reader);
        }
    }

    /** This workstation's id. */
    public String ownWorkstation() {
        return ownWorkstation;
    }
}
