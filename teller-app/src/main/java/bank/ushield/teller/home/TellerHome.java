package bank.ushield.teller.home;

import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.task.BackgroundTask;

/** The teller's home: start a renewal (F2), the cases to finish (F3 resumes the selected one), today's own cases. */
public final class TellerHome implements HomeScreen {

    private static final Texts TEXT = Texts.of(TellerHome.class, "Home");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ShellContext context;
    private final WorkLauncher launcher;
    /** The teller's case lists (null: none in this build, the lists stay empty). */
    private final TellerDesk desk;
    private final JPanel panel = new JPanel(new MigLayout("insets 16, fill, wrap 2", "[50%,fill][50%,fill]", "[][]para[][grow,fill][]"));
    private final DefaultListModel<CaseSummary> pending = new DefaultListModel<>();
    private final DefaultListModel<CaseSummary> today = new DefaultListModel<>();
    private final JList<CaseSummary> pendingList = new JList<>(pending) {
        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true; // a held case's line wraps to the list's width instead of scrolling sideways
        }
    };
    private final JList<CaseSummary> todayList = new JList<>(today);
    private final JButton startButton;
    /** Training: the trainee's guide (null elsewhere) and the scenarios the trainer assigned, listed on the home. */
    private final java.util.function.Supplier<java.util.Optional<bank.ushield.renewal.training.TrainingGuide>> guide;
    private final JLabel assigned = new JLabel(" ");
    /** Training: the trainee's own practice of an assigned scenario (null: not offered on this workstation). */
    private java.util.function.BiConsumer<ShellContext, bank.ushield.renewal.training.Scenario> practice;
    private final JButton practiceButton = new JButton();
    /** Training: the trainee's own scored runs (null: not offered on this workstation). */
    private java.util.function.Consumer<ShellContext> practiceHistory;
    private final JButton historyButton = new JButton();
    /** The scenarios assigned to this trainee, as last read with the guide. */
    private List<bank.ushield.renewal.training.Scenario> assignedScenarios = List.of();
    /** The branch's zone for the lists' times, read with the lists (the system zone until then). */
    private ZoneId zone = ZoneId.systemDefault();

    /** Opens work screens from the home: the renewal wizard, new or resumed. */
    public interface WorkLauncher {
        void startRenewal(ShellContext context);

        void resumeRenewal(ShellContext context, long caseId);
    }

    public TellerHome(ShellContext context, TellerDesk desk, WorkLauncher launcher) {
        this(context, desk, launcher, java.util.Optional::empty);
    }

    /**
     * As above; on a training workstation {@code guide} (called off the EDT) gives the trainee's guide, opened with
     * F1 or its button.
     */
    public TellerHome(ShellContext context, TellerDesk desk, WorkLauncher launcher,
                      java.util.function.Supplier<java.util.Optional<bank.ushield.renewal.training.TrainingGuide>> guide) {
        this.context = context;
        this.desk = desk;
        this.launcher = launcher;
        panel.setName("tellerHome");
        JLabel hello = new JLabel(TEXT.format("Home.greeting", context.session().displayName()));
        hello.putClientProperty("FlatLaf.styleClass", "h2");
        panel.add(hello, "span 2");

        TellerAction start = TellerAction.of(TEXT.get("Home.start"), e -> launcher.startRenewal(context));
        startButton = new JButton(start);
        startButton.setName("homeStart");
        startButton.setText(TEXT.get("Home.start") + "  F2");
        startButton.putClientProperty("FlatLaf.styleClass", "large");
        boolean training = context.workstation() != null && context.workstation().training();
        this.guide = training ? guide : null;
        JPanel startRow = new JPanel(new MigLayout("insets 0"));
        if (training) {
            // One more row for the assigned scenarios: the lists keep the row that grows.
            ((MigLayout) panel.getLayout()).setRowConstraints("[][][]para[][grow,fill][]");
            // Start and the guide side by side at the left (a split cell in the fill column spread them apart).
            startRow.add(startButton, "h 48!");
        } else {
            panel.add(startButton, "span 2, growx 0, h 48!, gapbottom para");
        }
        if (training) {
            TellerAction openGuide = TellerAction.of(TEXT.get("Home.guide"), e -> openGuide(guide));
            JButton guideButton = new JButton(openGuide);
            guideButton.setName("homeGuide");
            guideButton.setFocusable(false); // a key-labelled button: F1 opens it, Enter stays the home's start
            guideButton.setText(TEXT.get("Home.guide") + "  F1");
            startRow.add(guideButton, "h 48!, gapleft unrel");
            TellerAction practise = TellerAction.of(TEXT.get("Home.practice"), e -> practiseAssigned());
            practiceButton.setAction(practise);
            practiceButton.setName("homePractice");
            practiceButton.setFocusable(false); // key-labelled like the guide: F4
            practiceButton.setText(TEXT.get("Home.practice") + "  F4");
            practiceButton.setEnabled(false); // until the assigned scenarios are read
            practiceButton.setVisible(false); // until the shell offers practice (a trainee on a training workstation)
            startRow.add(practiceButton, "h 48!, gapleft unrel, hidemode 3");
            TellerAction history = TellerAction.of(TEXT.get("Home.history"), e -> {
                if (practiceHistory != null) {
                    practiceHistory.accept(context);
                }
            });
            historyButton.setAction(history);
            historyButton.setName("homeHistory");
            historyButton.setFocusable(false); // key-labelled like the guide: F5
            historyButton.setText(TEXT.get("Home.history") + "  F5");
            historyButton.setVisible(false); // with the practice button
            startRow.add(historyButton, "h 48!, gapleft unrel, hidemode 3");
            bind(KeyEvent.VK_F5, "history", history);
            panel.add(startRow, "span 2");
            bind(KeyEvent.VK_F1, "guide", openGuide);
            bind(KeyEvent.VK_F4, "practice", practise);
            assigned.setName("homeAssigned");
            panel.add(assigned, "span 2, wmin 0");
        }
        bind(KeyEvent.VK_F2, "start", start);
        // The home's default action: Enter starts a renewal (in the list of cases to finish, Enter resumes one).
        panel.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "start");

        pendingList.setName("homePending");
        todayList.setName("homeToday");
        for (JList<CaseSummary> list : List.of(pendingList, todayList)) {
            list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
            list.setCellRenderer((l, value, index, selected, focus) -> {
                // A held case's second line wraps within the list (who, since when, last step, what F3 does).
                JLabel row = new JLabel(value != null && value.heldElsewhere() != null
                        ? heldLine(value, zone) : line(value, zone));
                row.setOpaque(true);
                row.setBackground(selected ? l.getSelectionBackground() : l.getBackground());
                row.setForeground(selected ? l.getSelectionForeground() : l.getForeground());
                row.setBorder(javax.swing.BorderFactory.createEmptyBorder(4, 6, 4, 6));
                wrap(row, l.getWidth());
                return row;
            });
        }
        pendingList.addComponentListener(new java.awt.event.ComponentAdapter() {
            @Override
            public void componentResized(java.awt.event.ComponentEvent e) {
                // A held case's line wraps to the list's width: the list measures its rows again.
                pendingList.setFixedCellHeight(1);
                pendingList.setFixedCellHeight(-1);
            }
        });
        TellerAction resume = TellerAction.of(TEXT.get("Home.resume"), e -> resumeSelected());
        pendingList.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2) {
                    resumeSelected();
                }
            }
        });
        pendingList.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "resume");
        pendingList.getActionMap().put("resume", resume);
        bind(KeyEvent.VK_F3, "resume", resume);

        panel.add(heading(TEXT.get("Home.pending")));
        panel.add(heading(TEXT.get("Home.today")));
        for (JList<CaseSummary> list : List.of(pendingList, todayList)) {
            JScrollPane pane = new JScrollPane(list);
            // The two lists share the width (a long line wraps or scrolls; it does not widen its column).
            pane.setPreferredSize(new java.awt.Dimension(100, 100));
            panel.add(pane);
        }
        JButton resumeButton = new JButton(resume);
        resumeButton.setName("homeResume");
        resumeButton.setText(TEXT.get("Home.resume") + "  F3");
        panel.add(resumeButton, "growx 0");
        JLabel keys = new JLabel(TEXT.get(training ? "Home.keys.training" : "Home.keys"));
        keys.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        panel.add(keys, "right");
    }

    private void bind(int key, String name, TellerAction action) {
        panel.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(key, 0), name);
        panel.getActionMap().put(name, action);
    }

    /**
     * Training: lets the trainee practise an assigned scenario themselves, logged in as themselves (ADR 0091):
     * {@code practice} stages the run for this login and opens the wizard.
     */
    public void practice(java.util.function.BiConsumer<ShellContext, bank.ushield.renewal.training.Scenario> practice) {
        this.practice = practice;
        practiceButton.setVisible(practice != null && guide != null);
    }

    /** Training: lets the trainee open their own scored runs, newest first (F5), where practice is offered. */
    public void practiceHistory(java.util.function.Consumer<ShellContext> history) {
        this.practiceHistory = history;
        historyButton.setVisible(history != null && guide != null);
    }

    /** Starts the assigned scenario (asks which when there are several). */
    private void practiseAssigned() {
        if (practice == null || assignedScenarios.isEmpty()) {
            return;
        }
        bank.ushield.renewal.training.Scenario chosen = assignedScenarios.get(0);
        if (assignedScenarios.size() > 1) {
            String[] titles = assignedScenarios.stream().map(x -> x.title().in(Texts.locale())).toArray(String[]::new);
            JList<String> choice = new JList<>(titles);
            choice.setName("practiceChoice");
            choice.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
            choice.setSelectedIndex(0);
            javax.swing.JOptionPane pane = new javax.swing.JOptionPane(new Object[] {TEXT.get("Home.practice.which"),
                new JScrollPane(choice)}, javax.swing.JOptionPane.QUESTION_MESSAGE, javax.swing.JOptionPane.OK_CANCEL_OPTION);
            javax.swing.JDialog d = pane.createDialog(panel, TEXT.get("Home.practice"));
            d.setName("practiceDialog");
            d.setVisible(true);
            d.dispose();
            if (!Integer.valueOf(javax.swing.JOptionPane.OK_OPTION).equals(pane.getValue())
                    || choice.getSelectedIndex() < 0) {
                focusHome();
                return;
            }
            chosen = assignedScenarios.get(choice.getSelectedIndex());
        }
        practice.accept(context, chosen);
    }

    private void openGuide(java.util.function.Supplier<java.util.Optional<bank.ushield.renewal.training.TrainingGuide>> guide) {
        context.workstation().executor().execute(BackgroundTask.call(guide::get)
                .onSuccess(g -> g.ifPresent(x -> {
                    TrainingGuideDialog.open(panel, x); // modal: returns once closed
                    focusHome();
                }))
                .onFailure(e -> ErrorDialog.show(panel, e)));
    }

    /** Back home, the focus is where the next action is: the case to finish, else Start. */
    private void focusHome() {
        javax.swing.SwingUtilities.invokeLater(() -> {
            JComponent target = pending.isEmpty() ? startButton : pendingList;
            java.awt.Window window = javax.swing.SwingUtilities.getWindowAncestor(panel);
            if (window != null && !window.isFocused()) {
                // A modal dialog just closed and nothing gave the window its focus back (no window manager).
                target.requestFocus();
            } else {
                target.requestFocusInWindow();
            }
        });
    }

    /** "Assigned to you: A; B (F1 for the guide)", or that none is assigned. */
    static String assignedLine(bank.ushield.renewal.training.TrainingGuide g) {
        if (g.assigned().isEmpty()) {
            return TEXT.get("Home.assigned.none");
        }
        return TEXT.format("Home.assigned", g.assigned().stream().map(s -> s.title().in(Texts.locale()))
                .collect(java.util.stream.Collectors.joining(TEXT.get("Home.assigned.separator"))));
    }

    private void resumeSelected() {
        CaseSummary selected = pendingList.getSelectedValue();
        if (selected == null && pending.size() > 0) {
            selected = pending.get(0);
        }
        if (selected == null) {
            return;
        }
        if (selected.heldElsewhere() != null) {
            takeOver(selected); // another counter holds it (ADR 0087): only a manager can move it here
        } else {
            launcher.resumeRenewal(context, selected.caseId());
        }
    }

    /**
     * A case another workstation holds: a manager authorises taking it over (off the EDT); taken, it is resumed at
     * this counter; refused, the dialog says why in words and stays open.
     */
    private void takeOver(CaseSummary held) {
        boolean[] taken = {false};
        String login = context.session().login();
        bank.ushield.teller.authorisation.ManagerAuthorisationDialog.openTakeOver(panel, held.caseNo(),
                held.heldElsewhere(), (manager, password, reason, refused, granted) ->
                        context.workstation().executor().execute(BackgroundTask.call(() -> {
                            desk.takeOver(login, held.caseId(), manager, password, reason);
                            return held.caseId();
                        }).onSuccess(caseId -> {
                            taken[0] = true;
                            granted.run();
                            launcher.resumeRenewal(context, caseId);
                        }).onFailure(e -> {
                            java.util.Arrays.fill(password, '\0');
                            refused.accept(ErrorDialog.explainer().explain(e));
                        })));
        if (!taken[0]) {
            focusHome();
        }
    }

    /** A line of a case another workstation holds: the case, then who serves it since when, and what F3 does. */
    static String heldLine(CaseSummary c, ZoneId zone) {
        return "<html>" + escape(line(c, zone)) + "<br>" + escape(TEXT.format("Home.heldElsewhere", c.heldElsewhere()))
                + "</html>";
    }

    /** An HTML row flows to the list's width in pixels (its height follows), instead of one long line. */
    private static void wrap(JLabel row, int listWidth) {
        javax.swing.text.View view = (javax.swing.text.View) row.getClientProperty(javax.swing.plaf.basic.BasicHTML.propertyKey);
        if (view == null || listWidth <= 0) {
            return;
        }
        java.awt.Insets in = row.getInsets();
        // Measured a little narrower than painted: the label lays the text out again when painting, and a line
        // that just fits may break there; the spare space stays below the text.
        int width = Math.max(100, listWidth - in.left - in.right - 32);
        view.setSize(width, 0);
        int height = (int) Math.ceil(view.getPreferredSpan(javax.swing.text.View.Y_AXIS));
        row.setVerticalAlignment(javax.swing.SwingConstants.TOP);
        row.setPreferredSize(new java.awt.Dimension(listWidth, height + in.top + in.bottom));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One line of the case lists in the current language, times in {@code zone} (a replacement says so). */
    public static String line(CaseSummary c, ZoneId zone) {
        if (c == null) {
            return "";
        }
        return TEXT.format(c.replacement() ? "Home.caseLine.replacement" : "Home.caseLine", c.caseNo(), c.customer(),
                TEXT.get("Home.state." + c.state().toUpperCase(Locale.ROOT)), TIME.withZone(zone).format(c.updatedAt()));
    }

    private static JLabel heading(String text) {
        JLabel l = new JLabel(text);
        l.putClientProperty("FlatLaf.styleClass", "h4");
        return l;
    }

    @Override
    public JComponent component() {
        return panel;
    }

    @Override
    public void shown() {
        if (guide != null) {
            context.workstation().executor().execute(BackgroundTask.call(guide::get)
                    .onSuccess(g -> {
                        assigned.setText(g.map(TellerHome::assignedLine).orElse(" "));
                        assignedScenarios = g.map(bank.ushield.renewal.training.TrainingGuide::assigned).orElse(List.of());
                        practiceButton.setEnabled(!assignedScenarios.isEmpty());
                    })
                    .onFailure(e -> ErrorDialog.show(panel, e)));
        }
        if (desk == null) {
            return;
        }
        String login = context.session().login();
        context.workstation().executor().execute(BackgroundTask.call(() -> new Object[] {
            desk.pending(login), desk.today(login), desk.zone()})
                .onSuccess(lists -> {
                    zone = (ZoneId) lists[2];
                    fill(pending, (List<?>) lists[0]);
                    fill(today, (List<?>) lists[1]);
                    if (!pending.isEmpty()) {
                        pendingList.setSelectedIndex(0);
                    }
                    context.status(TEXT.format("Home.status", pending.size(), today.size()));
                    focusHome();
                })
                .onFailure(e -> ErrorDialog.show(panel, e)));
    }

    @SuppressWarnings("unchecked")
    private static void fill(DefaultListModel<CaseSummary> model, List<?> rows) {
        model.clear();
        ((List<CaseSummary>) rows).forEach(model::addElement);
    }
}
