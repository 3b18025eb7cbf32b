package bank.ushield.teller.training;

import java.awt.Component;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.training.ClassReport;
import bank.ushield.renewal.training.HandlingStep;
import bank.ushield.renewal.training.ScenarioLibrary;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/** The class report: each trainee's runs and scores, and the steps the class missed most; saved as a PDF. */
final class ClassReportDialog {

    private static final Texts TEXT = ScoreView.TEXT;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ClassReportDialog() {
    }

    static void open(Component owner, ClassReport report, ScenarioLibrary library, TaskExecutor executor) {
        ZoneId zone = report.zone();
        DefaultTableModel trainees = new DefaultTableModel(new Object[] {TEXT.get("Class.column.trainee"),
            TEXT.get("Class.column.runs"), TEXT.get("Class.column.latest"), TEXT.get("Class.column.average"),
            TEXT.get("Class.column.history")}, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
        for (ClassReport.TraineeScores t : report.trainees()) {
            trainees.addRow(new Object[] {t.trainee(), t.history().size(), t.latest() + "%", t.average() + "%",
                t.history().stream().map(s -> scenario(library, s.scenarioId()) + " " + s.percent() + "%")
                        .collect(Collectors.joining("\uff1b"))});
        }
        JTable table = new JTable(trainees);
        table.setName("classTrainees");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(table);
        table.setSelectionMode(javax.swing.ListSelectionModel.SINGLE_SELECTION);
        // The history is the long column; the numbers need little room.
        int[] widths = {110, 70, 80, 80, 520};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        }
        bank.ushield.teller.widget.DialogKeys.headersWhole(table);
        DefaultTableModel missed = new DefaultTableModel(new Object[] {TEXT.get("Class.column.step"),
            TEXT.get("Class.column.missedRuns")}, 0);
        report.mostMissed().forEach(c -> missed.addRow(new Object[] {step(c.step(), c.mistake()), c.count()}));
        JTable missedTable = new JTable(missed);
        missedTable.setName("classMissed");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(missedTable);

        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(owner), TEXT.get("Class.title"),
                java.awt.Dialog.ModalityType.MODELESS);
        dialog.setName("classReport");
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[][grow,fill][][grow,fill][]"));
        JLabel traineesTitle = new JLabel(TEXT.get("Class.trainees"));
        traineesTitle.putClientProperty("FlatLaf.styleClass", "h4");
        content.add(traineesTitle);
        content.add(new JScrollPane(table), "h 160:220");
        JLabel missedTitle = new JLabel(TEXT.get("Class.mostMissed"));
        missedTitle.putClientProperty("FlatLaf.styleClass", "h4");
        content.add(missedTitle);
        content.add(new JScrollPane(missedTable), "h 120:160");
        JLabel status = new JLabel(" ");
        status.setName("classStatus");
        JButton pdf = new JButton(TellerAction.of(TEXT.get("Class.pdf"), e -> {
            Path file = choose(owner);
            if (file != null) {
                executor.execute(BackgroundTask.call(() -> {
                    report.writePdf(file, wording(library, zone));
                    return file;
                }).onSuccess(f -> status.setText(TEXT.format("Class.pdf.done", f)))
                        .onFailure(x -> ErrorDialog.show(dialog, x)));
            }
        }));
        pdf.setName("classPdf");
        JButton close = new JButton(TellerAction.of(TEXT.get("Class.close"), e -> dialog.dispose()));
        close.setName("classClose");
        // A trainee's history: every run with its date, scenario, score and the steps missed (double-click too).
        Runnable history = () -> {
            int row = table.getSelectedRow() < 0 && table.getRowCount() > 0 ? 0 : table.getSelectedRow();
            if (row >= 0) {
                TraineeHistoryDialog.open(dialog, report.trainees().get(table.convertRowIndexToModel(row)), library, zone);
            }
        };
        JButton historyButton = new JButton(TellerAction.of(TEXT.get("History.open"), e -> history.run()));
        historyButton.setName("classHistory");
        table.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                if (e.getClickCount() == 2 && table.rowAtPoint(e.getPoint()) >= 0) {
                    history.run();
                }
            }
        });
        content.add(status, "split 4, growx");
        content.add(historyButton);
        content.add(pdf, "tag ok");
        content.add(close, "tag cancel");
        dialog.setContentPane(content);
        dialog.setSize(900, 560);
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
    }

    private static ClassReport.Wording wording(ScenarioLibrary library, ZoneId zone) {
        return new ClassReport.Wording() {
            @Override
            public String title() {
                return TEXT.get("Class.title");
            }

            @Override
            public String trainee(ClassReport.TraineeScores t) {
                return TEXT.format("Class.pdf.trainee", t.trainee(), t.history().size(), t.average());
            }

            @Override
            public String scoreLine(ClassReport.Score s) {
                return TIME.format(s.at().atZone(zone)) + "  " + scenario(library, s.scenarioId());
            }

            @Override
            public String result(ClassReport.Score s) {
                return s.missed().isEmpty() ? TEXT.format("Class.pdf.result", s.percent())
                        : TEXT.format("Class.pdf.result.missed", s.percent(), missed(s));
            }

            @Override
            public String mostMissedHeading() {
                return TEXT.get("Class.mostMissed");
            }

            @Override
            public String step(String step, boolean mistake) {
                return ClassReportDialog.step(step, mistake);
            }

            @Override
            public String runs(long count) {
                return TEXT.format("Class.pdf.runs", count);
            }
        };
    }

    /** Where to save; tests set the "classReportTarget" client property on the owner to skip the chooser. */
    private static Path choose(Component owner) {
        if (owner instanceof javax.swing.JComponent c && c.getClientProperty("classReportTarget") instanceof Path p) {
            return p;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setSelectedFile(new java.io.File(TEXT.get("Class.pdf.name")));
        return chooser.showSaveDialog(owner) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().toPath() : null;
    }

    private static String scenario(ScenarioLibrary library, String id) {
        try {
            return library.get(id).title().in(Texts.locale());
        } catch (RuntimeException e) {
            return id;
        }
    }

    /** The steps a run missed, in words, in one line; a step done that should not have been says so. */
    static String missed(ClassReport.Score s) {
        return s.missed().stream().map(x -> step(x, s.mistakes().contains(x)))
                .collect(Collectors.joining(TEXT.get("History.separator")));
    }

    /** A step in words; one done that should not have been says so. */
    static String step(String step, boolean mistake) {
        return mistake ? TEXT.format("Score.forbidden.seen", step(step)) : step(step);
    }

    static String scenarioTitle(ScenarioLibrary library, String id) {
        return scenario(library, id);
    }

    static String step(String step) {
        if ("FINAL_STATE".equals(step)) {
            return TEXT.get("Class.step.finalState");
        }
        try {
            return ScoreView.step(HandlingStep.valueOf(step));
        } catch (IllegalArgumentException e) {
            return step;
        }
    }

    static Locale locale() {
        return Texts.locale();
    }
}
