package bank.ushield.teller.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.renewal.CaseState;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.TrainingWorld;
import bank.ushield.teller.error.ProblemExplainer;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.CurrentThreadTaskExecutor;

/**
 * The wizard's model without a display, on the same-thread executor and the real training workstation (SQLite
 * file, simulated token, in-process head office): a whole renewal, a wrong PIN, and a manager exception.
 */
class RenewalWizardModelTest {

    @TempDir
    static Path dir;
    static TrainingFixture fixture;

    @BeforeAll
    static void training() {
        Texts.setLanguage(Language.ENGLISH);
        fixture = TrainingFixture.create(dir, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        fixture.close();
        Texts.setLanguage(Language.CHINESE);
    }

    private RenewalWizardModel model(StaffMember teller, AtomicInteger prompts, String... pins) {
        RenewalWorkstation ws = fixture.workstation();
        return new RenewalWizardModel(new RenewalWizardModel.Parts(ws.renewals(teller),
                serial -> ws.parts().token().read(serial), id -> ws.parts().customers().byId(id),
                r -> ws.receiptPdf().render(r),
                request -> pins[Math.min(prompts.getAndIncrement(), pins.length - 1)].toCharArray()),
                new CurrentThreadTaskExecutor(), new ProblemExplainer());
    }

    @Test
    void aCustomerExpired45DaysIsRenewedStepByStep() {
        TrainingCustomer c = fixture.expired45();
        AtomicInteger prompts = new AtomicInteger();
        RenewalWizardModel m = model(fixture.teller("teller01"), prompts, "000000", TrainingWorld.TOKEN_PIN);

        m.openCase(c.customerNo());
        assertThat(m.trouble()).isNull();
        assertThat(m.viewStep()).isEqualTo(WizardStep.ID_DOCUMENT);
        assertThat(m.customer().name()).isEqualTo(c.name());

        m.verifyId(TrainingFixture.document(c));
        assertThat(m.viewStep()).isEqualTo(WizardStep.BANK_CARD);
        assertThat(m.back()).isTrue();
        assertThat(m.reviewing()).isTrue();
        m.forward();
        m.verifyCard(new PresentedCard(TrainingFixture.onlineCard(c), false));
        assertThat(m.viewStep()).isEqualTo(WizardStep.TOKEN);

        fixture.world().insert(c.tokenSerial());
        m.detectToken();
        assertThat(m.token().serial()).isEqualTo(c.tokenSerial());
        m.verifyToken();
        assertThat(m.viewStep()).isEqualTo(WizardStep.REPERSONALISE);

        m.repersonalise();
        // The token module asks again within one login after a wrong PIN: the customer types it twice here.
        assertThat(prompts.get()).isEqualTo(2);
        assertThat(m.trouble()).isNull();
        assertThat(m.renewalCase().state()).isEqualTo(CaseState.CSR_QUEUED);
        assertThat(m.activities()).allMatch(a -> a.status() == Activity.Status.DONE);

        m.syncNow();
        assertThat(m.viewStep()).isEqualTo(WizardStep.INSTALL);
        m.installAndTest();
        assertThat(m.renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        assertThat(m.viewStep()).isEqualTo(WizardStep.RECEIPT);
        assertThat(m.receipt().pdf()).startsWith("%PDF".getBytes());
        assertThat(AuditVerifier.verify(fixture.workstation().database()).ok()).isTrue();
    }

    @Test
    void anExpiredIdCardWaitsForAManagerWhoIsNotTheTeller() {
        TrainingCustomer c = fixture.data().withEdge(bank.ushield.db.TrainingEdge.ID_CARD_EXPIRED).orElseThrow();
        RenewalWizardModel m = model(fixture.teller("teller02"), new AtomicInteger(), TrainingWorld.TOKEN_PIN);
        m.openCase(c.customerNo());
        m.verifyId(TrainingFixture.document(c));
        assertThat(m.trouble().managerMayAuthorise()).isTrue();
        assertThat(m.viewStep()).isEqualTo(WizardStep.ID_DOCUMENT);

        StringBuilder refusal = new StringBuilder();
        m.authorise("teller02", TrainingFixture.password(), p -> refusal.append(p.code()), () -> { });
        assertThat(refusal.toString()).isEqualTo("renewal.AUTH_NOT_A_MANAGER");
        refusal.setLength(0);
        boolean[] granted = {false};
        m.authorise("manager01", TrainingFixture.password(), p -> refusal.append(p.code()), () -> granted[0] = true);
        assertThat(refusal.toString()).isEmpty();
        assertThat(granted[0]).isTrue();
        assertThat(m.viewStep()).isEqualTo(WizardStep.BANK_CARD);
        m.abort(bank.ushield.renewal.AbortReason.CUSTOMER_WITHDREW);
        assertThat(m.viewStep()).isEqualTo(WizardStep.RECEIPT);
        assertThat(m.receipt().receipt().state()).isEqualTo(CaseState.ABORTED);
    }
}
