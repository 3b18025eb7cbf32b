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

    /**
     * Tab and Shift+Tab leave the table for the next and previous component, as everywhere else, instead of moving
     * between its cells (Swing's default, which left a keyboard user in the table with no way out but Ctrl+Tab).
     */
    public static void tabLeaves(javax.swing.JTable table) {
        // null: the window's traversal keys (Tab, Shift+Tab) instead of the table's own (Ctrl+Tab only).
        table.setFocusTraversalKeys(java.awt.KeyboardFocusManager.FORWARD_TRAVERSAL_KEYS, null);
        table.setFocusTraversalKeys(java.awt.KeyboardFocusManager.BACKWARD_TRAVERSAL_KEYS, null);
    }

    /**
     * Every column at least as wide as its header needs ("Latest sc..." in English): set after the preferred
     * widths, so a narrow window cuts the cells, never the headers.
     */
    public static void headersWhole(javax.swing.JTable table) {
        javax.swing.table.TableCellRenderer renderer = table.getTableHeader().getDefaultRenderer();
        for (int i = 0; i < table.getColumnCount(); i++) {
            javax.swing.table.TableColumn c = table.getColumnModel().getColumn(i);
            int need = renderer.getTableCellRendererComponent(table, c.getHeaderValue(), false, false, -1, i)
                    .getPreferredSize().width;
            c.setMinWidth(Math.max(c.getMinWidth(), need));
            c.setPreferredWidth(Math.max(c.getPreferredWidth(), need));
        }
    }
}
