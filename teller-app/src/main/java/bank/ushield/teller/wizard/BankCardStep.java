package bank.ushield.teller.wizard;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPasswordField;

import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.readers.ReaderException;
import bank.ushield.teller.error.TellerAction;

/** Step 3: the bank card with online banking, read from the chip (F5) or typed. */
final class BankCardStep extends StepPanel {

    /**
     * Shown while the teller types it (a typo must be visible to be corrected), masked as soon as the focus leaves it
     * and while the step is only looked at: the full number does not stay on the counter screen.
     */
    private final JPasswordField pan = new JPasswordField(22);
    private final JButton read = new JButton(TellerAction.of(TEXT.get("Wizard.card.read") + "  F5", e -> readDevice()));
    private final JLabel status = value("cardStatus");
    /**
     * The card the chip gave (number and expiry), to tell the check it came from the chip, with the chip's expiry,
     * unless the teller changed the number.
     */
    private PresentedCard chipCard;

    BankCardStep(RenewalWizardModel model) {
        super(model, "stepCard", "Wizard.card.title");
        pan.setName("cardNumber");
        pan.putClientProperty("JPasswordField.showRevealButton", false);
        char mask = pan.getEchoChar();
        pan.addFocusListener(new java.awt.event.FocusAdapter() {
            @Override
            public void focusGained(java.awt.event.FocusEvent e) {
                pan.setEchoChar(pan.isEditable() && pan.isEnabled() ? (char) 0 : mask);
            }

            @Override
            public void focusLost(java.awt.event.FocusEvent e) {
                pan.setEchoChar(mask);
            }
        });
        add(label("Wizard.card.number", pan));
        add(pan, "growx 0, w 320!");
        read.setName("cardRead");
        read.setFocusable(false);
        if (!model.readers().chipReaderAvailable()) {
            read.setToolTipText(TEXT.get("Wizard.card.readerMissing"));
        }
        add(read, "skip, growx 0, left");
        JLabel hint = new JLabel(TEXT.get("Wizard.card.hint"));
        hint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        add(hint, "skip");
        status.putClientProperty("FlatLaf.styleClass", "fieldError");
        add(status, "skip");
    }

    @Override
    boolean readDevice() {
        if (!read.isEnabled()) {
            return false;
        }
        note(status, TEXT.get("Wizard.card.reading"), false);
        model.readChip(card -> {
            chipCard = card;
            pan.setText(card.pan());
            note(status, TEXT.get("Wizard.card.readDone"), false);
        }, e -> note(status, e instanceof ReaderException r
                ? TEXT.get("Wizard.card.readFailed." + r.failure().name()) : TEXT.get("Wizard.card.readFailed"), true));
        return true;
    }

    @Override
    void proceed() {
        char[] digits = pan.getPassword();
        String number = new String(digits).replace(" ", "");
        java.util.Arrays.fill(digits, '\0');
        model.verifyCard(chipCard != null && number.equals(chipCard.pan()) ? chipCard
                : new PresentedCard(number, false));
    }

    @Override
    void refresh() {
        boolean editable = !model.reviewing() && !model.busy();
        pan.setEnabled(editable);
        read.setEnabled(editable && model.readers().chipReaderAvailable());
    }

    @Override
    JComponent firstField() {
        return pan;
    }
}
