package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.casync.RevocationQueue;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.cases.AbandonedCertificates;
import bank.ushield.renewal.cases.HeadOfficeAnswers;

/**
 * ADR 0050: a case aborted after its request went out may still get its certificate from head office. The import
 * records it ABANDONED (never ACTIVE), queues its revocation exactly once, and the customer's next case reads the real
 * certificate. Before, the answer was ignored: the certificate stayed valid at head office, unknown at the branch.
 */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class LateCertificateForAbortedCaseTest {

    @Parameter
    bank.ushield.db.Engine engine;


    static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

    @Test
    void aCertificateArrivingForAnAbortedCaseIsAbandonedAndItsRevocationQueuedOnce(DatabaseFile file, PostgresDatabase pg)
            throws Exception {
        TestWorld world = new TestWorld(TestDatabases.open(engine, file, pg, TestWorld.WORKSTATION), NOW);
        FakeTokenDesk token = new FakeTokenDesk();
        RenewalService teller = world.service(TestWorld.TELLER, token);
        RenewalCase c = teller.open("C000123");
        teller.verifyId(c.id(), TestWorld.idCard());
        teller.verifyCard(c.id(), new PresentedCard("6222020000000001234", true));
        teller.verifyToken(c.id(), "1234567890");
        RenewalCase k = teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)).renewalCase();
        teller.queueRequest(c.id());
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);

        byte[] cert = token.issue(k.newKeyId(), NOW);
        HeadOfficeAnswers answers = new HeadOfficeAnswers(world.journal, world.clock);
        world.db.jdbi().useTransaction(h -> answers.certificateIssued(h, k.csrKeySha256(), cert));
        world.db.jdbi().useTransaction(h -> answers.certificateIssued(h, k.csrKeySha256(), cert));

        List<String> statuses = world.db.jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM certificate ORDER BY id").mapTo(String.class).list());
        assertThat(statuses).containsExactly("ACTIVE", "ABANDONED");
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.ABORTED);
        assertThat(world.journal.types(c.id())).containsOnlyOnce("CASE_CERTIFICATE_ABANDONED");

        AbandonedCertificates queue = new AbandonedCertificates(world.journal, world.clock);
        List<RevocationQueue.QueuedRevocation> unsent = world.db.jdbi().withHandle(queue::unsent);
        assertThat(unsent).singleElement().satisfies(q -> {
            assertThat(q.request().requestId()).isEqualTo(c.caseNo());
            assertThat(q.request().reason()).isEqualTo("cessationOfOperation");
            assertThat(q.request().certificateSha256()).isEqualTo(HeadOfficeAnswers.sha256Hex(cert));
        });

        // The customer's next case starts from the real certificate.
        RenewalCase next = teller.open("C000123");
        long oldId = world.db.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM certificate WHERE serial_hex = :s").bind("s", TestWorld.OLD_CERT_SERIAL)
                .mapTo(Long.class).one());
        assertThat(next.oldCertificateId()).isEqualTo(oldId);
    }
}
