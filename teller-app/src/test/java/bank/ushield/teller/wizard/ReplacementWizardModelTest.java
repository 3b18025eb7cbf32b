package bank.ushield.teller.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.CaseState;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.ReplacementReason;
import bank.ushield.renewal.StockState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.teller.error.ErrorTexts;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.CurrentThreadTaskExecutor;
import bank.ushield.token.pin.PinRequest;

/**
 * The wizard's model replacing a token from the teller's box, without a display (same-thread executor, real training
 * workstation): the reason, a blank checked by its voucher, the new PIN chosen twice, the renewal's steps, the old
 * token retired only when it is in the reader, and the receipt (ADR 0077).
 */
class ReplacementWizardModelTest {

    static final String NEW_PIN = "13572468";

    @TempDir
    Path dir;
    TrainingFixture fixture;

    @BeforeEach
    void training() {
        Texts.setLanguage(Language.ENGLISH);
        fixture = TrainingFixture.create(dir, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        fixture.close();
        Texts.setLanguage(Language.CHINESE);
    }

    @Test
    void aFaultyTokenIsReplacedFromTheBoxStepByStep() {
        TrainingCustomer c = fixture.expired45();
        RenewalWorkstation ws = fixture.workstation();
        TrainingWorld world = fixture.world();
        List<PinRequest> asked = new ArrayList<>();
        RenewalWizardModel m = new RenewalWizardModel(new RenewalWizardModel.Parts(
                ws.renewals(fixture.teller(TrainingWorld.TRAINING_TELLER)),
                serial -> ws.parts().token().read(serial), id -> ws.parts().customers().byId(id),
                r -> ws.receiptPdf().render(r), r -> {
                    asked.add(r);
                    return NEW_PIN.toCharArray();
                }), new CurrentThreadTaskExecutor(), ErrorTexts.explainer());
        m.trainingLabels(world::printedVoucher);
        int inBox = ws.tokenStock(fixture.teller(TrainingWorld.TRAINING_TELLER)).count().count(StockState.TELLER_BOX);

        m.openCase(c.customerNo());
        m.verifyId(TrainingFixture.document(c));
        m.verifyCard(new PresentedCard(TrainingFixture.onlineCard(c), false));
        assertThat(m.viewStep()).isEqualTo(WizardStep.TOKEN);
        m.chooseReplacement(ReplacementReason.FAULTY);
        assertThat(m.trouble()).isNull();
        assertThat(m.replacing()).isEqualTo(ReplacementReason.FAULTY);

        String blank = world.freeBlankInBox(TrainingWorld.TRAINING_TELLER).orElseThrow();
        world.insert(blank);
        m.detectToken();
        assertThat(m.token().serial()).isEqualTo(blank);
        assertThat(m.printedVoucher()).isEqualTo(TrainingWorld.blankVoucher(1));
        m.verifyToken("9900000005"); // another blank's number: refused in words, the step stays
        assertThat(m.trouble().renewalCode()).isEqualTo(ProblemCode.STOCK_VOUCHER_MISMATCH);
        assertThat(m.viewStep()).isEqualTo(WizardStep.TOKEN);
        m.verifyToken(m.printedVoucher());
        assertThat(m.viewStep()).isEqualTo(WizardStep.REPERSONALISE);

        m.repersonalise();
        assertThat(m.trouble()).isNull();
        assertThat(asked).extracting(PinRequest::purpose).startsWith(PinRequest.Purpose.CHOOSE_NEW,
                PinRequest.Purpose.CONFIRM_NEW, PinRequest.Purpose.LOGIN);
        assertThat(m.activities()).hasSize(3).allMatch(a -> a.status() == Activity.Status.DONE);
        m.syncNow();
        assertThat(m.viewStep()).isEqualTo(WizardStep.INSTALL);

        m.installAndTest(); // the blank is in the reader, not the old token: said in words, the case stays open
        assertThat(m.trouble().renewalCode()).isEqualTo(ProblemCode.OLD_TOKEN_ABSENT);
        assertThat(m.renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
        world.insert(c.tokenSerial());
        m.installAndTest();
        assertThat(m.trouble()).isNull();
        assertThat(m.renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        assertThat(m.activities()).hasSize(4).allMatch(a -> a.status() == Activity.Status.DONE);
        assertThat(m.receipt().receipt().tokenSerial()).isEqualTo(blank);
        assertThat(m.receipt().receipt().replacementReceipt()).isTrue();
        assertThat(m.receipt().pdf()).startsWith("%PDF".getBytes());

        assertThat(ws.tokenStock(fixture.teller(TrainingWorld.TRAINING_TELLER)).count().count(StockState.TELLER_BOX))
                .isEqualTo(inBox - 1);
        assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
    }
}
