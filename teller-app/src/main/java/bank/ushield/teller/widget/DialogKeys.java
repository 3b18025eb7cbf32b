package bank.ushield.teller.widget;

import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;

import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.KeyStroke;

/** Keyboard conventions shared by the workstation's dialogs and screens. */
public final class DialogKeys {

    /**
     * Client property of a work screen in the shell: a Runnable that puts the focus back where the teller types
     * (the shell runs it after unlocking).
     */
    public static final String FOCUS_WORK = "ushield.focusWork";

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
