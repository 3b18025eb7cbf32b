package bank.ushield.renewal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import bank.ushield.db.CaseState;
import bank.ushield.db.RenewalCaseRepository;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;

/**
 * Reads and writes renewal cases on the caller's {@link Handle}, so the caller decides the transaction. A state
 * change checks the transition table and the row version (optimistic lock) and writes the history row. The SQL on
 * renewal_case is db's {@link RenewalCaseRepository} (its one writer); this store adds renewal's progress rows.
 */
public final class CaseStore {

    /** Inserts a new OPENED case with its first history row; the case number is workstation, date and a counter. */
    public RenewalCase insert(Handle h, String workstationId, String tellerLogin, long customerId, Long tokenId,
                              Long oldCertificateId, Instant now) {
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(now, ZoneOffset.UTC));
        String prefix = workstationId + "-" + day + "-";
        int n = RenewalCaseRepository.countCaseNumbers(h, prefix);
        String caseNo = prefix + String.format("%04d", n + 1);
        long id = RenewalCaseRepository.insertOpened(h, caseNo, workstationId, tellerLogin, customerId, tokenId,
                oldCertificateId, now);
        h.createUpdate("INSERT INTO renewal_case_progress (case_id) VALUES (:id)").bind("id", id).execute();
        // What was just written, without reading it back (ADR 0094).
        return new RenewalCase(id, caseNo, workstationId, tellerLogin, customerId, tokenId, oldCertificateId, null,
                CaseState.OPENED, null, null, null, null, now, now, 0, null, null, null, null, null, null, null, null);
    }

    /**
     * Locks the customer's row until the transaction ends (a no-op write: portable, and on SQLite the write lock), so
     * the check for an open case and the insert of a new one are not interleaved by another workstation.
     */
    public void lockCustomer(Handle h, long customerId) {
        h.createUpdate("UPDATE customer SET customer_no = customer_no WHERE id = :id").bind("id", customerId).execute();
    }

    public Optional<RenewalCase> find(Handle h, long id) {
        return RenewalCaseRepository.withProgress(h, id, CaseStore::map);
    }

    public Optional<RenewalCase> findByNo(Handle h, String caseNo) {
        return RenewalCaseRepository.withProgressByNo(h, caseNo, CaseStore::map);
    }

    /** The case, or a CASE_NOT_FOUND problem. */
    public RenewalCase require(Handle h, long id) {
        return find(h, id).orElseThrow(() -> new RenewalException(ProblemCode.CASE_NOT_FOUND, id));
    }

    /** Cases in any of the given states, oldest change first. */
    public List<RenewalCase> inStates(Handle h, Collection<CaseState> states) {
        return RenewalCaseRepository.withProgressInStates(h, states, CaseStore::map);
    }

    /** The open cases of one customer. */
    public List<RenewalCase> openForCustomer(Handle h, long customerId) {
        return RenewalCaseRepository.withProgressOpenOfCustomer(h, customerId, CaseStore::map);
    }

    /** The case holding a pending CSR with this public key hash (how an issued certificate finds its case). */
    public Optional<RenewalCase> findByCsrKey(Handle h, String csrKeySha256) {
        return RenewalCaseRepository.withProgressByCsrKey(h, csrKeySha256, CaseStore::map);
    }

    /**
     * Moves the case from its current state to {@code to}; refuses a transition the table does not allow and a
     * case that changed since {@code current} was read. Returns the case as moved, computed from {@code current}
     * (the version check guarantees the row was {@code current}); a caller that changed progress or authorisation
     * rows since reading {@code current} reads the case again if it needs them.
     */
    public RenewalCase move(Handle h, RenewalCase current, CaseState to, String actorLogin, AbortReason reason,
                            Instant now) {
        if (!current.state().canMoveTo(to)) {
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, current.caseNo(), current.state(), to);
        }
        if ((to == CaseState.ABORTED) != (reason != null)) {
            throw new IllegalArgumentException("an abort needs a reason, and only an abort has one");
        }
        if (!RenewalCaseRepository.moveState(h, current.id(), current.state(), current.version(), to,
                reason == null ? null : reason.name(), actorLogin, now)) {
            throw new RenewalException(ProblemCode.CASE_CHANGED_ELSEWHERE, current.caseNo());
        }
        if (to.terminal()) {
            new CaseClaimStore().release(h, current.id()); // a closed case is no counter's
        }
        Snapshot moved = new Snapshot(current);
        moved.state = to;
        moved.abortReason = reason;
        moved.updatedAt = now;
        moved.version = current.version() + 1;
        return moved.build();
    }

    /**
     * Sets a renewal_case column of {@code current} if the case is still at its version (refused with
     * CASE_CHANGED_ELSEWHERE otherwise) and returns the case as written, without reading it back.
     */
    public RenewalCase setCaseColumn(Handle h, RenewalCase current, CaseColumn column, Object value) {
        if (!RenewalCaseRepository.setStepColumnAt(h, current.id(), current.version(), column.sql, value)) {
            throw new RenewalException(ProblemCode.CASE_CHANGED_ELSEWHERE, current.caseNo());
        }
        Snapshot s = new Snapshot(current);
        s.version = current.version() + 1;
        switch (column) {
            case TOKEN_ID -> s.tokenId = (Long) value;
            case OLD_CERTIFICATE_ID -> s.oldCertificateId = (Long) value;
            case NEW_CERTIFICATE_ID -> s.newCertificateId = (Long) value;
            case NEW_KEY_ID -> s.newKeyId = (String) value;
            case CSR_KEY_SHA256 -> s.csrKeySha256 = (String) value;
            case REQUEST_BATCH_ID -> s.requestBatchId = (Long) value;
            case CSR_DER, QUEUED_BY -> {
                // not in the case view
            }
        }
        return s.build();
    }

    /** Sets a column of renewal_case_progress and returns {@code current} as written, without reading it back. */
    public RenewalCase setProgress(Handle h, RenewalCase current, ProgressColumn column, Object value) {
        java.util.Map<ProgressColumn, Object> one = new java.util.EnumMap<>(ProgressColumn.class);
        one.put(column, value);
        return setProgress(h, current, one);
    }

    /**
     * Sets several columns of renewal_case_progress in one statement and returns {@code current} as written, without
     * reading it back.
     */
    public RenewalCase setProgress(Handle h, RenewalCase current, java.util.Map<ProgressColumn, Object> values) {
        setProgress(h, current.id(), values);
        Snapshot s = new Snapshot(current);
        values.forEach((column, value) -> {
            switch (column) {
                case TOKEN_SERIAL -> s.tokenSerial = (String) value;
                case OLD_KEY_ID -> s.oldKeyId = (String) value;
                case KEY_GENERATION_STARTED_AT -> s.keyGenerationStartedAt = (Instant) value;
                case SELF_TEST_PASSED_AT -> s.selfTestPassedAt = (Instant) value;
                case SELF_TEST_FAILURE -> s.selfTestFailure = (String) value;
                case INSTALL_STARTED_AT -> s.installStartedAt = (Instant) value;
                case REJECTION_REASON -> s.rejectionReason = (String) value;
                case KEY_ALGORITHM, FINISHED_AT_COUNTER, CLOSING_AUDIT_SEQ -> {
                    // not in the case view
                }
            }
        });
        return s.build();
    }

    /** Sets several columns of renewal_case_progress in one statement. */
    public void setProgress(Handle h, long caseId, java.util.Map<ProgressColumn, Object> values) {
        StringBuilder sql = new StringBuilder("UPDATE renewal_case_progress SET ");
        int i = 0;
        for (ProgressColumn column : values.keySet()) {
            sql.append(i == 0 ? "" : ", ").append(column.sql).append(" = :v").append(i++);
        }
        org.jdbi.v3.core.statement.Update update = h.createUpdate(sql.append(" WHERE case_id = :id").toString());
        i = 0;
        for (Object value : values.values()) {
            update.bind("v" + i++, value);
        }
        update.bind("id", caseId).execute();
    }

    /** A case view being changed field by field: what a write made of a snapshot read earlier in its transaction. */
    private static final class Snapshot {
        private final RenewalCase c;
        Long tokenId;
        Long oldCertificateId;
        Long newCertificateId;
        CaseState state;
        AbortReason abortReason;
        String newKeyId;
        String csrKeySha256;
        Long requestBatchId;
        Instant updatedAt;
        long version;
        String tokenSerial;
        String oldKeyId;
        Instant keyGenerationStartedAt;
        Instant selfTestPassedAt;
        Instant installStartedAt;
        String selfTestFailure;
        String rejectionReason;

        Snapshot(RenewalCase c) {
            this.c = c;
            tokenId = c.tokenId();
            oldCertificateId = c.oldCertificateId();
            newCertificateId = c.newCertificateId();
            state = c.state();
            abortReason = c.abortReason();
            newKeyId = c.newKeyId();
            csrKeySha256 = c.csrKeySha256();
            requestBatchId = c.requestBatchId();
            updatedAt = c.updatedAt();
            version = c.version();
            tokenSerial = c.tokenSerial();
            oldKeyId = c.oldKeyId();
            keyGenerationStartedAt = c.keyGenerationStartedAt();
            selfTestPassedAt = c.selfTestPassedAt();
            installStartedAt = c.installStartedAt();
            selfTestFailure = c.selfTestFailure();
            rejectionReason = c.rejectionReason();
        }

        RenewalCase build() {
            return new RenewalCase(c.id(), c.caseNo(), c.workstationId(), c.tellerLogin(), c.customerId(), tokenId,
                    oldCertificateId, newCertificateId, state, abortReason, newKeyId, csrKeySha256, requestBatchId,
                    c.openedAt(), updatedAt, version, tokenSerial, oldKeyId, keyGenerationStartedAt, selfTestPassedAt,
                    installStartedAt, selfTestFailure, rejectionReason, c.pendingException());
        }
    }

    /** Sets columns of renewal_case that are not the state (bumping the version so stale snapshots are caught). */
    public void setCaseColumn(Handle h, long caseId, CaseColumn column, Object value) {
        RenewalCaseRepository.setStepColumn(h, caseId, column.sql, value);
    }

    /** Sets a column of renewal_case_progress. */
    public void setProgress(Handle h, long caseId, ProgressColumn column, Object value) {
        h.createUpdate("UPDATE renewal_case_progress SET " + column.sql + " = :v WHERE case_id = :id")
                .bind("v", value).bind("id", caseId).execute();
    }

    /** The key choice the token step kept for the case (KeyChoice.stored()), if any. */
    public java.util.Optional<String> keyChoice(Handle h, long caseId) {
        return h.createQuery("SELECT key_algorithm FROM renewal_case_progress WHERE case_id = :id")
                .bind("id", caseId).mapTo(String.class).findOne().filter(java.util.Objects::nonNull);
    }

    /** The state history of a case, oldest first, as "FROM->TO" strings (for tests and the case detail view). */
    public List<String> history(Handle h, long caseId) {
        return RenewalCaseRepository.historyLines(h, caseId);
    }

    private static RenewalCase map(ResultSet rs, StatementContext ctx) throws SQLException {
        String abort = rs.getString("abort_reason");
        return new RenewalCase(
                rs.getLong("id"), rs.getString("case_no"), rs.getString("workstation_id"),
                rs.getString("teller_login"), longOrNull(rs, "customer_id"), longOrNull(rs, "token_id"),
                longOrNull(rs, "old_certificate_id"), longOrNull(rs, "new_certificate_id"),
                CaseState.valueOf(rs.getString("state")), abort == null ? null : AbortReason.valueOf(abort),
                rs.getString("new_key_id"), rs.getString("csr_key_sha256"), longOrNull(rs, "request_batch_id"),
                instant(rs, "opened_at"), instant(rs, "updated_at"), rs.getLong("version"),
                rs.getString("token_serial"), rs.getString("old_key_id"), instant(rs, "key_generation_started_at"),
                instant(rs, "self_test_passed_at"), instant(rs, "install_started_at"), rs.getString("self_test_failure"),
                rs.getString("rejection_reason"), rs.getString("pending_exception"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Instant.parse(v);
    }

    /** The renewal_case columns a step may set besides the state. */
    public enum CaseColumn {
        TOKEN_ID("token_id"), OLD_CERTIFICATE_ID("old_certificate_id"), NEW_CERTIFICATE_ID("new_certificate_id"),
        NEW_KEY_ID("new_key_id"), CSR_DER("csr_der"), CSR_KEY_SHA256("csr_key_sha256"),
        REQUEST_BATCH_ID("request_batch_id"), QUEUED_BY("queued_by");

        final String sql;

        CaseColumn(String sql) {
            this.sql = sql;
        }
    }

    /** The renewal_case_progress columns. */
    public enum ProgressColumn {
        TOKEN_SERIAL("token_serial"), OLD_KEY_ID("old_key_id"), KEY_ALGORITHM("key_algorithm"),
        KEY_GENERATION_STARTED_AT("key_generation_started_at"), REJECTION_REASON("rejection_reason"),
        SELF_TEST_PASSED_AT("self_test_passed_at"), SELF_TEST_FAILURE("self_test_failure"),
        FINISHED_AT_COUNTER("finished_at_counter"), CLOSING_AUDIT_SEQ("closing_audit_seq"),
        INSTALL_STARTED_AT("install_started_at");

        final String sql;

        ProgressColumn(String sql) {
            this.sql = sql;
        }
    }
}
