package bank.ushield.teller.home;

import java.awt.Component;
import java.awt.Dialog;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.training.TrainingGuide;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.widget.DialogKeys;

/**
 * The trainee's guide (F1 on the training home): the training token PIN and which training customer fits which path,
 * so a trainee needs no manual to start. Keyboard: the table has the focus, Tab reaches Close, Enter and Esc close.
 */
final class TrainingGuideDialog {

    private static final Texts TEXT = Texts.of(TrainingGuideDialog.class, "Home");

    private TrainingGuideDialog() {
    }

    static JDialog open(Component owner, TrainingGuide guide) {
        DefaultTableModel rows = new DefaultTableModel(new Object[] {TEXT.get("Guide.column.path"),
            TEXT.get("Guide.column.customerNo"), TEXT.get("Guide.column.name"), TEXT.get("Guide.column.expiry"),
            TEXT.get("Guide.column.expect")}, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
        for (TrainingGuide.Customer c : guide.customers()) {
            rows.addRow(new Object[] {TEXT.get("Guide.path." + c.path().name()), c.customerNo(), c.maskedName(),
                expiry(c.daysSinceExpiry()), TEXT.get("Guide.expect." + c.path().name())});
        }
        JTable table = new JTable(rows);
        table.setName("guideCustomers");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        // Tab leaves the table for the Close button instead of moving between cells.
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        // Every short column as wide as its longest cell (a customer number is typed from here: never cut); the
        // "what happens" column takes the rest and shows its whole text on hover.
        java.awt.FontMetrics fm = table.getFontMetrics(table.getFont());
        for (int c = 0; c < 4; c++) {
            int width = fm.stringWidth(rows.getColumnName(c));
            for (int r = 0; r < rows.getRowCount(); r++) {
                width = Math.max(width, fm.stringWidth(String.valueOf(rows.getValueAt(r, c))));
            }
            table.getColumnModel().getColumn(c).setMinWidth(width + 20);
            table.getColumnModel().getColumn(c).setPreferredWidth(width + 20);
        }
        table.getColumnModel().getColumn(4).setPreferredWidth(640);
        table.setDefaultRenderer(Object.class, new javax.swing.table.DefaultTableCellRenderer() {
            @Override
            public java.awt.Component getTableCellRendererComponent(JTable t, Object value, boolean selected,
                                                                    boolean focus, int row, int column) {
                JLabel l = (JLabel) super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                l.setToolTipText(column == 4 ? String.valueOf(value) : null);
                return l;
            }
        });
        if (rows.getRowCount() > 0) {
            table.setRowSelectionInterval(0, 0);
        }

        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(owner), TEXT.get("Guide.title"),
                Dialog.ModalityType.DOCUMENT_MODAL);
        dialog.setName("trainingGuide");
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[][][][grow,fill][]"));
        JLabel pin = new JLabel(TEXT.format("Guide.pin", guide.tokenPin()));
        pin.setName("guidePin");
        pin.putClientProperty("FlatLaf.styleClass", "h3");
        content.add(pin);
        JLabel howTo = new JLabel("<html>" + TEXT.get("Guide.howTo") + "</html>");
        howTo.setName("guideHowTo");
        content.add(howTo, "wmin 0");
        StringBuilder mine = new StringBuilder("<html>");
        if (!guide.assigned().isEmpty()) {
            mine.append(escape(TellerHome.assignedLine(guide)));
        }
        for (bank.ushield.renewal.training.Scenario sc : guide.assigned()) {
            mine.append("<br>\u2022 <b>").append(escape(sc.title().in(Texts.locale()))).append("</b>: ")
                    .append(escape(sc.briefing().in(Texts.locale())));
        }
        JLabel assigned = new JLabel(mine.append("</html>").toString());
        assigned.setName("guideAssigned");
        content.add(assigned, "wmin 0, hidemode 3");
        assigned.setVisible(!guide.assigned().isEmpty());
        content.add(new JScrollPane(table), "h 200:420");
        JButton close = new JButton(TellerAction.of(TEXT.get("Guide.close"), e -> dialog.dispose()));
        close.setName("guideClose");
        content.add(close, "right, growx 0");
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(close);
        // Enter in the table closes too (the table would move to the next row).
        table.getInputMap(javax.swing.JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .put(javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_ENTER, 0), "close");
        table.getActionMap().put("close", TellerAction.of(TEXT.get("Guide.close"), e -> dialog.dispose()));
        DialogKeys.onEscape(dialog, dialog::dispose);
        dialog.setSize(1300, 600);
        dialog.setLocationRelativeTo(owner);
        SwingUtilities.invokeLater(table::requestFocusInWindow);
        dialog.setVisible(true);
        return dialog;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String expiry(Long days) {
        if (days == null) {
            return TEXT.get("Guide.noCertificate");
        }
        return days >= 0 ? TEXT.format("Guide.expired", days) : TEXT.format("Guide.expires", -days);
    }
}
