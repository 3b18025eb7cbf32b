package bank.ushield.teller.widget;

import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;

import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.KeyStroke;

/** Keyboard conventions shared by the workstation's dialogs. */
public final class DialogKeys {

    private DialogKeys() {
    }

    /** Esc anywhere in the dialog runs the given cancel/close action. */
    public static void onEscape(JDialog dialog, Runnable action) {
        dialog.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "escape");
        dialog.getRootPane().getActionMap().put("escape", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }
}
