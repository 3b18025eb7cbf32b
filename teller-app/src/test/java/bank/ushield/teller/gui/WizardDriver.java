package bank.ushield.teller.gui;

import java.awt.event.KeyEvent;

import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;

import bank.ushield.db.TrainingCustomer;
import bank.ushield.teller.wizard.RenewalWizard;
import bank.ushield.teller.wizard.RenewalWizardModel;
import bank.ushield.teller.wizard.TrainingFixture;
import bank.ushield.teller.wizard.WizardStep;

/** Drives the renewal wizard through the real window, as a teller at the keyboard would. */
final class WizardDriver {

    private final GuiTest test;
    private final Robot robot;
    final FrameFixture frame;

    WizardDriver(GuiTest test, Robot robot, FrameFixture frame) {
        this.test = test;
        this.robot = robot;
        this.frame = frame;
    }

    RenewalWizardModel model() {
        return ((RenewalWizard) frame.panel("renewalWizard").target()).model();
    }

    void enter() {
        frame.pressAndReleaseKeys(KeyEvent.VK_ENTER);
    }

    /**
     * The Next button (the same action as Enter): after a modal dialog closes, bare Xvfb (no window manager)
     * leaves no focus owner for key presses, so a click is the way back in.
     */
    void next() {
        frame.button("wizardNext").click();
    }

    /** Waits until the wizard shows {@code step} and no work is running. */
    void awaitStep(WizardStep step) {
        GuiTest.awaitOnEdt("wizard at " + step, () -> !model().busy() && model().viewStep() == step);
        robot.waitForIdle();
    }

    void awaitIdle() {
        GuiTest.awaitOnEdt("wizard idle", () -> !model().busy());
        robot.waitForIdle();
    }

    void shot(String name) {
        robot.waitForIdle();
        Screenshots.take(frame.target(), name);
    }

    void identify(String customerNo) {
        frame.textBox("customerQuery").enterText(customerNo);
        enter();
        awaitStep(WizardStep.ID_DOCUMENT);
    }

    void document(TrainingCustomer c) {
        frame.textBox("idNumber").enterText(c.idNumber());
        frame.textBox("idName").enterText(c.name());
        frame.textBox("idBirth").enterText(c.birthDate().toString());
        if (c.idValidFrom() != null) {
            frame.textBox("idValidFrom").enterText(c.idValidFrom().toString());
        }
        if (c.idValidTo() != null) {
            frame.textBox("idValidTo").enterText(c.idValidTo().toString());
        } else {
            frame.checkBox("idLongTerm").check();
        }
        frame.textBox("idNumber").focus();
    }

    void document(String number, String name, java.time.LocalDate birth, java.time.LocalDate from) {
        frame.textBox("idNumber").enterText(number);
        frame.textBox("idName").enterText(name);
        frame.textBox("idBirth").enterText(birth.toString());
        frame.textBox("idValidFrom").enterText(from.toString());
        frame.checkBox("idLongTerm").check();
        frame.textBox("idNumber").focus();
    }

    void card(String pan) {
        frame.textBox("cardNumber").enterText(pan);
        enter();
    }

    /** From the customer step to the token step for a training customer: typed document, online card. */
    void toTokenStep(TrainingCustomer c) {
        identify(c.customerNo());
        document(c);
        enter();
        awaitStep(WizardStep.BANK_CARD);
        card(TrainingFixture.onlineCard(c));
        awaitStep(WizardStep.TOKEN);
    }

    /**
     * Types the media voucher number read from the token's label into the token step's field (which has the focus
     * on that step) and presses Enter to check the token.
     */
    void voucher(String digits) {
        frame.textBox("tokenVoucher").deleteText().enterText(digits);
        enter();
    }

    /** Answers the customer PIN dialog. */
    void pin(String pin) {
        DialogFixture d = test.dialog("pinDialog");
        d.textBox("pinField").enterText(pin);
        d.textBox("pinField").pressAndReleaseKeys(KeyEvent.VK_ENTER);
    }
}
