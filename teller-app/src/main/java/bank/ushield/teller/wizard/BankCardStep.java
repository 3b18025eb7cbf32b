package bank.ushield.teller.wizard;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPasswordField;

import bank.ushield.renewal.PresentedCard;

/** Step 3: the bank card with online banking, read from the chip where a reader is wired, or typed. */
final class BankCardStep extends StepPanel {

    /** Masked like a password: the full card number is not shown on the counter screen. */
    private final JPasswordField pan = new JPasswordField(22);

    BankCardStep(RenewalWizardModel model) {
        super(model, "stepCard", "Wizard.card.title");
        pan.setName("cardNumber");
        pan.putClientProperty("JPasswordField.showRevealButton", true);
        add(label("Wizard.card.number", pan));
        add(pan, "growx 0, w 320!");
        JLabel hint = new JLabel(TEXT.get("Wizard.card.hint"));
        hint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        add(hint, "skip");
    }

    @Override
    void proceed() {
        char[] digits = pan.getPassword();
        String number = new String(digits).replace(" ", "");
        java.util.Arrays.fill(digits, '\0');
        model.verifyCard(new PresentedCard(number, false));
    }

    @Override
    void refresh() {
        pan.setEnabled(!model.reviewing() && !model.busy());
    }

    @Override
    JComponent firstField() {
        return pan;
    }
}
