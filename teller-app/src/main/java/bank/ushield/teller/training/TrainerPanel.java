package bank.ushield.teller.training;

import java.awt.BorderLayout;
import java.awt.Component;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;
import javax.swing.ToolTipManager;
import javax.swing.UIManager;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.training.Scenario;
import bank.ushield.renewal.training.ScenarioException;
import bank.ushield.renewal.training.ScenarioFault;
import bank.ushield.renewal.training.ScoreReport;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.renewal.training.TrainingRun;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The trainer's console: pick a scenario and a trainee, start it (the trainee then runs the normal renewal
 * wizard), see the score with what was missed, and reset the training data in one action.
 */
public final class TrainerPanel extends JPanel {

    private static final Texts TEXT = ScoreView.TEXT;

    private final TrainingDesk desk;
    private final TaskExecutor executor;
    private final Consumer<TrainingRun> wizardLauncher;
    private final DefaultListModel<Scenario> scenarios = new DefaultListModel<>();
    private final JList<Scenario> scenarioList = new JList<>(scenarios);
    private final JComboBox<String> trainee = new JComboBox<>();
    private final JTextArea briefing = new JTextArea();
    private final JLabel problems = new JLabel(" ");
    private final JLabel scoreHeadline = new JLabel(" ");
    private final DefaultListModel<ScoreView.Line> scoreLines = new DefaultListModel<>();
    private final JLabel runStatus = new JLabel(" ");
    private final JButton start;
    private final JButton assignButton;
    /** Who assigns scenarios and manages trainee accounts (the logged-in trainer). */
    private bank.ushield.renewal.staff.StaffSession trainer;
    private final JButton accountsButton;
    private final JButton resetButton;
    private final JButton classButton;
    private final JProgressBar resetProgress = new JProgressBar();
    private TrainingRun pending;
    /** Now for the times shown (the composition root hands over the branch's zone). */
    private java.util.function.Supplier<java.time.ZonedDateTime> now = java.time.ZonedDateTime::now;

    /**
     * @param wizardLauncher opens the normal renewal wizard for the run's trainee; when the wizard is closed the
     *                       shell shows this screen again and {@link #shown()} scores the run
     */
    public TrainerPanel(TrainingDesk desk, TaskExecutor executor, Consumer<TrainingRun> wizardLauncher) {
        super(new BorderLayout());
        this.desk = desk;
        this.executor = executor;
        this.wizardLauncher = wizardLauncher;
        setName("trainerPanel");
        setBorder(javax.swing.BorderFactory.createEmptyBorder(8, 12, 8, 12));

        scenarioList.setName("scenarioList");
        scenarioList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        scenarioList.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                                                          boolean focus) {
                Scenario s = (Scenario) value;
                String title = s.title().in(Texts.locale());
                String text = "built-in".equals(s.source()) ? title : TEXT.format("Trainer.scenario.own", title, s.source());
                return super.getListCellRendererComponent(list, text, index, selected, focus);
            }
        });
        scenarioList.addListSelectionListener(e -> showBriefing(scenarioList.getSelectedValue()));
        problems.setName("scenarioProblems");

        JPanel left = new JPanel(new BorderLayout(0, 4));
        JLabel listTitle = new JLabel(TEXT.get("Trainer.scenarios"));
        listTitle.putClientProperty("FlatLaf.styleClass", "h4");
        left.add(listTitle, BorderLayout.NORTH);
        left.add(new JScrollPane(scenarioList), BorderLayout.CENTER);
        left.add(problems, BorderLayout.SOUTH);
        left.setMinimumSize(new java.awt.Dimension(240, 0));

        briefing.setName("scenarioBriefing");
        briefing.setEditable(false);
        briefing.setLineWrap(true);
        briefing.setWrapStyleWord(true);
        briefing.setRows(8);
        briefing.setColumns(40);
        trainee.setName("traineeBox");
        trainee.setEditable(true);
        // Alt+S, Alt+A, Alt+C, Alt+T (printed on the buttons): a trainer starts and assigns scenarios all day from
        // the list of scenarios, where Tab would first walk through the text and the trainee box.
        start = button("startScenario", TellerAction.of(TEXT.get("Trainer.start"), e -> startRun()));
        start.setMnemonic(java.awt.event.KeyEvent.VK_S);
        assignButton = button("assignScenario", TellerAction.of(TEXT.get("Trainer.assign"), e -> assign()));
        assignButton.setMnemonic(java.awt.event.KeyEvent.VK_A);
        resetButton = button("resetTraining", TellerAction.of(TEXT.get("Trainer.reset"), e -> reset()));
        classButton = button("classReportButton", TellerAction.of(TEXT.get("Class.open"), e -> classReport()));
        classButton.setMnemonic(java.awt.event.KeyEvent.VK_C);
        accountsButton = button("traineeAccounts", TellerAction.of(TEXT.get("Trainer.accounts"), e -> accounts()));
        accountsButton.setMnemonic(java.awt.event.KeyEvent.VK_T);
        accountsButton.setEnabled(false); // until the shell says which trainer is logged in
        runStatus.setName("runStatus");
        resetProgress.setName("resetProgress");
        resetProgress.setIndeterminate(true);
        resetProgress.setVisible(false);

        scoreHeadline.setName("scoreHeadline");
        scoreHeadline.putClientProperty("FlatLaf.styleClass", "h2");
        JList<ScoreView.Line> scoreList = new JList<>(scoreLines);
        scoreList.setName("scoreLines");
        scoreList.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                                                          boolean focus) {
                ScoreView.Line line = (ScoreView.Line) value;
                String text = (line.met() ? "\u2714  " : "\u2718  ") + line.text();
                // A missed step with its hint is often wider than the list: wrapped to the list's width (CSS px
                // render at 4/3 of screen px in Swing's HTML), and the whole line on hover.
                int width = list.getParent() instanceof javax.swing.JViewport v ? v.getWidth() : list.getWidth();
                String shown = width < 100 ? text : "<html><div style='width:" + (width - 24) * 3 / 4 + "px'>"
                        + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</div></html>";
                JLabel l = (JLabel) super.getListCellRendererComponent(list, shown, index, selected, focus);
                if (!selected) {
                    l.setForeground(UIManager.getColor(line.met() ? "Actions.Green" : "Actions.Red"));
                }
                l.setToolTipText(line.text());
                return l;
            }
        });
        ToolTipManager.sharedInstance().registerComponent(scoreList);
        JScrollPane scoreScroll = new JScrollPane(scoreList, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        scoreScroll.getViewport().addComponentListener(new java.awt.event.ComponentAdapter() {
            @Override
            public void componentResized(java.awt.event.ComponentEvent e) {
                // The list keeps its rows' heights: make it measure the wrapped lines again at the new width.
                scoreList.setFixedCellHeight(1);
                scoreList.setFixedCellHeight(-1);
            }
        });

        JPanel right = new JPanel(new MigLayout("insets 0 8 0 0, fill, wrap 2", "[][grow,fill]",
                "[][grow 30,fill][][][][][grow 70,fill]"));
        JLabel briefingTitle = new JLabel(TEXT.get("Trainer.briefing"));
        briefingTitle.putClientProperty("FlatLaf.styleClass", "h4");
        right.add(briefingTitle, "span 2");
        right.add(new JScrollPane(briefing), "span 2, grow");
        right.add(new JLabel(TEXT.get("Trainer.trainee")));
        right.add(trainee, "split 3, growx");
        right.add(start);
        right.add(assignButton);
        // A row of its own (span 2): in the label's column the run line came after them on the same row and was cut
        // at 1366x768 ("Scored. Start another scenario or pick another train...").
        right.add(resetButton, "span 2, split 3");
        right.add(classButton);
        right.add(accountsButton);
        // hidemode 2: the hidden progress bar keeps its cell, so the next component does not move up into it.
        // wmin 0: a long run line must not push the divider over the scenario list when the console comes back
        right.add(runStatus, "span 2, split 2, growx, wmin 0");
        right.add(resetProgress, "w 160!, hidemode 2");
        right.add(scoreHeadline, "span 2, gaptop para");
        right.add(scoreScroll, "span 2, grow, push");

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
        split.setResizeWeight(0.32);
        add(split, BorderLayout.CENTER);
        loadScenarios(desk.trainees());
    }

    /** Called when the home screen is shown again: scores the run the trainee just did. */
    public void shown() {
        // Back on the list of scenarios (at login and after a run): the keyboard had no focus anywhere on the console.
        javax.swing.SwingUtilities.invokeLater(scenarioList::requestFocusInWindow);
        TrainingRun run = pending;
        if (run == null) {
            return;
        }
        pending = null;
        runStatus.setText(TEXT.get("Trainer.scoring"));
        executor.execute(BackgroundTask.call(() -> desk.score(run))
                .onSuccess(this::showScore)
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void loadScenarios(List<String> trainees) {
        scenarios.clear();
        desk.scenarios().all().forEach(scenarios::addElement);
        List<ScenarioException> broken = desk.scenarios().problems();
        if (!broken.isEmpty()) {
            problems.setText(TEXT.format("Trainer.problems", broken.size()));
            StringBuilder tip = new StringBuilder("<html>");
            broken.forEach(p -> tip.append(p.file()).append(": ").append(p.getMessage()).append("<br>"));
            problems.setToolTipText(tip.append("</html>").toString());
            problems.setForeground(UIManager.getColor("Actions.Red"));
        }
        trainee.removeAllItems();
        trainees.forEach(trainee::addItem);
        if (!scenarios.isEmpty()) {
            scenarioList.setSelectedIndex(0);
        }
    }

    private void showBriefing(Scenario s) {
        if (s == null) {
            briefing.setText("");
            return;
        }
        Locale locale = Texts.locale();
        StringBuilder b = new StringBuilder();
        b.append(s.title().in(locale)).append("\n\n").append(s.briefing().in(locale)).append("\n\n");
        b.append(TEXT.format("Trainer.customer", s.customer().name(), s.token().certificateExpiredDays()));
        for (ScenarioFault f : s.faults()) {
            b.append('\n').append(TEXT.format("Trainer.fault", TEXT.get("Fault." + f.kind().name())));
        }
        briefing.setText(b.toString());
        briefing.setCaretPosition(0);
    }

    /** Sets where "now" comes from for the times shown: the branch's zone, as receipts and the audit say times. */
    public void now(java.util.function.Supplier<java.time.ZonedDateTime> now) {
        this.now = java.util.Objects.requireNonNull(now);
    }

    /** Sets who assigns scenarios and manages trainee accounts from this console (the logged-in trainer). */
    public void trainer(bank.ushield.renewal.staff.StaffSession session) {
        trainer = session;
        accountsButton.setEnabled(session != null);
    }

    /** The trainee accounts (ADR 0091); the trainee list is read again once the dialog is closed. */
    private void accounts() {
        bank.ushield.teller.admin.StaffAccountsDialog.openTrainees(javax.swing.SwingUtilities.getWindowAncestor(this),
                desk.accounts(), trainer, executor);
        executor.execute(BackgroundTask.call(desk::trainees).onSuccess(list -> {
            Object selected = trainee.getSelectedItem();
            trainee.removeAllItems();
            list.forEach(trainee::addItem);
            if (selected != null && list.contains(selected.toString())) {
                trainee.setSelectedItem(selected);
            }
        }).onFailure(e -> ErrorDialog.show(this, e)));
    }

    /** Stores the selected scenario for the selected trainee; the trainee's home lists it. */
    private void assign() {
        Scenario scenario = scenarioList.getSelectedValue();
        Object who = trainee.getSelectedItem();
        if (scenario == null || who == null || who.toString().isBlank()) {
            runStatus.setText(TEXT.get("Trainer.pick"));
            return;
        }
        String login = who.toString().trim();
        String title = scenario.title().in(Texts.locale());
        executor.execute(BackgroundTask.call(() -> desk.assign(scenario.id(), login,
                trainer == null ? "trainer" : trainer.login()))
                .onSuccess(fresh -> runStatus.setText(TEXT.format(fresh ? "Trainer.assigned" : "Trainer.assigned.again",
                        title, login)))
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void startRun() {
        Scenario scenario = scenarioList.getSelectedValue();
        Object who = trainee.getSelectedItem();
        if (scenario == null || who == null || who.toString().isBlank()) {
            runStatus.setText(TEXT.get("Trainer.pick"));
            return;
        }
        String login = who.toString().trim();
        start.setEnabled(false);
        executor.execute(BackgroundTask.call(() -> desk.start(scenario, login))
                .onSuccess(run -> {
                    pending = run;
                    scoreHeadline.setText(" ");
                    scoreLines.clear();
                    runStatus.setText(TEXT.format("Trainer.running", scenario.title().in(Texts.locale()), login,
                            run.idNumber(), run.cardNumber(), run.tokenSerial()));
                    wizardLauncher.accept(run);
                })
                .onFailure(e -> ErrorDialog.show(this, e))
                .onFinished(() -> start.setEnabled(true)));
    }

    private void showScore(ScoreReport report) {
        scoreHeadline.setText(ScoreView.headline(report));
        scoreHeadline.setForeground(UIManager.getColor(report.passed() ? "Actions.Green" : "Actions.Red"));
        scoreLines.clear();
        ScoreView.lines(report, Texts.locale()).forEach(scoreLines::addElement);
        runStatus.setText(TEXT.get("Trainer.scored"));
    }

    private void reset() {
        int answer = JOptionPane.showConfirmDialog(this, TEXT.get("Trainer.reset.confirm"),
                TEXT.get("Trainer.reset.title"), JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return;
        }
        start.setEnabled(false);
        resetButton.setEnabled(false);
        resetProgress.setVisible(true);
        runStatus.setText(TEXT.get("Trainer.reset.running"));
        runStatus.setForeground(UIManager.getColor("Label.foreground"));
        // Closing the training workstation, wiping it and generating fresh staff and customers takes seconds:
        // off the EDT, with the console disabled until the reopened desk answers.
        executor.execute(BackgroundTask.call(() -> {
            desk.reset();
            return desk.trainees();
        }).onSuccess(trainees -> {
            pending = null;
            scoreHeadline.setText(" ");
            scoreLines.clear();
            loadScenarios(trainees);
            runStatus.setText(TEXT.format("Trainer.reset.done",
                    java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(now.get()), trainees.size(), scenarios.size()));
            runStatus.setForeground(UIManager.getColor("Actions.Green"));
        }).onFailure(e -> {
            runStatus.setText(TEXT.get("Trainer.reset.failed"));
            runStatus.setForeground(UIManager.getColor("Actions.Red"));
            ErrorDialog.show(this, e);
        }).onFinished(() -> {
            resetProgress.setVisible(false);
            start.setEnabled(true);
            resetButton.setEnabled(true);
        }));
    }

    /** For tests and the shell: show a score directly. */
    void display(ScoreReport report) {
        showScore(report);
    }

    /** Every trainee's scores and the class's most missed steps, read off the EDT. */
    private void classReport() {
        executor.execute(BackgroundTask.call(desk::classReport)
                .onSuccess(r -> ClassReportDialog.open(this, r, desk.scenarios(), executor))
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private static JButton button(String name, TellerAction action) {
        JButton b = new JButton(action);
        b.setName(name);
        return b;
    }
}
