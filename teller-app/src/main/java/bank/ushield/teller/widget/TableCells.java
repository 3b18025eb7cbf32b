package bank.ushield.teller.widget;

import java.awt.Component;

import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.table.TableCellRenderer;

/** A table cell cut by its column ("Check failed: Bank card: Card of anoth...") shows its whole text on hover. */
public final class TableCells {

    private TableCells() {
    }

    /** Wraps the table's default text renderer: a cell wider than its column gets its text as tooltip. */
    public static void wholeTextOnHover(JTable table) {
        TableCellRenderer base = table.getDefaultRenderer(Object.class);
        table.setDefaultRenderer(Object.class, (t, value, selected, focus, row, column) -> {
            Component c = base.getTableCellRendererComponent(t, value, selected, focus, row, column);
            if (c instanceof JComponent j) {
                boolean cut = value != null && c.getPreferredSize().width > t.getColumnModel().getColumn(column).getWidth();
                j.setToolTipText(cut ? value.toString() : null);
            }
            return c;
        });
    }
}
