package bank.ushield.teller.training;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.UIManager;

import bank.ushield.renewal.training.Scenario;
import bank.ushield.renewal.training.ScoreReport;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.renewal.training.TrainingRun;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.task.BackgroundTask;

/**
 * A trainee logged in as themselves practises an assigned scenario (ADR 0091): the desk stages the run for their
 * login, the normal wizard runs under their own session, leaving an unfinished scenario asks first, and once they
 * leave the run is scored (kept in the training audit log, the trainer's history and class report) and shown.
 */
public final class TraineePractice implements BiConsumer<ShellContext, Scenario> {

    private static final Texts TEXT = ScoreView.TEXT;

    private final TrainingDesk desk;
    private final Consumer<ShellContext> wizard;

    /** @param wizard opens the normal renewal wizard in the given context */
    public TraineePractice(TrainingDesk desk, Consumer<ShellContext> wizard) {
        this.desk = desk;
        this.wizard = wizard;
    }

    @Override
    public void accept(ShellContext context, Scenario scenario) {
        String login = context.session().login();
        context.status(TEXT.format("Trainee.practice.staging", scenario.title().in(Texts.locale())));
        context.workstation().executor().execute(BackgroundTask.call(() -> desk.start(scenario, login))
                .onSuccess(run -> {
                    // Scored once: when the trainee leaves the scenario (shown), or when they log out in the middle
                    // of it (kept for the trainer's history; nobody is left to show it to).
                    java.util.concurrent.atomic.AtomicBoolean scored = new java.util.concurrent.atomic.AtomicBoolean();
                    context.onLogout(() -> {
                        if (scored.compareAndSet(false, true)) {
                            scoreOnLogout(context, run);
                        }
                    });
                    wizard.accept(new TraineeContext(context, context.session(), () -> {
                        if (scored.compareAndSet(false, true)) {
                            score(context, run);
                        }
                    }));
                })
                .onFailure(e -> ErrorDialog.show(context.frame(), e)));
    }

    /** Logged out mid-run: scored in the background (the window is going), a failure only logged. */
    private void scoreOnLogout(ShellContext context, TrainingRun run) {
        context.workstation().executor().execute(BackgroundTask.call(() -> desk.score(run))
                .onFailure(e -> org.slf4j.LoggerFactory.getLogger(TraineePractice.class)
                        .warn("The practice run left by logging out could not be scored", e)));
    }

    /** The trainee's own scored runs, newest first: the list the trainer opens from the class report. */
    public void history(ShellContext context) {
        String login = context.session().login();
        context.workstation().executor().execute(BackgroundTask.call(desk::classReport)
                .onSuccess(report -> TraineeHistoryDialog.open(context.frame(), report.trainees().stream()
                        .filter(t -> t.trainee().equals(login)).findFirst()
                        .orElse(new bank.ushield.renewal.training.ClassReport.TraineeScores(login, java.util.List.of())),
                        desk.scenarios(), report.zone()))
                .onFailure(e -> ErrorDialog.show(context.frame(), e)));
    }

    private void score(ShellContext context, TrainingRun run) {
        context.workstation().executor().execute(BackgroundTask.call(() -> desk.score(run))
                .onSuccess(report -> show(context, report))
                .onFailure(e -> ErrorDialog.show(context.frame(), e)));
    }

    /** The trainee's score: the headline and what was missed first, each missed step with its hint. */
    static void show(ShellContext context, ScoreReport report) {
        JLabel headline = new JLabel(ScoreView.headline(report));
        headline.setName("practiceScore");
        headline.putClientProperty("FlatLaf.styleClass", "h3");
        headline.setForeground(UIManager.getColor(report.passed() ? "Actions.Green" : "Actions.Red"));
        StringBuilder lines = new StringBuilder();
        ScoreView.lines(report, Texts.locale()).forEach(l -> lines.append(lines.length() == 0 ? "" : "\n")
                .append(l.met() ? "\u2714  " : "\u2718  ").append(l.text()));
        // Wrapped, never cut: a missed step's hint is often wider than the dialog.
        JTextArea list = new JTextArea(lines.toString());
        list.setName("practiceScoreLines");
        list.setEditable(false);
        list.setLineWrap(true);
        list.setWrapStyleWord(true);
        list.setColumns(56);
        list.setRows(Math.min(12, Math.max(4, report.checks().size() + 2)));
        list.setCaretPosition(0);
        JScrollPane scroll = new JScrollPane(list, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        JOptionPane pane = new JOptionPane(new Object[] {headline, scroll, TEXT.get("Trainee.practice.kept")},
                JOptionPane.INFORMATION_MESSAGE, JOptionPane.DEFAULT_OPTION);
        JDialog dialog = pane.createDialog(context.frame(), TEXT.get("Trainee.practice.title"));
        dialog.setName("practiceScoreDialog");
        dialog.setVisible(true);
        dialog.dispose();
    }
}
