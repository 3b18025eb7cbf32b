package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.token.pin.PinPrompter;

/** The whole case in training mode: simulated token, in-process head office, real audit log and database. */
class TrainingWorkstationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    static final PinPrompter PIN = r -> TrainingWorld.TOKEN_PIN.toCharArray();

    @Test
    void aCustomerExpired45DaysIsRenewedEndToEndAndTheAuditLogVerifies(@TempDir Path dir) throws Exception {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, "C0001", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                "SIM0000000000001", 45);
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
            TrainingWorld world = ws.trainingWorld().orElseThrow();
            world.insert("SIM0000000000001");
            assertThatThrownBy(() -> ws.login("teller1", "wrong".toCharArray())).isInstanceOf(RenewalException.class);
            StaffMember teller = ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray());
            RenewalService s = ws.renewals(teller);

            RenewalCase c = s.open("11010519491231002X");
            StatementCounter sql = new StatementCounter(ws.database().jdbi()).start();
            assertThat(s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                    LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), null, true))).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true))).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.verifyToken(c.id(), Seed.voucher("SIM0000000000001"))).isInstanceOf(Outcome.Advanced.class);
            sql.stop();
            // The rule checks read the customer's file in one statement each (ADR 0101), not table by table.
            assertThat(sql.bySql.entrySet().stream().filter(e -> e.getKey().startsWith("SELECT 0 AS part,"))
                    .mapToInt(java.util.Map.Entry::getValue).sum()).isEqualTo(3);
            assertThat(sql.bySql.keySet()).noneMatch(q -> q.startsWith("SELECT * FROM customer WHERE id")
                    || q.startsWith("SELECT * FROM identity_document WHERE customer_id")
                    || q.startsWith("SELECT * FROM bank_card WHERE customer_id")
                    || q.startsWith("SELECT * FROM token WHERE customer_id")
                    || q.startsWith("SELECT * FROM certificate WHERE token_id"));
            assertThat(s.generateKey(c.id(), PIN).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
            s.queueRequest(c.id());
            HeadOfficeLink.SyncReport sync = s.syncNow();
            assertThat(sync.requestsSent()).isEqualTo(1);
            assertThat(sync.certificatesReceived()).isEqualTo(1);
            assertThat(s.find(c.id()).state()).isEqualTo(CaseState.CERT_RECEIVED);
            assertThat(s.install(c.id(), PIN).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
            assertThat(s.selfTest(c.id(), PIN)).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.complete(c.id()).renewalCase().state()).isEqualTo(CaseState.COMPLETED);

            Receipt receipt = s.receipt(c.id());
            assertThat(receipt.training()).isTrue();
            assertThat(receipt.auditReference()).isNotNull();
            assertThat(receipt.newCertificate().notAfter()).isAfter(CLOCK.instant().plusSeconds(4L * 365 * 86400));
            assertThat(ws.receiptPdf().render(receipt)).isNotEmpty();

            VerifyReport report = AuditVerifier.verify(ws.database());
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }
    /**
     * ADR 0034: a restart must not re-make the simulated tokens. It did (issuer names compared as text in two
     * orders), which put a second key and certificate on every token and moved the certificate row to the new one,
     * so a case left at the token step was refused with CERTIFICATE_NOT_ON_RECORD after the restart.
     */
    @Test
    void aRestartLeavesTheTrainingTokensAsTheyAreAndACaseLeftAtTheTokenStepPassesItsCheck(@TempDir Path dir) {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, "C0002", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                "SIM0000000000002", 45);
        long caseId;
        String certificateSerial;
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
            certificateSerial = certificateSerials(ws, "SIM0000000000002").get(0);
            RenewalService s = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
            RenewalCase c = s.open("C0002");
            s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                    LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), null, true));
            assertThat(s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true))).isInstanceOf(Outcome.Advanced.class);
            caseId = c.id();
        }
        try (RenewalWorkstation again = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
            TrainingWorld world = again.trainingWorld().orElseThrow();
            assertThat(world.ensureTokens()).as("tokens made again").isZero();
            assertThat(certificateSerials(again, "SIM0000000000002")).containsExactly(certificateSerial);
            java.util.List<String> onRecord = again.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT serial_hex FROM certificate").mapTo(String.class).list());
            assertThat(onRecord).containsExactly(certificateSerial);
            world.insert("SIM0000000000002");
            RenewalService s = again.renewals(again.login("teller2", ("teller2" + Seed.PASSWORD_SUFFIX).toCharArray()));
            assertThat(s.verifyToken(caseId, world.printedVoucher("SIM0000000000002").orElseThrow())).isInstanceOf(Outcome.Advanced.class);
        }
    }

    /**
     * ADR 0034 rule 2: a case resumed past the token gate is not checked again (no voucher asked); its token steps
     * open the token by the serial the case recorded and refuse any other one.
     */
    @Test
    void aCaseResumedPastTheTokenCheckGoesOnWithItsOwnTokenOnly(@TempDir Path dir) {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, "C0003", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                "SIM0000000000003", 45);
        Seed.customer(dir, CLOCK, "C0004", "李四", RenewalBench.idNumber(4), LocalDate.of(1949, 12, 31),
                Seed.OTHER_PAN, "SIM0000000000004", 45);
        long caseId;
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
            RenewalService s = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
            RenewalCase c = s.open("C0003");
            s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                    LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), null, true));
            s.verifyCard(c.id(), new PresentedCard(Seed.PAN, false));
            ws.trainingWorld().orElseThrow().insert("SIM0000000000003");
            assertThat(s.verifyToken(c.id(), Seed.voucher("SIM0000000000003"))).isInstanceOf(Outcome.Advanced.class);
            caseId = c.id();
        }
        try (RenewalWorkstation again = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
            TrainingWorld world = again.trainingWorld().orElseThrow();
            RenewalService s = again.renewals(again.login("teller2", ("teller2" + Seed.PASSWORD_SUFFIX).toCharArray()));
            assertThatThrownBy(() -> s.verifyToken(caseId, Seed.voucher("SIM0000000000003")))
                    .isInstanceOfSatisfying(RenewalException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.STEP_NOT_ALLOWED));
            world.insert("SIM0000000000004");
            assertThatThrownBy(() -> s.generateKey(caseId, PIN)).isInstanceOfSatisfying(RenewalException.class,
                    e -> assertThat(e.code()).isIn(ProblemCode.TOKEN_ABSENT, ProblemCode.TOKEN_SWAPPED));
            world.insert("SIM0000000000003");
            assertThat(s.generateKey(caseId, PIN).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
        }
    }

    /**
     * Issue 21: training data made again (the database re-generated beside the kept simulated tokens) re-makes the
     * tokens; each must then hold one key pair and one certificate, not one more set per run.
     */
    @Test
    void trainingDataMadeAgainNeverAccumulatesObjectsOnTheSimulatedTokens(@TempDir Path dir) throws Exception {
        java.util.List<Integer> counts = new java.util.ArrayList<>();
        for (int run = 0; run < 3; run++) {
            for (String f : new String[] {RenewalWorkstation.TRAINING_DB, RenewalWorkstation.TRAINING_DB + "-wal",
                    RenewalWorkstation.TRAINING_DB + "-shm"}) {
                java.nio.file.Files.deleteIfExists(dir.resolve(f));
            }
            Seed.site(dir, CLOCK);
            Seed.customer(dir, CLOCK, "C0002", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                    "SIM0000000000002", 45);
            try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
                TrainingWorld world = ws.trainingWorld().orElseThrow();
                world.insert("SIM0000000000002");
                try (bank.ushield.token.TokenSession session = world.tokens().open("SIM0000000000002")) {
                    session.login(TrainingWorld.TOKEN_PIN.toCharArray());
                    counts.add(session.objects().size());
                    assertThat(session.certificates()).hasSize(1);
                }
            }
        }
        assertThat(counts).containsExactly(3, 3, 3);
    }

    private static java.util.List<String> certificateSerials(RenewalWorkstation ws, String tokenSerial) {
        ws.trainingWorld().orElseThrow().insert(tokenSerial);
        try (bank.ushield.token.TokenSession session = ws.trainingWorld().orElseThrow().tokens().open(tokenSerial)) {
            return session.certificates().stream().map(c -> c.getSerialNumber().toString(16)).toList();
        }
    }
}
