package bank.ushield.teller.wizard;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextField;

/** Step 1: find the customer by customer number or identity document number, and open the case. */
final class CustomerStep extends StepPanel {

    private final JTextField query = new JTextField(24);
    private final JLabel found = value("customerFound");

    CustomerStep(RenewalWizardModel model) {
        super(model, "stepCustomer", "Wizard.customer.title");
        query.setName("customerQuery");
        add(label("Wizard.customer.query", query));
        add(query, "growx 0, w 320!");
        JLabel hint = new JLabel(TEXT.get("Wizard.customer.hint"));
        hint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        add(hint, "skip");
        add(found, "span 2, gaptop para");
    }

    @Override
    void proceed() {
        if (model.renewalCase() == null && !query.getText().isBlank()) {
            model.openCase(query.getText());
        }
    }

    @Override
    void refresh() {
        query.setEnabled(model.renewalCase() == null);
        if (model.customer() != null) {
            found.setText(TEXT.format("Wizard.customer.found", model.customer().maskedName(),
                    model.customer().customerNo()));
        }
    }

    @Override
    JComponent firstField() {
        return query;
    }
}
