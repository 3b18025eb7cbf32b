package bank.ushield.renewal.review;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.CustomerRef;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import bank.ushield.testsupport.MutableClock;

/**
 * A real audit log in a fresh SQLite file, filled with a few days of counter work (fixed seed); teller-app's
 * manager screen tests use it too (renewal's test-jar).
 */
public final class AuditFixture {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String WORKSTATION = "0102-W03";
    public static final String[] TELLERS = {"teller01", "teller02", "teller03"};

    public final Path file;
    public final Database db;
    /** Moved forward as the fixture writes. */
    public final MutableClock clock;
    public final AuditLog log;
    public final WorkstationKeys keys;
    public int cases;
    /** Cases per failure reason, as the failure-reasons chart must count them (once per reason per case). */
    public final java.util.Map<String, Integer> failedCases = new java.util.TreeMap<>();

    public AuditFixture(Path file, Path keyDir, ZonedDateTime start) {
        this.file = file;
        this.db = Database.open(file);
        this.clock = new MutableClock(start.toInstant(), ZONE);
        this.log = AuditLog.open(db, WORKSTATION, clock);
        this.keys = WorkstationKeys.loadOrCreate(keyDir, WORKSTATION, KeystorePassword.training());
    }

    /** The review service over this log, sorting coded columns by the codes themselves (no labels here). */
    public AuditLogReview review() {
        return review(column -> (column == AuditSort.Column.EVENT ? ReviewCodes.eventTypes() : ReviewCodes.outcomes())
                .stream().sorted().toList());
    }

    /** The review service over this log, sorting coded columns in the given label order (the screens'). */
    public AuditLogReview review(LabelOrder labelOrder) {
        return new AuditLogReview(db, log, keys, ZONE, labelOrder, clock);
    }

    /** The review service checking head-office acknowledgements against {@code headOffice} (production's form). */
    public AuditLogReview review(java.util.List<java.security.PublicKey> headOffice) {
        return new AuditLogReview(db, log, keys, ZONE, column -> (column == AuditSort.Column.EVENT
                ? ReviewCodes.eventTypes() : ReviewCodes.outcomes()).stream().sorted().toList(), clock, headOffice);
    }

    /** Some days of renewals: most complete, some fail a check and abort, one needs a manager. */
    public AuditFixture days(int days, int casesPerDay, long seed) {
        Random random = new Random(seed);
        Instant first = clock.instant();
        for (int d = 0; d < days; d++) {
            clock.set(first.plus(Duration.ofDays(d)));
            for (int c = 0; c < casesPerDay; c++) {
                String teller = TELLERS[random.nextInt(TELLERS.length)];
                renewal(teller, random);
                clock.advance(Duration.ofMinutes(3 + random.nextInt(10)));
            }
            log.checkpoint(keys);
        }
        return this;
    }

    private void renewal(String teller, Random random) {
        long caseId = ++cases;
        String customer = CustomerRef.of(new byte[32], "C" + (100000 + caseId));
        append(AuditEventType.CASE_OPENED, AuditOutcome.OK, teller, caseId, customer, "state", "OPENED");
        int fate = random.nextInt(10);
        if (fate == 0) {
            // The card of another customer, presented twice, then the case is aborted: one failure of the case.
            append(AuditEventType.CHECK_FAILED, AuditOutcome.FAILED, teller, caseId, customer, "check", "CARD",
                    "code", "CARD_NOT_CUSTOMERS");
            append(AuditEventType.CHECK_FAILED, AuditOutcome.FAILED, teller, caseId, customer, "check", "CARD",
                    "code", "CARD_NOT_CUSTOMERS");
            append(AuditEventType.CASE_ABORTED, AuditOutcome.OK, teller, caseId, customer, "reason", "CARD_CHECK_FAILED");
            failedCases.merge("CARD_NOT_CUSTOMERS", 1, Integer::sum);
            return;
        }
        if (fate == 1) {
            // As the renewal module writes it: the token step's problem, then the abort naming the same reason.
            append(AuditEventType.PIN_LOCKED, AuditOutcome.FAILED, teller, caseId, customer, "problem", "PIN_LOCKED");
            append(AuditEventType.CASE_ABORTED, AuditOutcome.OK, teller, caseId, customer, "reason", "PIN_LOCKED");
            failedCases.merge("PIN_LOCKED", 1, Integer::sum);
            return;
        }
        if (fate == 2) {
            append(AuditEventType.MANAGER_AUTHORISATION_GRANTED, AuditOutcome.OK, "manager01", caseId, customer,
                    "exception", "DOCUMENT_EXPIRED", "teller", teller);
        }
        append(AuditEventType.CASE_ID_VERIFIED, AuditOutcome.OK, teller, caseId, customer, "check", "IDENTITY");
        append(AuditEventType.CASE_CARD_VERIFIED, AuditOutcome.OK, teller, caseId, customer, "check", "CARD");
        append(AuditEventType.CASE_TOKEN_VERIFIED, AuditOutcome.OK, teller, caseId, customer, "check", "TOKEN");
        if (fate == 3) {
            // Two wrong PINs, then the right one: the case goes on and completes.
            append(AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED, teller, caseId, customer, "problem",
                    "WRONG_PIN", "triesLeft", "5");
            append(AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED, teller, caseId, customer, "problem",
                    "WRONG_PIN", "triesLeft", "4");
            failedCases.merge("WRONG_PIN", 1, Integer::sum);
        }
        clock.advance(Duration.ofSeconds(20 + random.nextInt(40)));
        append(AuditEventType.CASE_KEY_GENERATED, AuditOutcome.OK, teller, caseId, customer, "algorithm", "RSA-2048");
        append(AuditEventType.CASE_CSR_QUEUED, AuditOutcome.OK, teller, caseId, customer, "batch", "B1");
        clock.advance(Duration.ofSeconds(10 + random.nextInt(30)));
        append(AuditEventType.CASE_CERT_RECEIVED, AuditOutcome.OK, "system", caseId, customer, "batch", "R1");
        append(AuditEventType.CASE_CERT_INSTALLED, AuditOutcome.OK, teller, caseId, customer, "state", "CERT_INSTALLED");
        append(AuditEventType.CASE_COMPLETED, AuditOutcome.OK, teller, caseId, customer, "state", "COMPLETED");
    }

    public void append(AuditEventType type, AuditOutcome outcome, String actor, Long caseId, String customer,
                String... details) {
        AuditEvent.Builder b = AuditEvent.builder(type, outcome)
                .actor(actor, actor.startsWith("manager") ? "MANAGER" : actor.equals("system") ? "SYSTEM" : "TELLER")
                .caseId(caseId).customerRef(customer);
        if (caseId != null) {
            // As the renewal module's journal writes it: the receipt's case number in every case entry.
            b.detail("caseNo", caseNo(caseId));
        }
        for (int i = 0; i + 1 < details.length; i += 2) {
            b.detail(details[i], details[i + 1]);
        }
        log.append(b.build());
        clock.advance(Duration.ofSeconds(5));
    }

    /** The case number a receipt would print for the fixture's case {@code id}. */
    public static String caseNo(long id) {
        return String.format("%s-20261116-%04d", WORKSTATION, id);
    }

    /** The name of the fixture's customer of case {@code id} (张三1, 张三2, ...), masked on screens as 张*. */
    public static String customerName(long id) {
        return "\u5f20\u4e09" + id;
    }

    /**
     * Adds a customer and a case row for every case written so far (as the renewal module would have), through raw
     * SQL without foreign keys: the review reads only the case number and the customer's name from them.
     */
    public AuditFixture withCaseRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            for (long id = 1; id <= cases; id++) {
                s.execute("INSERT INTO customer (id, customer_no, name, created_at) VALUES (" + id + ", 'C" + (100000 + id)
                        + "', '" + customerName(id) + "', '2026-01-01T00:00:00.000Z')");
                s.execute("INSERT INTO renewal_case (id, case_no, workstation_id, teller_login, customer_id, state, "
                        + "opened_at, updated_at) VALUES (" + id + ", '" + caseNo(id) + "', '" + WORKSTATION
                        + "', 'teller01', " + id + ", 'OPENED', '2026-11-16T01:00:00.000Z', '2026-11-16T01:00:00.000Z')");
            }
        }
        return this;
    }

    /** What an attacker with the file does: drop the append-only trigger and edit one row through raw SQL. */
    public void tamper(long seq, String newOutcome) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_entry_no_update");
            s.executeUpdate("UPDATE audit_entry SET outcome = '" + newOutcome + "' WHERE seq = " + seq);
        }
    }
}
