package bank.ushield.renewal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.renewal.adapter.AuditCaseJournal;
import bank.ushield.renewal.cases.RenewalCases;
import bank.ushield.renewal.store.SqlCustomerDirectory;

/**
 * A counter of a branch as its own process (BranchCountersProcessTest): serves its customers one after the other on
 * the branch database, each case from opening to CSR_QUEUED with a simulated token, every step in its own audit log
 * (checkpoints every 32 with its own key). Prints "served N CASE-NO" after each case and "done" at the end; with a
 * stop number, prints "HOLDING CASE-NO" in the middle of that case (card checked, claim held) and waits to be killed.
 * Arguments: URL, user, workstation, teller, customer prefix, customers, key folder, stop number (0: none), a file
 * whose appearance starts the serving (so all counters serve at once); the
 * password comes from USHIELD_DB_PASSWORD, never the command line.
 */
public final class BranchCounter {

    private BranchCounter() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String workstation = args[2];
        StaffMember teller = new StaffMember(args[3], args[3], StaffMember.Role.TELLER);
        String prefix = args[4];
        int customers = Integer.parseInt(args[5]);
        Path keyDir = Path.of(args[6]);
        int stopAt = Integer.parseInt(args[7]);
        Path go = Path.of(args[8]);
        BranchDatabaseSettings settings = BranchDatabaseSettings.of(url, user,
                System.getenv(BranchDatabaseSettings.PASSWORD_ENV).toCharArray(), workstation);
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(keyDir, workstation, KeystorePassword.training());
        try (Database db = Database.open(settings); AuditLog log = AuditLog.open(db, workstation)) {
            log.enableCheckpoints(keys, 32);
            System.out.println("ready");
            while (!java.nio.file.Files.exists(go)) {
                Thread.sleep(20); // every counter starts serving at once
            }
            for (int n = 1; n <= customers; n++) {
                String customerNo = customerNo(prefix, n);
                FakeTokenDesk token = new FakeTokenDesk();
                token.serial = tokenSerial(prefix, n);
                RenewalService s = service(db, log, workstation, teller, token);
                RenewalCase c = s.open(customerNo);
                require(s.verifyId(c.id(), document(prefix, n)));
                require(s.verifyCard(c.id(), new PresentedCard("6222020000000001234", true)));
                if (n == stopAt) {
                    System.out.println("HOLDING " + c.caseNo());
                    Thread.sleep(Long.MAX_VALUE); // killed here, in the middle of the case
                }
                require(s.verifyToken(c.id(), voucher(prefix, n)));
                require(s.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)));
                require(s.queueRequest(c.id()));
                s.endVisit();
                System.out.println("served " + n + " " + c.caseNo());
            }
        }
        System.out.println("done");
    }

    /** The services of {@code teller} at {@code workstation}, its steps in {@code log}. */
    static RenewalService service(Database db, AuditLog log, String workstation, StaffMember teller, TokenDesk token) {
        return new RenewalCases(new RenewalParts(db.jdbi(), Clock.systemUTC(), workstation, new AuditCaseJournal(log),
                new SqlCustomerDirectory(db.jdbi()), new TestWorld.SimpleChecks(), new TestWorld.Staff(), token, null,
                null), teller);
    }

    private static void require(Outcome o) {
        if (!(o instanceof Outcome.Advanced)) {
            throw new IllegalStateException("step did not advance: " + o);
        }
    }

    static String customerNo(String prefix, int n) {
        return String.format("C%s%03d", prefix, n);
    }

    static String tokenSerial(String prefix, int n) {
        return String.format("SN%s%06d", prefix, n);
    }

    static String voucher(String prefix, int n) {
        return String.format("%05d%05d", Integer.parseInt(prefix), n);
    }

    static String docNumber(String prefix, int n) {
        return String.format("110105194912%02d%04d", Integer.parseInt(prefix), n);
    }

    static PresentedDocument document(String prefix, int n) {
        return new PresentedDocument("RESIDENT_ID", docNumber(prefix, n), "张三", LocalDate.of(1949, 12, 31),
                LocalDate.of(2010, 1, 1), null, true);
    }

    /** Customers {@code prefix}001.. with an identity card, a bank card and a token whose certificate expired 45 days ago. */
    static void seedCustomers(Handle h, String prefix, int customers, Instant now) {
        for (int n = 1; n <= customers; n++) {
            long customer = h.createUpdate("INSERT INTO customer (customer_no, name, birth_date, gender, created_at) "
                            + "VALUES (:no, '张三', '1949-12-31', 'F', :now)")
                    .bind("no", customerNo(prefix, n)).bind("now", now.toString())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.execute("INSERT INTO identity_document (customer_id, doc_type, doc_number, name, valid_from, valid_to) "
                    + "VALUES (?, 'RESIDENT_ID', ?, '张三', '2010-01-01', NULL)", customer, docNumber(prefix, n));
            h.execute("INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, online_banking, "
                    + "status, created_at) VALUES (?, '622202', '1234', 19, ?, 'DEBIT', 1, 'ACTIVE', ?)",
                    customer, "hmac-" + prefix + "-" + n, now.toString());
            long token = h.createUpdate("INSERT INTO token (serial, media_voucher_no, model, manufacturer, customer_id, "
                            + "status, registered_at) VALUES (:s, :v, 'U-shield 2', 'Simulated', :c, 'ACTIVE', :now)")
                    .bind("s", tokenSerial(prefix, n)).bind("v", voucher(prefix, n)).bind("c", customer)
                    .bind("now", now.toString()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Instant notAfter = now.minus(45, ChronoUnit.DAYS);
            h.execute("INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                    + "sha256_fingerprint, status) VALUES (?, ?, 'CN=Test CA', ?, ?, ?, ?, 'ACTIVE')",
                    token, prefix + String.format("%04x", n), "CN=" + customerNo(prefix, n) + ",O=U-shield,C=CN",
                    notAfter.minus(5 * 365, ChronoUnit.DAYS).toString(), notAfter.toString(), "fp-" + prefix + "-" + n);
        }
    }
}
