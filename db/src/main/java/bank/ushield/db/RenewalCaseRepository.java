package bank.ushield.db;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Low-level persistence of renewal cases and their state history. Every change checks the row's {@code version}
 * (optimistic lock) and writes the history row in the same transaction. Calls made inside a caller's
 * {@code jdbi.inTransaction(...)} on the same thread join that transaction (Jdbi reuses the thread's handle), so the
 * renewal module can write a case change and its audit entry atomically. Legal transitions are not checked here.
 */
public final class RenewalCaseRepository {
    private static final RowMapper<RenewalCaseRow> CASE = ShapeKeptRowMapper.of(RenewalCaseRow.class);
    private static final RowMapper<CaseStateChange> CHANGE = ShapeKeptRowMapper.of(CaseStateChange.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public RenewalCaseRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Marks queued cases as sent in request batch {@code batchId} (ca-sync's export), inside the caller's transaction
     * on {@code h}. One count per case: 1 when it was still unsent, 0 when another batch took it meanwhile.
     */
    public int[] markRequestBatch(Handle h, long batchId, String now, List<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return new int[0];
        }
        var mark = h.prepareBatch("UPDATE renewal_case SET request_batch_id = :batch, updated_at = :now "
                + "WHERE id = :id AND request_batch_id IS NULL");
        for (Long id : caseIds) {
            mark.bind("batch", batchId).bind("now", now).bind("id", id).add();
        }
        return mark.execute();
    }

    /**
     * Moves the case to {@code to} with its history row, inside the caller's transaction on {@code h} and without a
     * version check: a head-office answer arrives for a case no teller holds. For ABORTED, {@code reason} is the
     * abort reason; otherwise the abort reason is cleared.
     */
    public void moveState(Handle h, long caseId, CaseState to, String actor, String reason) {
        Instant now = clock.instant();
        CaseState from = h.createQuery("SELECT state FROM renewal_case WHERE id = :id").bind("id", caseId)
                .mapTo(CaseState.class).one();
        h.createUpdate("UPDATE renewal_case SET state = :to, abort_reason = :reason, updated_at = :now, "
                        + "version = version + 1 WHERE id = :id")
                .bind("to", to).bind("reason", to == CaseState.ABORTED ? reason : null).bind("now", now)
                .bind("id", caseId).execute();
        insertHistory(h, caseId, from, to, actor, reason, now);
    }

    /** Opens a case in state OPENED (version 0) with its first history row; the teller is the actor. */
    public RenewalCaseRow open(String caseNo, String workstationId, String tellerLogin, Long customerId, Long tokenId,
                               Long oldCertificateId) {
        Instant now = clock.instant();
        return Sql.checked("Renewal case " + caseNo, () -> jdbi.inTransaction(h -> {
            long id = insertOpened(h, caseNo, workstationId, tellerLogin, customerId, tokenId, oldCertificateId, now);
            return find(id).orElseThrow();
        }));
    }

    /**
     * Writes all changeable fields of the row if the stored version is still {@code changed.version()}; when the
     * state differs from the stored one, adds a history row. Returns the stored row (version + 1).
     *
     * @throws CaseVersionConflictException when the case was changed since it was read
     */
    public RenewalCaseRow update(RenewalCaseRow changed, String actor, String reason) {
        Objects.requireNonNull(actor, "actor");
        Instant now = clock.instant();
        return Sql.checked("Renewal case " + changed.caseNo(), () -> jdbi.inTransaction(h -> {
            CaseState before = h.createQuery("SELECT state FROM renewal_case WHERE id = :id")
                    .bind("id", changed.id()).mapTo(CaseState.class).findOne()
                    .orElseThrow(() -> new DatabaseException("No renewal case " + changed.id()));
            int rows = h.createUpdate("UPDATE renewal_case SET customer_id = :customer, token_id = :token, "
                            + "old_certificate_id = :oldCert, new_certificate_id = :newCert, state = :state, "
                            + "abort_reason = :abortReason, new_key_id = :keyId, csr_der = :csr, csr_key_sha256 = :csrKey, "
                            + "request_batch_id = :batch, updated_at = :now, version = version + 1 "
                            + "WHERE id = :id AND version = :version")
                    .bind("customer", changed.customerId()).bind("token", changed.tokenId())
                    .bind("oldCert", changed.oldCertificateId()).bind("newCert", changed.newCertificateId())
                    .bind("state", changed.state()).bind("abortReason", changed.abortReason())
                    .bind("keyId", changed.newKeyId()).bind("csr", changed.csrDer()).bind("csrKey", changed.csrKeySha256())
                    .bind("batch", changed.requestBatchId()).bind("now", now)
                    .bind("id", changed.id()).bind("version", changed.version())
                    .execute();
            if (rows != 1) {
                throw new CaseVersionConflictException(changed.id(), changed.version());
            }
            if (before != changed.state()) {
                insertHistory(h, changed.id(), before, changed.state(), actor, reason, now);
            }
            return find(changed.id()).orElseThrow();
        }));
    }

    /**
     * Moves the case to {@code newState} if it is still at {@code expectedVersion}; for ABORTED the reason is the
     * abort reason (required by the schema). Other fields stay as stored.
     *
     * @throws CaseVersionConflictException when the case was changed since it was read
     */
    public RenewalCaseRow updateState(long caseId, long expectedVersion, CaseState newState, String actor, String reason) {
        return jdbi.inTransaction(h -> {
            RenewalCaseRow current = find(caseId).orElseThrow(() -> new DatabaseException("No renewal case " + caseId));
            if (current.version() != expectedVersion) {
                throw new CaseVersionConflictException(caseId, expectedVersion);
            }
            return update(current.withState(newState, reason), actor, reason);
        });
    }

    /** Adds a history row without changing the case (e.g. a manager's override noted at the current state). */
    public CaseStateChange recordHistory(long caseId, CaseState from, CaseState to, String actor, String reason) {
        Instant now = clock.instant();
        return Sql.checked("Case history", () -> jdbi.withHandle(h -> {
            long id = insertHistory(h, caseId, from, to, actor, reason, now);
            return h.createQuery("SELECT * FROM case_state_history WHERE id = :id").bind("id", id).map(CHANGE).one();
        }));
    }

    private static long insertHistory(Handle h, long caseId, CaseState from, CaseState to, String actor, String reason,
                                      Instant at) {
        return h.createUpdate("INSERT INTO case_state_history (case_id, from_state, to_state, actor, reason, at) "
                        + "VALUES (:c, :from, :to, :actor, :reason, :at)")
                .bind("c", caseId).bind("from", from).bind("to", to).bind("actor", actor).bind("reason", reason)
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<RenewalCaseRow> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE id = :id")
                .bind("id", id).map(CASE).findOne());
    }

    public Optional<RenewalCaseRow> findByCaseNo(String caseNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE case_no = :no")
                .bind("no", caseNo).map(CASE).findOne());
    }

    /** The case whose CSR carries this public key (SHA-256 of the SubjectPublicKeyInfo, hex): how a certificate finds its case. */
    public Optional<RenewalCaseRow> findByCsrKey(String csrKeySha256Hex) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE csr_key_sha256 = :k")
                .bind("k", csrKeySha256Hex).map(CASE).findOne());
    }

    /** Cases whose requests went out in this batch. */
    public List<RenewalCaseRow> ofRequestBatch(long batchId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE request_batch_id = :b ORDER BY id")
                .bind("b", batchId).map(CASE).list());
    }

    /** Cases in any of these states, least recently changed first (e.g. CSR_QUEUED cases waiting for a batch). */
    public List<RenewalCaseRow> inStates(Collection<CaseState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE state IN (<states>) ORDER BY updated_at, id")
                .bindList("states", states.stream().map(Enum::name).toList()).map(CASE).list());
    }

    /** Cases not COMPLETED nor ABORTED, least recently changed first: what to offer to resume or close at start. */
    public List<RenewalCaseRow> unfinished() {
        return inStates(CaseState.open());
    }

    /** A teller's cases opened on a calendar day in the branch's time zone, in opening order. */
    public List<RenewalCaseRow> ofTellerOnDay(String tellerLogin, LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE teller_login = :t "
                        + "AND opened_at >= :from AND opened_at < :to ORDER BY opened_at, id")
                .bind("t", tellerLogin).bind("from", from).bind("to", to).map(CASE).list());
    }

    /** All cases opened in [from, to), in opening order (the manager's daily review). */
    public List<RenewalCaseRow> openedBetween(Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE opened_at >= :from AND opened_at < :to "
                        + "ORDER BY opened_at, id")
                .bind("from", from).bind("to", to).map(CASE).list());
    }

    /** A customer's cases, newest first. */
    public List<RenewalCaseRow> ofCustomer(long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM renewal_case WHERE customer_id = :c ORDER BY opened_at DESC, id DESC")
                .bind("c", customerId).map(CASE).list());
    }

    /** The case's state history in order. */
    public List<CaseStateChange> history(long caseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM case_state_history WHERE case_id = :c ORDER BY id")
                .bind("c", caseId).map(CHANGE).list());
    }

    // ---- On the caller's handle, for renewal's CaseStore (the case and its audit entry in one transaction). ----

    /** The case row joined with renewal's progress and pending manager authorisation (renewal's case view). */
    private static final String WITH_PROGRESS = """
            SELECT c.*, p.token_serial, p.old_key_id, p.key_generation_started_at, p.self_test_passed_at,
                   p.self_test_failure, p.rejection_reason, p.install_started_at,
                   (SELECT a.exception_code FROM manager_authorisation a
                     WHERE a.case_id = c.id AND a.status = 'PENDING') AS pending_exception
              FROM renewal_case c LEFT JOIN renewal_case_progress p ON p.case_id = c.id
            """;

    /** The renewal_case columns a step may set besides the state (never state, version or the keys). */
    private static final java.util.Set<String> STEP_COLUMNS = java.util.Set.of("token_id", "old_certificate_id",
            "new_certificate_id", "new_key_id", "csr_der", "csr_key_sha256", "request_batch_id", "queued_by");

    /** How many case numbers start with {@code prefix} (to number the next case of a workstation and day). */
    public static int countCaseNumbers(Handle h, String prefix) {
        return h.createQuery("SELECT count(*) FROM renewal_case WHERE case_no LIKE :p")
                .bind("p", prefix + "%").mapTo(Integer.class).one();
    }

    /** Inserts a case in state OPENED (version 0) with its first history row; returns its id. */
    public static long insertOpened(Handle h, String caseNo, String workstationId, String tellerLogin, Long customerId,
                                    Long tokenId, Long oldCertificateId, Instant now) {
        long id = h.createUpdate("""
                        INSERT INTO renewal_case (case_no, workstation_id, teller_login, customer_id, token_id,
                            old_certificate_id, state, opened_at, updated_at, version)
                        VALUES (:no, :ws, :teller, :customer, :token, :oldCert, :opened, :now, :now, 0)""")
                .bind("no", caseNo).bind("ws", workstationId).bind("teller", tellerLogin)
                .bind("customer", customerId).bind("token", tokenId).bind("oldCert", oldCertificateId)
                .bind("opened", CaseState.OPENED.name()).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        insertHistory(h, id, null, CaseState.OPENED, tellerLogin, null, now);
        return id;
    }

    /**
     * Moves the case from {@code from} at {@code version} to {@code to} with its history row; returns false (nothing
     * written) when the case changed meanwhile. Legal transitions are the caller's check (and the V30 trigger's).
     */
    public static boolean moveState(Handle h, long caseId, CaseState from, long version, CaseState to,
                                    String abortReason, String actor, Instant now) {
        int rows = h.createUpdate("""
                        UPDATE renewal_case SET state = :to, abort_reason = :reason, updated_at = :now,
                               version = version + 1
                         WHERE id = :id AND state = :from AND version = :version""")
                .bind("to", to.name()).bind("reason", abortReason).bind("now", now)
                .bind("id", caseId).bind("from", from.name()).bind("version", version)
                .execute();
        if (rows != 1) {
            return false;
        }
        insertHistory(h, caseId, from, to, actor, abortReason, now);
        return true;
    }

    /** Sets one of the step columns of renewal_case, bumping the version so stale snapshots are caught. */
    public static void setStepColumn(Handle h, long caseId, String column, Object value) {
        if (!STEP_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a step column of renewal_case: " + column);
        }
        h.createUpdate("UPDATE renewal_case SET " + column + " = :v, version = version + 1 WHERE id = :id")
                .bind("v", value).bind("id", caseId).execute();
    }

    /**
     * Sets one of the step columns if the case is still at {@code version}, bumping it; false (nothing written) when
     * the case changed since it was read.
     */
    public static boolean setStepColumnAt(Handle h, long caseId, long version, String column, Object value) {
        if (!STEP_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a step column of renewal_case: " + column);
        }
        return h.createUpdate("UPDATE renewal_case SET " + column + " = :v, version = version + 1 "
                        + "WHERE id = :id AND version = :version")
                .bind("v", value).bind("id", caseId).bind("version", version).execute() == 1;
    }

    /** A case by id, in renewal's view. */
    public static <T> Optional<T> withProgress(Handle h, long id, RowMapper<T> mapper) {
        return h.createQuery(WITH_PROGRESS + " WHERE c.id = :id").bind("id", id).map(mapper).findOne();
    }

    /** A case by number, in renewal's view. */
    public static <T> Optional<T> withProgressByNo(Handle h, String caseNo, RowMapper<T> mapper) {
        return h.createQuery(WITH_PROGRESS + " WHERE c.case_no = :no").bind("no", caseNo).map(mapper).findOne();
    }

    /** The case holding a pending CSR with this public key hash, in renewal's view. */
    public static <T> Optional<T> withProgressByCsrKey(Handle h, String csrKeySha256, RowMapper<T> mapper) {
        return h.createQuery(WITH_PROGRESS + " WHERE c.csr_key_sha256 = :k").bind("k", csrKeySha256)
                .map(mapper).findOne();
    }

    /** Cases in any of the states, least recently changed first, in renewal's view. */
    public static <T> List<T> withProgressInStates(Handle h, Collection<CaseState> states, RowMapper<T> mapper) {
        if (states.isEmpty()) {
            return List.of();
        }
        return h.createQuery(WITH_PROGRESS + " WHERE c.state IN (<states>) ORDER BY c.updated_at, c.id")
                .bindList("states", states.stream().map(Enum::name).toList())
                .map(mapper).list();
    }

    /** The open (not terminal) cases of a customer, oldest first, in renewal's view. */
    public static <T> List<T> withProgressOpenOfCustomer(Handle h, long customerId, RowMapper<T> mapper) {
        return h.createQuery(WITH_PROGRESS + " WHERE c.customer_id = :c AND c.state IN (<open>) ORDER BY c.id")
                .bind("c", customerId).bindList("open", CaseState.open().stream().map(Enum::name).toList())
                .map(mapper).list();
    }

    /** The state history of a case, oldest first, as "FROM->TO" strings. */
    public static List<String> historyLines(Handle h, long caseId) {
        return h.createQuery("SELECT coalesce(from_state, '') || '->' || to_state FROM case_state_history "
                        + "WHERE case_id = :id ORDER BY id")
                .bind("id", caseId).mapTo(String.class).list();
    }
}
