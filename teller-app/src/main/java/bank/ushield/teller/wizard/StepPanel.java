package bank.ushield.teller.wizard;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.i18n.Texts;

/** One step of the renewal wizard: its panel, what Enter does there, and what F5 (read a device) does. */
abstract class StepPanel extends JPanel {

    static final Texts TEXT = Texts.of(StepPanel.class, "Wizard");

    protected final RenewalWizardModel model;

    StepPanel(RenewalWizardModel model, String name, String titleKey) {
        super(new MigLayout("insets 0, fillx, wrap 2", "[right][grow,fill]"));
        this.model = model;
        setName(name);
        JLabel title = new JLabel(TEXT.get(titleKey));
        title.putClientProperty("FlatLaf.styleClass", "stepTitle");
        add(title, "span 2, left, gapbottom para");
    }

    /** Enter: run the step (the model moves to the next step when it passes). */
    abstract void proceed();

    /** F5: read from a device (ID reader, chip, token); false when the step has none. */
    boolean readDevice() {
        return false;
    }

    /** F4, training only: the customer's token goes into the simulated reader; false when the step has none. */
    boolean simulatedInsert() {
        return false;
    }

    /** Shows the model's state; called on every model change. */
    abstract void refresh();

    /** The field that gets the focus when the step is shown. */
    JComponent firstField() {
        return this;
    }

    static JLabel label(String key, JComponent field) {
        JLabel l = new JLabel(TEXT.get(key));
        l.setLabelFor(field);
        return l;
    }

    /** A note under the fields: red for a problem, grey for information (a successful read). */
    static void note(JLabel label, String text, boolean problem) {
        label.putClientProperty("FlatLaf.styleClass", problem ? "fieldError" : "fkeyHint");
        label.setText(text);
    }

    static JLabel value(String name) {
        JLabel l = new JLabel(" ");
        l.setName(name);
        return l;
    }
}
