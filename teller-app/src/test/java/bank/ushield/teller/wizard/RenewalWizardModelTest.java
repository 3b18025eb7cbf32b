package bank.ushield.teller.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.renewal.readers.DeskReaders;
import bank.ushield.renewal.readers.DocumentRead;
import bank.ushield.renewal.readers.ReaderException;
import bank.ushield.teller.error.ErrorTexts;
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
                new CurrentThreadTaskExecutor(), ErrorTexts.explainer());
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
        m.verifyToken(c.mediaVoucherNo());
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
        assertThat(prompts.get()).as("install and self-test use the key step's login (one PIN per visit)")
                .isEqualTo(2);
        assertThat(m.viewStep()).isEqualTo(WizardStep.RECEIPT);
        assertThat(m.receipt().pdf()).startsWith("%PDF".getBytes());
        // the preview page is rendered by the background task, so the receipt step only shows it on the EDT
        assertThat(m.receipt().preview()).isNotNull();
        assertThat(m.receipt().preview().getWidth()).isGreaterThan(100);
        assertThat(AuditVerifier.verify(fixture.workstation().database()).ok()).isTrue();
    }

    @Test
    void theTrainingReadersFillWhatManualEntryFillsAndTheChecksPass() {
        TrainingCustomer c = fixture.data().plainExpiredBy(10).findFirst().orElseThrow();
        RenewalWorkstation ws = fixture.workstation();
        DeskReaders readers = DeskReaders.training(ws.repositories(), Clock.systemUTC());
        readers.stage(fixture.data());
        RenewalWizardModel m = new RenewalWizardModel(new RenewalWizardModel.Parts(ws.renewals(fixture.teller("teller01")),
                serial -> ws.parts().token().read(serial), id -> ws.parts().customers().byId(id),
                r -> ws.receiptPdf().render(r), request -> TrainingWorld.TOKEN_PIN.toCharArray()),
                new CurrentThreadTaskExecutor(), ErrorTexts.explainer(), readers);
        m.openCase(c.customerNo());
        List<Object> read = new ArrayList<>();
        List<Exception> failed = new ArrayList<>();

        m.readIdCard(read::add, failed::add);
        assertThat(failed).isEmpty();
        DocumentRead doc = (DocumentRead) read.get(0);
        PresentedDocument typed = TrainingFixture.document(c);
        // The same fields the teller would type, marked as read.
        assertThat(doc.document()).isEqualTo(new PresentedDocument(typed.docType(), typed.number(), typed.name(),
                typed.birthDate(), typed.validFrom(), typed.validTo(), true));
        assertThat(IdPhoto.decode(doc.photo())).isNotNull();
        m.verifyId(doc.document());
        assertThat(m.trouble()).isNull();
        assertThat(m.viewStep()).isEqualTo(WizardStep.BANK_CARD);

        m.readChip(read::add, failed::add);
        assertThat(failed).isEmpty();
        PresentedCard card = (PresentedCard) read.get(1);
        assertThat(card.pan()).isEqualTo(TrainingFixture.onlineCard(c));
        assertThat(card.fromChip()).isTrue();
        // the chip's expiry (5F24) comes along to the card check
        assertThat(card.chipExpiry()).isAfter(java.time.LocalDate.now());
        m.verifyCard(card);
        assertThat(m.trouble()).isNull();
        assertThat(m.viewStep()).isEqualTo(WizardStep.TOKEN);
    }

    @Test
    void anExpiredCardReadByChipIsRefusedAndTheSameNumberTypedWithoutExpiryIsNot() {
        TrainingCustomer c = fixture.data().plainExpiredBy(2000).findFirst().orElseThrow();
        RenewalWorkstation ws = fixture.workstation();
        DeskReaders readers = DeskReaders.training(ws.repositories(), Clock.systemUTC());
        java.time.LocalDate lastMonth = java.time.YearMonth.now().minusMonths(1).atEndOfMonth();
        readers.stageCard(c.customerNo(), TrainingFixture.onlineCard(c), lastMonth);
        RenewalWizardModel m = new RenewalWizardModel(new RenewalWizardModel.Parts(ws.renewals(fixture.teller("teller01")),
                serial -> ws.parts().token().read(serial), id -> ws.parts().customers().byId(id),
                r -> ws.receiptPdf().render(r), request -> TrainingWorld.TOKEN_PIN.toCharArray()),
                new CurrentThreadTaskExecutor(), ErrorTexts.explainer(), readers);
        m.openCase(c.customerNo());
        m.verifyId(TrainingFixture.document(c));
        List<PresentedCard> read = new ArrayList<>();
        m.readChip(read::add, e -> { throw new AssertionError(e); });
        assertThat(read.get(0).chipExpiry()).isEqualTo(lastMonth);

        m.verifyCard(read.get(0));
        assertThat(m.trouble()).isNotNull();
        assertThat(m.trouble().problem().code()).isEqualTo("renewal.CARD_CHECK_FAILED");
        // the reason in words for the teller; the raw code only in the details (ADR 0061)
        assertThat(m.trouble().problem().problem()).doesNotContain("CARD_EXPIRED")
                .contains(bank.ushield.renewal.Problem.reasonWords("CARD_EXPIRED", bank.ushield.teller.i18n.Texts.locale()));
        assertThat(m.trouble().problem().details()).contains("CARD_EXPIRED").doesNotContain("\tat ");
        assertThat(m.viewStep()).isEqualTo(WizardStep.BANK_CARD);
        m.abort(bank.ushield.renewal.AbortReason.CARD_CHECK_FAILED);
    }

    @Test
    void theTypedVoucherGoesToTheCheckAndAWrongOneKeepsTheTokenStepWithItsOwnProblem() {
        TrainingCustomer c = fixture.data().plainExpiredBy(400).findFirst().orElseThrow();
        RenewalWizardModel m = model(fixture.teller("teller02"), new AtomicInteger(), TrainingWorld.TOKEN_PIN);
        m.trainingLabels(fixture.world()::printedVoucher);
        m.openCase(c.customerNo());
        m.verifyId(TrainingFixture.document(c));
        m.verifyCard(new PresentedCard(TrainingFixture.onlineCard(c), false));
        fixture.world().insert(c.tokenSerial());
        m.detectToken();
        // training shows what the simulated token's label would say
        assertThat(m.printedVoucher()).isEqualTo(c.mediaVoucherNo());

        String wrong = new StringBuilder(c.mediaVoucherNo()).reverse().toString();
        m.verifyToken(wrong.equals(c.mediaVoucherNo()) ? "0000000000" : wrong);
        assertThat(m.trouble().problem().code()).isEqualTo("renewal.TOKEN_VOUCHER_MISMATCH");
        assertThat(m.viewStep()).isEqualTo(WizardStep.TOKEN);
        assertThat(m.renewalCase().state()).isEqualTo(CaseState.CARD_VERIFIED);

        m.verifyToken(c.mediaVoucherNo());
        assertThat(m.trouble()).isNull();
        assertThat(m.renewalCase().state()).isEqualTo(CaseState.TOKEN_VERIFIED);
        m.abort(bank.ushield.renewal.AbortReason.CUSTOMER_WITHDREW);
    }

    @Test
    void theVoucherFieldTakesTenDigitsWithSpacesIgnored() {
        assertThat(TokenStep.voucherDigits("12345 67890")).contains("1234567890");
        assertThat(TokenStep.voucherDigits(" 1234567890 ")).contains("1234567890");
        assertThat(TokenStep.voucherDigits("123456789")).isEmpty();
        assertThat(TokenStep.voucherDigits("12345678901")).isEmpty();
        assertThat(TokenStep.voucherDigits("12345678O0")).isEmpty();
        assertThat(TokenStep.voucherDigits("１２３４５６７８９０")).as("full-width digits").isEmpty();
        assertThat(TokenStep.voucherDigits(null)).isEmpty();
    }

    @Test
    void productionHasNoIdReaderWithoutAVendorAdapterAndAWltPhotoIsNotDecoded() throws Exception {
        DeskReaders production = DeskReaders.production(Optional.empty(), Optional.of("no such reader"),
                Clock.systemUTC());
        assertThat(production.idReaderAvailable()).isFalse();
        assertThat(production.chipReaderAvailable()).isTrue();
        assertThatThrownBy(() -> production.readIdCard("TR0001000001")).isInstanceOf(ReaderException.class)
                .extracting(e -> ((ReaderException) e).failure()).isEqualTo(ReaderException.Failure.NO_READER);
        assertThatThrownBy(() -> production.readChip("TR0001000001")).isInstanceOf(ReaderException.class)
                .extracting(e -> ((ReaderException) e).failure()).isEqualTo(ReaderException.Failure.NO_READER);
        byte[] wlt = new byte[1024];
        new java.util.Random(1).nextBytes(wlt);
        wlt[0] = 'W';
        wlt[1] = 'L';
        wlt[2] = 'f';
        assertThat(IdPhoto.decode(wlt)).isNull();
        assertThat(IdDocumentStep.readProblem(new ReaderException(ReaderException.Failure.NO_CARD, "x")))
                .contains("F5");
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

    @Test
    void aCaseClosedAtTheCardStepEarnsNoTickBeyondItAndANameFindsSeveralToPickFrom() {
        // the last plain customer well past the self-service window: no other test here serves them
        TrainingCustomer c = fixture.data().customers().stream()
                .filter(x -> x.edges().isEmpty() && x.daysSinceExpiry() > 60)
                .reduce((first, second) -> second).orElseThrow();
        RenewalWizardModel m = model(fixture.teller("teller02"), new AtomicInteger(), TrainingWorld.TOKEN_PIN);
        m.customerSearch((text, limit) -> fixture.workstation().parts().customers().search(text, limit));
        // the family name alone: every customer whose name starts with it, to pick from (one found opens the case)
        String family = c.name().substring(0, 1);
        m.findCustomer(family);
        long sameFamily = fixture.data().customers().stream().filter(x -> x.name().startsWith(family)).count();
        if (sameFamily > 1) {
            assertThat(m.matches()).hasSize((int) Math.min(sameFamily, RenewalWizardModel.MATCH_LIMIT))
                    .allMatch(x -> x.name().startsWith(family));
            assertThat(m.renewalCase()).isNull();
            m.openCase(c.customerNo());
        }
        assertThat(m.matches()).isEmpty();
        m.verifyId(TrainingFixture.document(c));
        assertThat(m.viewStep()).isEqualTo(WizardStep.BANK_CARD);
        m.abort(bank.ushield.renewal.AbortReason.CUSTOMER_WITHDREW);
        assertThat(m.viewStep()).isEqualTo(WizardStep.RECEIPT);
        assertThat(m.stepDone(WizardStep.CUSTOMER)).isTrue();
        assertThat(m.stepDone(WizardStep.ID_DOCUMENT)).isTrue();
        assertThat(m.stepDone(WizardStep.BANK_CARD)).as("closed at the card step").isFalse();
        assertThat(m.stepDone(WizardStep.INSTALL)).isFalse();
        assertThat(m.stepDone(WizardStep.RECEIPT)).isTrue();
    }
}
