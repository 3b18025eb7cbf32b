package bank.ushield.teller.wizard;

import javax.swing.JLabel;
import javax.swing.JPanel;

import net.miginfocom.swing.MigLayout;

/** The line above the steps: case number and the customer (masked, as on every staff screen). */
final class CaseHeader extends JPanel {

    private final JLabel text = new JLabel(" ");

    CaseHeader() {
        super(new MigLayout("insets 0, fillx"));
        setOpaque(false);
        text.setName("caseHeader");
        text.putClientProperty("FlatLaf.styleClass", "h4");
        add(text, "growx");
    }

    void show(RenewalWizardModel model) {
        if (model.renewalCase() == null) {
            text.setText(StepPanel.TEXT.get("Wizard.header.none"));
            return;
        }
        text.setText(StepPanel.TEXT.format("Wizard.header.case", model.renewalCase().caseNo(),
                model.customer() == null ? "" : model.customer().maskedName(),
                model.customer() == null ? "" : model.customer().customerNo()));
    }
}
