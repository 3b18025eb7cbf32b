package bank.ushield.teller.training;

import java.awt.Window;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.KeyStroke;
import javax.swing.table.DefaultTableModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.training.ClassReport;
import bank.ushield.renewal.training.ScenarioLibrary;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;

/** One trainee's history: every scored run, newest first, with its date, scenario, score and the steps missed. */
final class TraineeHistoryDialog {

    private static final Texts TEXT = ScoreView.TEXT;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private TraineeHistoryDialog() {
    }

    static void open(Window owner, ClassReport.TraineeScores trainee, ScenarioLibrary library, ZoneId zone) {
        DefaultTableModel rows = new DefaultTableModel(new Object[] {TEXT.get("History.column.at"),
            TEXT.get("History.column.scenario"), TEXT.get("History.column.score"), TEXT.get("History.column.missed")}, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
        for (int i = trainee.history().size() - 1; i >= 0; i--) {
            ClassReport.Score s = trainee.history().get(i);
            rows.addRow(new Object[] {TIME.format(s.at().atZone(zone)), ClassReportDialog.scenarioTitle(library,
                    s.scenarioId()), s.percent() + "%", s.missed().isEmpty() ? TEXT.get("History.nothingMissed")
                    : ClassReportDialog.missed(s)});
        }
        JTable table = new JTable(rows);
        table.setName("historyTable");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        table.setSelectionMode(javax.swing.ListSelectionModel.SINGLE_SELECTION);
        // The time and the score always whole; the scenario and the missed steps share the rest.
        java.awt.FontMetrics fm = table.getFontMetrics(table.getFont());
        int[] fixed = {fm.stringWidth("2026-12-31 23:59") + 16, fm.stringWidth(TEXT.get("History.column.score") + "100%") + 16};
        table.getColumnModel().getColumn(0).setMinWidth(fixed[0]);
        table.getColumnModel().getColumn(0).setMaxWidth(fixed[0]);
        table.getColumnModel().getColumn(2).setMinWidth(fixed[1]);
        table.getColumnModel().getColumn(2).setMaxWidth(fixed[1]);
        table.getColumnModel().getColumn(1).setPreferredWidth(240);
        table.getColumnModel().getColumn(3).setPreferredWidth(460);
        // The selected run's missed steps in full, wrapped (the cell is often too narrow for them).
        javax.swing.JTextArea missed = new javax.swing.JTextArea(3, 60);
        missed.setName("historyMissed");
        missed.setEditable(false);
        missed.setLineWrap(true);
        missed.setWrapStyleWord(true);
        missed.setOpaque(false);
        table.getSelectionModel().addListSelectionListener(e -> {
            int row = table.getSelectedRow();
            missed.setText(row < 0 ? "" : TEXT.format("History.missedOf", rows.getValueAt(row, 0),
                    rows.getValueAt(row, 1), rows.getValueAt(row, 3)));
        });
        if (rows.getRowCount() > 0) {
            table.setRowSelectionInterval(0, 0);
        }
        // A long list of missed steps shows whole on hover.
        table.setDefaultRenderer(Object.class, new javax.swing.table.DefaultTableCellRenderer() {
            @Override
            public java.awt.Component getTableCellRendererComponent(JTable t, Object value, boolean selected,
                                                                   boolean focus, int row, int column) {
                JLabel l = (JLabel) super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                l.setToolTipText(value == null ? null : value.toString());
                return l;
            }
        });

        JDialog dialog = new JDialog(owner, TEXT.format("History.title", trainee.trainee()),
                java.awt.Dialog.ModalityType.DOCUMENT_MODAL);
        dialog.setName("traineeHistory");
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[][grow,fill][][]"));
        JLabel summary = new JLabel(TEXT.format("History.summary", trainee.trainee(), trainee.history().size(),
                trainee.latest(), trainee.average()));
        summary.setName("historySummary");
        summary.putClientProperty("FlatLaf.styleClass", "h4");
        content.add(summary);
        content.add(new JScrollPane(table), "h 160:300");
        content.add(missed, "wmin 0");
        JButton close = new JButton(TellerAction.of(TEXT.get("Class.close"), e -> dialog.dispose()));
        close.setName("historyClose");
        content.add(close, "tag ok, growx 0, right");
        dialog.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "close");
        dialog.getRootPane().getActionMap().put("close", close.getAction());
        dialog.setContentPane(content);
        dialog.setSize(920, 460);
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
    }
}
