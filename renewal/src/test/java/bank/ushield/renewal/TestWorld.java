package bank.ushield.renewal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Database;
import bank.ushield.db.Masking;
import bank.ushield.renewal.store.SqlCustomerDirectory;
import bank.ushield.renewal.cases.RenewalCases;
import bank.ushield.idverification.ReasonCode;

/** A small workstation database for renewal tests: one branch, three staff, one customer with an expired token. */
final class TestWorld {

    static final String WORKSTATION = "0102-W03";
    static final String TOKEN_SERIAL = "SN0000000001";
    static final String OLD_CERT_SERIAL = "1a2b3c";
    static final String ID_NUMBER = "11010519491231002X";
    static final StaffMember TELLER = new StaffMember("teller1", "王小明", StaffMember.Role.TELLER);
    static final StaffMember TELLER2 = new StaffMember("teller2", "李丽", StaffMember.Role.TELLER);
    static final StaffMember MANAGER = new StaffMember("manager1", "赵主管", StaffMember.Role.MANAGER);

    final Database db;
    final Clock clock;
    final long customerId;
    final SqlTestJournal journal;

    TestWorld(Database db, Instant now) {
        this.db = db;
        this.clock = Clock.fixed(now, ZoneOffset.UTC);
        this.journal = new SqlTestJournal(db.jdbi());
        this.customerId = db.jdbi().inTransaction(h -> seed(h, now));
    }

    private static long seed(Handle h, Instant now) {
        h.execute("INSERT INTO branch (id, name) VALUES ('0102', '北京西单支行')");
        h.execute("INSERT INTO workstation (id, branch_id, name, training, created_at) VALUES (?, '0102', 'W03', 0, ?)",
                WORKSTATION, now.toString());
        for (StaffMember s : new StaffMember[] {TELLER, TELLER2, MANAGER}) {
            h.execute("INSERT INTO staff_user (login, display_name, role, branch_id, password_hash, created_at, "
                    + "password_changed_at) VALUES (?, ?, ?, '0102', 'x', ?, ?)", s.login(), s.displayName(),
                    s.role().name(), now.toString(), now.toString());
        }
        long customer = h.createUpdate("INSERT INTO customer (customer_no, name, birth_date, gender, created_at) "
                        + "VALUES ('C000123', '张三', '1949-12-31', 'F', :now)")
                .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.execute("INSERT INTO identity_document (customer_id, doc_type, doc_number, name, valid_from, valid_to) "
                + "VALUES (?, 'RESIDENT_ID', ?, '张三', '2010-01-01', NULL)", customer, ID_NUMBER);
        h.execute("INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, online_banking, "
                + "status, created_at) VALUES (?, '622202', '1234', 19, 'hmac1', 'DEBIT', 1, 'ACTIVE', ?)",
                customer, now.toString());
        long token = h.createUpdate("INSERT INTO token (serial, media_voucher_no, model, manufacturer, customer_id, "
                        + "status, registered_at) VALUES (:s, '1234567890', 'U-shield 2', 'SoftHSM', :c, 'ACTIVE', :now)")
                .bind("s", TOKEN_SERIAL).bind("c", customer).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        Instant notAfter = now.minus(45, ChronoUnit.DAYS);
        h.execute("INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                + "sha256_fingerprint, status) VALUES (?, ?, 'CN=Test CA', 'CN=C000123,O=U-shield,C=CN', ?, ?, 'fp-old', 'ACTIVE')",
                token, OLD_CERT_SERIAL, notAfter.minus(5 * 365, ChronoUnit.DAYS).toString(), notAfter.toString());
        return customer;
    }

    RenewalParts parts(TokenDesk token, HeadOfficeLink headOffice) {
        return parts(db, WORKSTATION, token, headOffice);
    }

    /** Another workstation of the branch ({@code workstationId}, a row of its own) on {@code database}. */
    RenewalParts parts(Database database, String workstationId, TokenDesk token, HeadOfficeLink headOffice) {
        database.jdbi().useHandle(h -> h.execute("INSERT INTO workstation (id, branch_id, name, training, created_at) "
                + "VALUES (?, '0102', ?, 0, ?) ON CONFLICT DO NOTHING", workstationId, workstationId,
                clock.instant().toString()));
        return new RenewalParts(database.jdbi(), clock, workstationId, journal, new SqlCustomerDirectory(database.jdbi()),
                new SimpleChecks(), new Staff(), token, headOffice, seq -> java.util.Optional.of(
                new AuditReference(seq, seq + 1, "ab".repeat(32), seq + "-" + (seq + 1) + "-" + "ab".repeat(8))));
    }

    RenewalService service(StaffMember actor, TokenDesk token) {
        return new RenewalCases(parts(token, null), actor);
    }

    /** Passwords: login + "-pw". */
    static final class Staff implements StaffDirectory {
        private final Map<String, StaffMember> members = new HashMap<>();

        Staff() {
            for (StaffMember s : new StaffMember[] {TELLER, TELLER2, MANAGER}) {
                members.put(s.login(), s);
            }
        }

        @Override
        public StaffMember authenticate(String login, char[] password) {
            try {
                StaffMember m = members.get(login);
                if (m == null || !Arrays.equals(password, (login + "-pw").toCharArray())) {
                    throw new RenewalException(ProblemCode.AUTH_BAD_CREDENTIALS);
                }
                return m;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * Stand-in rules: document must match the customer's primary number, an expired document needs a manager, a card
     * ending 0000 is another customer's, the token serial must match.
     */
    static final class SimpleChecks implements CustomerChecks {
        @Override
        public CheckResult identity(CustomerSummary customer, PresentedDocument document, LocalDate today) {
            Map<String, Object> evidence = Map.of("document", Masking.idNumber(document.number()));
            if (!document.number().equalsIgnoreCase(customer.primaryDocNumber())) {
                return CheckResult.fail(CheckResult.Check.IDENTITY, ReasonCode.MISMATCH_DOCUMENT_NUMBER, evidence);
            }
            if (document.validTo() != null && document.validTo().isBefore(today)) {
                return CheckResult.needsManager(CheckResult.Check.IDENTITY, ReasonCode.DOCUMENT_EXPIRED, evidence);
            }
            return CheckResult.pass(CheckResult.Check.IDENTITY, evidence);
        }

        @Override
        public CheckResult card(CustomerSummary customer, PresentedCard card, LocalDate today) {
            Map<String, Object> evidence = Map.of("card", Masking.cardNumber(card.pan()));
            return card.pan().endsWith("0000")
                    ? CheckResult.fail(CheckResult.Check.CARD, ReasonCode.CARD_NOT_CUSTOMERS, evidence)
                    : CheckResult.pass(CheckResult.Check.CARD, evidence);
        }

        @Override
        public CheckResult token(CustomerSummary customer, PresentedToken token,
                                 java.util.Optional<String> typedVoucher, LocalDate today) {
            Map<String, Object> evidence = Map.of("serial", token.serial());
            return token.serial().equals(customer.token().serial())
                    ? CheckResult.pass(CheckResult.Check.TOKEN, evidence)
                    : CheckResult.fail(CheckResult.Check.TOKEN, ReasonCode.TOKEN_NOT_CUSTOMERS, evidence);
        }
    }

    static PresentedDocument idCard() {
        return new PresentedDocument("RESIDENT_ID", ID_NUMBER, "张三", LocalDate.of(1949, 12, 31),
                LocalDate.of(2010, 1, 1), null, true);
    }

    static Jdbi jdbi(TestWorld w) {
        return w.db.jdbi();
    }
}
