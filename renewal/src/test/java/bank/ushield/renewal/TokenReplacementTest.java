package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.cases.RenewalCases;
import bank.ushield.renewal.receipt.ReceiptPdf;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenSession;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pin.PinRequest;

/**
 * Token replacement from branch stock in training (simulated tokens, in-process head office, real SQLite and audit
 * log): the stock's controls and bad input, a faulty token replaced end to end with counts before and after, a lost
 * token, and an aborted replacement that gives its blank back (ADR 0077).
 */
class TokenReplacementTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    static final String OLD = "SIM0000000000007";
    static final String NEW_PIN = "24681357";
    static final String BLANK = TrainingWorld.blankSerial(4); // in the branch store at start
    static final String BLANK_VOUCHER = TrainingWorld.blankVoucher(4);

    private static char[] pw(String login) {
        return (login + Seed.PASSWORD_SUFFIX).toCharArray();
    }

    private static RenewalWorkstation workstation(Path dir) {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, "C0007", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN, OLD, 45);
        return RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK);
    }

    private static RenewalCase checkedCase(RenewalService s) {
        RenewalCase c = s.open("C0007");
        assertThat(s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), null, true))).isInstanceOf(Outcome.Advanced.class);
        assertThat(s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true))).isInstanceOf(Outcome.Advanced.class);
        return c;
    }

    private static ProblemCode refusal(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused) o).problem().code();
    }

    private static int audited(RenewalWorkstation ws, String type) {
        return ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_entry WHERE event_type = :t").bind("t", type).mapTo(Integer.class).one());
    }

    /** The details of the newest audit entry of a type. */
    private static String lastDetails(RenewalWorkstation ws, String type) {
        return ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT details FROM audit_entry WHERE event_type = :t ORDER BY seq DESC LIMIT 1").bind("t", type)
                .mapTo(String.class).one());
    }

    @Test
    void stockMovesNeedTheirRolesAndAManagerAndBadInputChangesNothing(@TempDir Path dir) {
        try (RenewalWorkstation ws = workstation(dir)) {
            StaffMember manager = ws.login("manager1", pw("manager1"));
            StaffMember teller = ws.login("teller1", pw("teller1"));
            TokenStock stock = ws.tokenStock(manager);
            StockCount before = stock.count();
            assertThat(before.count(StockState.BRANCH_STORE)).isEqualTo(3);
            assertThat(before.count(StockState.TELLER_BOX)).isEqualTo(3);
            assertThat(before.reconciles()).isTrue();

            assertThatThrownBy(() -> ws.tokenStock(teller).receive("HO0001", "1200000001", "U-shield 3", ""))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.AUTH_NOT_A_MANAGER);
            assertThatThrownBy(() -> stock.receive("HO0001", "12345", "U-shield 3", ""))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_BAD_INPUT);
            assertThatThrownBy(() -> stock.receive(BLANK, "1200000001", "U-shield 3", ""))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_ALREADY_RECEIVED);
            assertThatThrownBy(() -> stock.receive(OLD, "1200000001", "U-shield 3", "")).as("a customer's token")
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_ALREADY_RECEIVED);
            StockItem received = stock.receive("HO0001", "1200000001", "U-shield 3", "delivery 2026/118");
            assertThat(received.state()).isEqualTo(StockState.BRANCH_STORE);

            // Into a box only with a manager's own password, and never by the manager into their own box.
            assertThatThrownBy(() -> stock.moveToTellerBox(BLANK, "teller1", "manager1", "wrong".toCharArray()))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.AUTH_BAD_CREDENTIALS);
            assertThatThrownBy(() -> stock.moveToTellerBox(BLANK, "teller1", "teller2", pw("teller2")))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.AUTH_NOT_A_MANAGER);
            assertThatThrownBy(() -> stock.moveToTellerBox(BLANK, "manager1", "manager1", pw("manager1")))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.AUTH_OWN_CASE);
            assertThatThrownBy(() -> stock.moveToTellerBox("NOSUCH", "teller1", "manager1", pw("manager1")))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_NOT_IN_STOCK);
            assertThat(stock.items(StockState.TELLER_BOX)).extracting(StockItem::serial).doesNotContain(BLANK);

            StockItem moved = ws.tokenStock(teller).moveToTellerBox(BLANK, "teller1", "manager1", pw("manager1"));
            assertThat(moved.state()).isEqualTo(StockState.TELLER_BOX);
            assertThat(moved.tellerLogin()).isEqualTo("teller1");
            // Issue 16: the movement's audit entry names the blank's voucher, not only the receipt did.
            assertThat(lastDetails(ws, "TOKEN_STOCK_MOVED")).contains("\"voucher\":\"" + BLANK_VOUCHER + "\"")
                    .contains("\"serial\":\"" + BLANK + "\"");
            assertThatThrownBy(() -> stock.returnToHeadOffice(BLANK, "damaged"))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_WRONG_STATE);
            assertThatThrownBy(() -> stock.destroy("HO0001", " "))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_NEEDS_REASON);
            assertThat(stock.destroy("HO0001", "cracked case on delivery").state()).isEqualTo(StockState.DESTROYED);
            assertThatThrownBy(() -> stock.destroy("HO0001", "again"))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_WRONG_STATE);

            StockCount after = stock.count();
            assertThat(after.count(StockState.BRANCH_STORE)).isEqualTo(2);
            assertThat(after.count(StockState.TELLER_BOX)).isEqualTo(4);
            assertThat(after.count(StockState.DESTROYED)).isEqualTo(1);
            assertThat(after.byTellerBox()).containsEntry("teller1", 1).containsEntry(TrainingWorld.TRAINING_TELLER, 3);
            assertThat(after.reconciles()).isTrue();
            assertThat(stock.history(BLANK)).extracting(StockMovement::to)
                    .containsExactly(StockState.BRANCH_STORE, StockState.TELLER_BOX);
            assertThat(stock.history(BLANK).get(1).authorisedBy()).isEqualTo("manager1");
            assertThat(audited(ws, "TOKEN_STOCK_MOVE_REFUSED")).isEqualTo(11);

            // Someone with the database file: the history refuses changes, a state changed behind it does not reconcile.
            var jdbi = ws.database().jdbi();
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM token_stock_movement")))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                    "UPDATE token_stock SET state = 'DESTROYED', teller_login = NULL WHERE serial = ?", BLANK)))
                    .hasMessageContaining("movement row");
            jdbi.useHandle(h -> {
                h.execute("DROP TRIGGER token_stock_move_recorded");
                h.execute("UPDATE token_stock SET state = 'DESTROYED', teller_login = NULL WHERE serial = ?", BLANK);
            });
            StockCount tampered = stock.count();
            assertThat(tampered.reconciles()).isFalse();
            assertThat(tampered.discrepancies()).containsExactly(
                    new StockCount.Discrepancy(BLANK, StockState.DESTROYED, StockState.TELLER_BOX));
            Problem p = tampered.problem();
            assertThat(p.code()).isEqualTo(ProblemCode.STOCK_COUNT_MISMATCH);
            assertThat(p.explain(Locale.ENGLISH).problem()).contains("does not reconcile").contains(BLANK);
            assertThat(p.explain(Locale.SIMPLIFIED_CHINESE).problem()).contains("账实不符").contains(BLANK);

            // The day's sign-off flags it for the next level.
            bank.ushield.renewal.review.AuditLogReview review = new bank.ushield.renewal.review.AuditLogReview(
                    ws.database(), ws.auditLog(), ws.workstationKeys(), ZoneOffset.UTC, col -> List.of(),
                    Clock.offset(CLOCK, java.time.Duration.ofDays(1)));
            review.signOff(LocalDate.of(2026, 11, 25), "manager1", null);
            String flagged = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT details FROM audit_entry WHERE event_type = 'DAILY_REVIEW_SIGNED_OFF'")
                    .mapTo(String.class).one());
            assertThat(flagged).contains("STOCK_COUNT_MISMATCH").contains(BLANK).contains("\"stockDESTROYED\":2");
        }
    }

    @Test
    void aFaultyTokenIsReplacedFromTheTellersBoxEndToEnd(@TempDir Path dir) {
        try (RenewalWorkstation ws = workstation(dir)) {
            TrainingWorld world = ws.trainingWorld().orElseThrow();
            StaffMember teller = ws.login("teller1", pw("teller1"));
            ws.tokenStock(teller).moveToTellerBox(BLANK, "teller1", "manager1", pw("manager1"));
            // the bank's policy sets a fee
            RenewalService s = new RenewalCases(ws.parts().withReplacementPolicy(
                    new ReplacementPolicy(new BigDecimal("20.00"), "CNY")), teller);
            StockCount before = ws.tokenStock(teller).count();

            RenewalCase c = checkedCase(s);
            assertThat(refusal(s.verifyNewToken(c.id(), BLANK_VOUCHER))).isEqualTo(ProblemCode.NOT_A_REPLACEMENT);
            assertThat(s.chooseReplacement(c.id(), ReplacementReason.FAULTY)).isInstanceOf(Outcome.Advanced.class);
            assertThat(refusal(s.verifyToken(c.id(), Seed.voucher(OLD)))).isEqualTo(ProblemCode.STEP_NOT_ALLOWED);

            // Bad input at the new token's check: each refused, audited, nothing changed.
            world.insert(OLD);
            assertThat(refusal(s.verifyNewToken(c.id(), BLANK_VOUCHER))).isEqualTo(ProblemCode.STOCK_NOT_IN_STOCK);
            world.insert(TrainingWorld.blankSerial(5)); // in the branch store, not in the teller's box
            assertThat(refusal(s.verifyNewToken(c.id(), TrainingWorld.blankVoucher(5))))
                    .isEqualTo(ProblemCode.STOCK_NOT_IN_YOUR_BOX);
            world.insert(BLANK);
            // Nothing typed: refused, and the entry has no voucher rather than a blank one (issue 16).
            assertThat(refusal(s.verifyNewToken(c.id(), "  "))).isEqualTo(ProblemCode.STOCK_VOUCHER_MISMATCH);
            assertThat(lastDetails(ws, "CHECK_FAILED")).doesNotContain("\"voucher\"");
            assertThat(refusal(s.verifyNewToken(c.id(), "9900000009"))).isEqualTo(ProblemCode.STOCK_VOUCHER_MISMATCH);
            assertThat(refusal(s.verifyNewToken(c.id(), TrainingWorld.blankVoucher(1))))
                    .as("another blank's voucher").isEqualTo(ProblemCode.STOCK_VOUCHER_MISMATCH);
            assertThat(s.find(c.id()).state()).isEqualTo(CaseState.CARD_VERIFIED);
            assertThat(ws.tokenStock(teller).items(StockState.TELLER_BOX)).allMatch(i -> i.caseNo() == null);

            assertThat(s.verifyNewToken(c.id(), BLANK_VOUCHER).renewalCase().state())
                    .isEqualTo(CaseState.TOKEN_VERIFIED);
            assertThat(refusal(s.generateKey(c.id(), r -> NEW_PIN.toCharArray())))
                    .isEqualTo(ProblemCode.NEW_TOKEN_NOT_INITIALISED);

            // The customer chooses the PIN, twice; a first confirmation that differs asks again.
            List<PinRequest> asked = new ArrayList<>();
            PinPrompter choose = r -> {
                asked.add(r);
                return (asked.size() == 2 ? "11112222" : NEW_PIN).toCharArray();
            };
            assertThat(s.initialiseNewToken(c.id(), choose)).isInstanceOf(Outcome.Advanced.class);
            assertThat(asked).extracting(PinRequest::purpose).containsExactly(PinRequest.Purpose.CHOOSE_NEW,
                    PinRequest.Purpose.CONFIRM_NEW, PinRequest.Purpose.CHOOSE_NEW, PinRequest.Purpose.CONFIRM_NEW);
            assertThat(asked.get(2).previousAttemptFailed()).isTrue();
            assertThat(s.replacement(c.id()).orElseThrow().initialisedAt()).isNotNull();

            // The renewal's own steps on the new token, with the PIN the customer chose.
            PinPrompter pin = r -> NEW_PIN.toCharArray();
            assertThat(s.generateKey(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
            s.queueRequest(c.id());
            assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
            assertThat(s.install(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
            assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);

            assertThat(refusal(s.complete(c.id()))).isEqualTo(ProblemCode.OLD_TOKEN_NOT_RETIRED);
            assertThat(refusal(s.retireOldToken(c.id(), false))).as("the new token is in the reader")
                    .isEqualTo(ProblemCode.OLD_TOKEN_ABSENT);
            world.insert(OLD);
            assertThat(s.retireOldToken(c.id(), false)).isInstanceOf(Outcome.Advanced.class);
            try (TokenSession old = ws.tokenPort().open(OLD)) {
                assertThat(old.objects()).as("the old token's keys and certificate are gone").isEmpty();
                assertThatThrownBy(() -> old.login(TrainingWorld.TOKEN_PIN.toCharArray()))
                        .isInstanceOf(TokenException.class);
            }
            RenewalCase done = s.complete(c.id()).renewalCase();
            assertThat(done.state()).isEqualTo(CaseState.COMPLETED);

            // The customer's token is now the new one, with the new certificate; the old one is recorded replaced.
            CustomerSummary customer = ws.parts().customers().find("C0007").orElseThrow();
            assertThat(customer.token().serial()).isEqualTo(BLANK);
            assertThat(customer.token().mediaVoucherNo()).isEqualTo(BLANK_VOUCHER);
            assertThat(customer.certificate().id()).isEqualTo(done.newCertificateId());
            assertThat(tokenStatus(ws, OLD))
                    .isEqualTo("REPLACED");

            StockCount after = ws.tokenStock(teller).count();
            assertThat(after.count(StockState.TELLER_BOX)).isEqualTo(before.count(StockState.TELLER_BOX) - 1);
            assertThat(after.count(StockState.ISSUED)).isEqualTo(before.count(StockState.ISSUED) + 1);
            assertThat(after.reconciles()).isTrue();
            assertThat(ws.tokenStock(teller).history(BLANK)).extracting(StockMovement::to).containsExactly(
                    StockState.BRANCH_STORE, StockState.TELLER_BOX, StockState.ISSUED);

            // The receipt names the new token and voucher, what became of the old one, and the fee, in both languages.
            Receipt receipt = s.receipt(c.id());
            assertThat(receipt.tokenSerial()).isEqualTo(BLANK);
            assertThat(receipt.mediaVoucherNo()).isEqualTo(BLANK_VOUCHER);
            assertThat(receipt.replacement().oldTokenOutcome()).isEqualTo(Replacement.OldTokenOutcome.KEYS_DESTROYED);
            assertThat(receipt.replacement().fee()).isEqualByComparingTo("20");
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                ResourceBundle text = ResourceBundle.getBundle("bank.ushield.renewal.Receipt", locale);
                String lines = String.join("\n", ReceiptPdf.tokenLines(text, receipt).stream()
                        .map(l -> l[0] + ": " + l[1]).toList());
                assertThat(lines).contains(BLANK).contains(BLANK_VOUCHER).contains(OLD).contains("20.00 CNY")
                        .doesNotContainPattern("[A-Z]+_[A-Z_]+");
            }
            assertThat(lines(Locale.ENGLISH, receipt)).contains("keys and certificate were destroyed");
            assertThat(lines(Locale.SIMPLIFIED_CHINESE, receipt)).contains("新U盾序列号").contains("销毁");
            assertThat(ws.receiptPdf().render(receipt)).isNotEmpty();

            // The same blank cannot be issued twice.
            RenewalCase second = checkedCaseAfterFirst(s);
            s.chooseReplacement(second.id(), ReplacementReason.FAULTY);
            world.insert(BLANK);
            assertThat(refusal(s.verifyNewToken(second.id(), BLANK_VOUCHER))).isEqualTo(ProblemCode.STOCK_ALREADY_ISSUED);

            List<String> types = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT event_type FROM audit_entry WHERE case_id = :c ORDER BY seq").bind("c", c.id())
                    .mapTo(String.class).list());
            assertThat(types).containsSubsequence("CASE_OPENED", "CASE_REPLACEMENT_CHOSEN", "CASE_TOKEN_VERIFIED",
                    "CASE_NEW_TOKEN_INITIALISED", "CASE_KEY_GENERATED", "CASE_CERT_INSTALLED", "CASE_SELF_TEST",
                    "CASE_OLD_TOKEN_RETIRED", "TOKEN_STOCK_MOVED", "CASE_COMPLETED");
            String log = ws.database().jdbi().withHandle(h -> String.join("\n", h.createQuery(
                    "SELECT details FROM audit_entry").mapTo(String.class).list()));
            assertThat(log).doesNotContain(NEW_PIN).doesNotContain("11112222");
            VerifyReport report = AuditVerifier.verify(ws.database());
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    private static String tokenStatus(RenewalWorkstation ws, String serial) {
        return ws.database().jdbi().withHandle(h -> h.createQuery("SELECT status FROM token WHERE serial = :s")
                .bind("s", serial).mapTo(String.class).one());
    }

    private static String lines(Locale locale, Receipt receipt) {
        ResourceBundle text = ResourceBundle.getBundle("bank.ushield.renewal.Receipt", locale);
        return String.join("\n", ReceiptPdf.tokenLines(text, receipt).stream().map(l -> l[0] + ": " + l[1]).toList());
    }

    private static RenewalCase checkedCaseAfterFirst(RenewalService s) {
        return checkedCase(s);
    }

    @Test
    void aLostTokenIsRecordedLostAndAnAbortedReplacementGivesItsBlankBack(@TempDir Path dir) {
        try (RenewalWorkstation ws = workstation(dir)) {
            TrainingWorld world = ws.trainingWorld().orElseThrow();
            StaffMember teller = ws.login("teller1", pw("teller1"));
            ws.tokenStock(teller).moveToTellerBox(BLANK, "teller1", "manager1", pw("manager1"));
            ws.tokenStock(teller).moveToTellerBox(TrainingWorld.blankSerial(5), "teller1", "manager1", pw("manager1"));
            RenewalService s = ws.renewals(teller);

            // An attempt closed half-way: the blank is free again in the teller's box.
            RenewalCase first = checkedCase(s);
            s.chooseReplacement(first.id(), ReplacementReason.REPORTED_LOST);
            world.insert(BLANK);
            s.verifyNewToken(first.id(), BLANK_VOUCHER);
            assertThat(ws.tokenStock(teller).items(StockState.TELLER_BOX)).filteredOn(i -> i.serial().equals(BLANK))
                    .extracting(StockItem::caseNo).containsExactly(first.caseNo());
            assertThatThrownBy(() -> ws.tokenStock(ws.login("manager1", pw("manager1"))).destroy(BLANK, "test"))
                    .extracting(e -> ((RenewalException) e).code()).isEqualTo(ProblemCode.STOCK_RESERVED);
            s.abort(first.id(), AbortReason.CUSTOMER_WITHDREW);
            assertThat(ws.tokenStock(teller).items(StockState.TELLER_BOX)).filteredOn(i -> i.serial().equals(BLANK))
                    .extracting(StockItem::caseNo).containsOnlyNulls();

            RenewalCase c = checkedCase(s);
            s.chooseReplacement(c.id(), ReplacementReason.REPORTED_LOST);
            assertThat(s.verifyNewToken(c.id(), BLANK_VOUCHER)).isInstanceOf(Outcome.Advanced.class);
            PinPrompter pin = r -> NEW_PIN.toCharArray();
            s.initialiseNewToken(c.id(), pin);
            s.generateKey(c.id(), pin);
            s.queueRequest(c.id());
            s.syncNow();
            s.install(c.id(), pin);
            s.selfTest(c.id(), pin);
            world.emptyReader();
            assertThat(s.retireOldToken(c.id(), false)).as("a lost token is not asked for")
                    .isInstanceOf(Outcome.Advanced.class);
            assertThat(s.complete(c.id()).renewalCase().state()).isEqualTo(CaseState.COMPLETED);
            assertThat(s.replacement(c.id()).orElseThrow().oldTokenOutcome())
                    .isEqualTo(Replacement.OldTokenOutcome.REPORTED_LOST);
            assertThat(s.replacement(c.id()).orElseThrow().fee()).as("no fee by default").isNull();
            assertThat(tokenStatus(ws, OLD))
                    .isEqualTo("LOST");
            assertThat(lines(Locale.ENGLISH, s.receipt(c.id()))).contains("reported lost").contains("none");
            assertThat(ws.tokenStock(teller).count().reconciles()).isTrue();

            // The day's sign-off records the count; a count that does not reconcile is flagged in it.
            java.time.Clock nextDay = Clock.offset(CLOCK, java.time.Duration.ofDays(1));
            bank.ushield.renewal.review.AuditLogReview review = new bank.ushield.renewal.review.AuditLogReview(
                    ws.database(), ws.auditLog(), ws.workstationKeys(), ZoneOffset.UTC, col -> List.of(), nextDay);
            assertThat(review.stockCount().count(StockState.ISSUED)).isEqualTo(1);
            review.signOff(LocalDate.of(2026, 11, 25), "manager1", null);
            String signOff = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT details FROM audit_entry WHERE event_type = 'DAILY_REVIEW_SIGNED_OFF'")
                    .mapTo(String.class).one());
            assertThat(signOff).contains("\"stockISSUED\":1").contains("\"stockTELLER_BOX\":4")
                    .doesNotContain("stockFlag");
        }
    }
}
