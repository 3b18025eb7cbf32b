package bank.ushield.teller.wizard;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.ProblemCode;
import bank.ushield.teller.error.TellerAction;

/**
 * A failed step, inside the wizard: what happened, the likely cause, what to tell the customer, what to do next,
 * and the ways on: try again (Enter), manager authorisation (F8, where the rules allow), close the case (F9),
 * details.
 */
final class TroublePanel extends JPanel {

    private final JLabel title = new JLabel();
    private final JLabel cause = new JLabel();
    private final JLabel customer = new JLabel();
    private final JLabel next = new JLabel();
    private final JButton manager;
    private final JButton reinsert;
    private Trouble shown;
    private final boolean reinsertAction;

    /**
     * @param reinsert training only: puts the case's token back into the simulated reader (what the customer does
     *                 at a real counter); null in production
     */
    TroublePanel(Runnable authorise, Runnable abort, Runnable reinsert) {
        super(new MigLayout("insets 10, fillx, wrap 2", "[right][grow,fill]"));
        this.reinsertAction = reinsert != null;
        setName("troublePanel");
        putClientProperty("FlatLaf.styleClass", "troublePanel");
        title.setName("troubleTitle");
        title.putClientProperty("FlatLaf.styleClass", "outcomeFail");
        cause.setName("troubleCause");
        customer.setName("troubleCustomer");
        customer.putClientProperty("FlatLaf.styleClass", "customerSays");
        next.setName("troubleNext");
        add(title, "span 2, left");
        add(heading("Wizard.trouble.cause"));
        add(cause);
        add(heading("Wizard.trouble.customer"));
        add(customer);
        add(heading("Wizard.trouble.next"));
        add(next);
        manager = new JButton(TellerAction.of(StepPanel.TEXT.get("Wizard.trouble.manager") + "  F8", e -> authorise.run()));
        manager.setName("troubleManager");
        JButton close = new JButton(TellerAction.of(StepPanel.TEXT.get("Wizard.trouble.abort") + "  F9", e -> abort.run()));
        close.setName("troubleAbort");
        JButton details = new JButton(TellerAction.of(StepPanel.TEXT.get("Wizard.trouble.details"),
                e -> bank.ushield.teller.error.ErrorDialog.show(this, shown.problem())));
        details.setName("troubleDetails");
        this.reinsert = new JButton(TellerAction.of(StepPanel.TEXT.get("Wizard.trouble.simulatedReinsert"), e -> {
            if (reinsert != null) {
                reinsert.run();
            }
        }));
        this.reinsert.setName("simulatedReinsert");
        this.reinsert.putClientProperty("FlatLaf.styleClass", "trainingBanner");
        this.reinsert.setVisible(false);
        // One row of its own: MigLayout drops the cell constraints (skip, split) of a hidden first component.
        JPanel buttons = new JPanel(new MigLayout("insets 0, hidemode 3"));
        buttons.setOpaque(false);
        buttons.add(this.reinsert);
        buttons.add(manager);
        buttons.add(close);
        buttons.add(details);
        add(buttons, "skip, growx");
    }

    private static JLabel heading(String key) {
        JLabel l = new JLabel(StepPanel.TEXT.get(key));
        l.putClientProperty("FlatLaf.styleClass", "h4");
        return l;
    }

    void show(Trouble t) {
        shown = t;
        setVisible(t != null);
        if (t == null) {
            return;
        }
        title.setText(html(t.problem().problem()));
        cause.setText(html(String.join(" ", t.problem().causes())));
        customer.setText(html(t.problem().tellCustomer()));
        next.setText(html(t.problem().nextStep()));
        manager.setVisible(t.managerMayAuthorise());
        reinsert.setVisible(reinsertShown(t));
    }

    /** Training: the token left the reader (pulled out, or never put back): the trainee can put it back. */
    private boolean reinsertShown(Trouble t) {
        return reinsertAction
                && (t.renewalCode() == ProblemCode.TOKEN_REMOVED || t.renewalCode() == ProblemCode.TOKEN_ABSENT);
    }

    private static String html(String s) {
        return "<html><div style='width:520px'>" + s.replace("&", "&amp;").replace("<", "&lt;") + "</div></html>";
    }
}
