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
import bank.ushield.token.PinPrompter;

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
            assertThat(s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                    LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), null, true))).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true))).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.verifyToken(c.id())).isInstanceOf(Outcome.Advanced.class);
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
}
