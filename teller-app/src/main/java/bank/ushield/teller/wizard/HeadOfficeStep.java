package bank.ushield.teller.wizard;

import javax.swing.JButton;
import javax.swing.JLabel;

import bank.ushield.teller.error.TellerAction;

/** Step 6: the request is with head office: wait for the answer now (Enter), or finish later (F6). */
final class HeadOfficeStep extends StepPanel {

    HeadOfficeStep(RenewalWizardModel model) {
        super(model, "stepHeadOffice", "Wizard.headOffice.title");
        add(new JLabel(TEXT.get("Wizard.headOffice.hint")), "span 2, left, gapbottom para");
        JButton wait = new JButton(TellerAction.of(TEXT.get("Wizard.headOffice.wait") + "  Enter", e -> proceed()));
        wait.setName("headOfficeWait");
        JButton later = new JButton(TellerAction.of(TEXT.get("Wizard.headOffice.later") + "  F6",
                e -> model.finishLater()));
        later.setName("headOfficeLater");
        add(wait, "span 2, split 2, left, growx 0");
        add(later, "growx 0");
    }

    @Override
    void proceed() {
        model.syncNow();
    }

    @Override
    void refresh() {
        // Nothing to show besides the buttons; the trouble panel says when head office has not answered yet.
    }
}
