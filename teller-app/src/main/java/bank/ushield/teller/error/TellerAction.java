package bank.ushield.teller.error;

import java.awt.Component;
import java.awt.event.ActionEvent;

import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.KeyStroke;

/**
 * Base of the workstation's actions (as KeyStore Explorer's KeyStoreExplorerAction): whatever the action throws
 * is explained and shown in the one error dialog instead of escaping into the EDT.
 */
public abstract class TellerAction extends AbstractAction {

    protected TellerAction(String name) {
        super(name);
    }

    protected TellerAction(String name, KeyStroke accelerator) {
        super(name);
        putValue(Action.ACCELERATOR_KEY, accelerator);
    }

    @Override
    public final void actionPerformed(ActionEvent e) {
        try {
            perform(e);
        } catch (Exception ex) {
            ErrorDialog.show(e.getSource() instanceof Component c ? c : null, ex);
        }
    }

    protected abstract void perform(ActionEvent e) throws Exception;

    /** An action from a lambda, for the many small actions of a screen. */
    public static TellerAction of(String name, Perform perform) {
        return new TellerAction(name) {
            @Override
            protected void perform(ActionEvent e) throws Exception {
                perform.run(e);
            }
        };
    }

    /** The body of a lambda action. */
    @FunctionalInterface
    public interface Perform {
        void run(ActionEvent e) throws Exception;
    }
}
