package bank.ushield.teller.shell;

import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.admin.StaffAccountsDialog;
import bank.ushield.teller.admin.SyncNowDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.lock.LockPanel;
import bank.ushield.teller.widget.TrainingBanner;
import bank.ushield.renewal.staff.Role;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.settings.WorkstationContext;

/**
 * The workstation window after login: training banner (always, in training mode), a header with who is logged in
 * and the Settings / Lock / Log out actions, the role's home screen or the open work (wizard) in the middle, and a
 * status bar. Locking swaps the middle for the lock screen and keeps the work as it is.
 */
public final class WorkstationFrame extends JFrame implements ShellContext {

    private static final Texts TEXT = Texts.of(WorkstationFrame.class, "Shell");
    private static final String HOME = "home";
    private static final String WORK = "work";
    private static final String LOCK = "lock";

    private final WorkstationContext workstation;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkstationFrame.class);
    private final StaffSession session;
    /** What must happen before this session's window goes (see {@link #onLogout}); EDT only. */
    private final List<Runnable> logoutHooks = new ArrayList<>();
    private final Shell shell;
    private final CardLayout cards = new CardLayout();
    private final JPanel middle = new JPanel(cards);
    private final JPanel workHolder = new JPanel(new MigLayout("insets 0, fill"));
    private final JLabel status = new JLabel(" ");
    private final LockPanel lockPanel;
    private final HomeScreen home;
    private final JPanel header;
    /** The manager's and IT's line about a failing scheduled sync (hidden while it works). */
    private final JLabel syncTrouble = new JLabel();
    private javax.swing.Timer syncTroubleTimer;
    private String shownBeforeLock = HOME;
    private boolean locked;

    /** What the frame needs from the application around it. */
    public interface Shell {
        /** The user logged out (the frame is already disposed). */
        void loggedOut(StaffSession session);

        /**
         * Another member of staff signed in at this session's lock screen: this session is logged out (the frame is
         * already disposed) and {@code next} is signed in.
         */
        default void handedOver(StaffSession session, StaffSession next) {
            loggedOut(session);
        }

        /** Opens the settings dialog. */
        void openSettings(JFrame owner);

        /** The home screen for the role. */
        HomeScreen homeFor(ShellContext context);
    }

    public WorkstationFrame(WorkstationContext workstation, StaffSession session, Shell shell) {
        super(TrainingBanner.title(workstation.training(),
                TEXT.format("Shell.title", session.displayName(), roleName(session.role()))));
        this.workstation = workstation;
        this.session = session;
        this.shell = shell;
        setName("workstationFrame");
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                logOut();
            }
        });

        JPanel content = new JPanel(new MigLayout("insets 0, fill, wrap 1, gap 0", "[grow,fill]", "[][][grow,fill][]"));
        if (workstation.training()) {
            content.add(TrainingBanner.create(), "growx");
        } else {
            content.add(new JLabel(), "h 0!");
        }
        header = new JPanel(new MigLayout("insets 6 12 6 12, fillx", "[][grow][][][][][][]"));
        JLabel who = new JLabel(TEXT.format("Shell.header.user", session.displayName(), roleName(session.role())));
        who.setName("headerUser");
        who.putClientProperty("FlatLaf.styleClass", "h4");
        header.add(new JLabel(TEXT.get("Shell.header.app")));
        header.add(who, "gapleft para");
        // The app's own scheduled sync failing must not stay in the log alone: the manager and IT see it here.
        if (session.role().administers()) {
            syncTrouble.setName("headerSyncTrouble");
            syncTrouble.setForeground(new java.awt.Color(0xB0, 0x1C, 0x1C));
            syncTrouble.setVisible(false);
            header.add(syncTrouble, "hidemode 3");
            syncTroubleTimer = new javax.swing.Timer(15_000, e -> showSyncTrouble());
            syncTroubleTimer.setInitialDelay(0);
            syncTroubleTimer.start();
        }
        // A manager or IT exchanges with head office when asked (the app also does by itself, ADR 0076).
        if (session.role().administers() && workstation.headOffice().isPresent()) {
            header.add(button("headerSync", SyncNowDialog.TEXT.get("Admin.action.sync"), null,
                    TellerAction.of("sync", e -> SyncNowDialog.open(this, workstation.headOffice().get(),
                            workstation.executor()))));
        }
        if (session.role().administers() && workstation.staffAccounts().isPresent()) {
            header.add(button("headerStaff", SyncNowDialog.TEXT.get("Admin.action.staff"), null,
                    TellerAction.of("staff", e -> StaffAccountsDialog.open(this, workstation.staffAccounts().get(),
                            session, workstation.executor()))));
        }
        header.add(button("headerSettings", TEXT.get("Shell.action.settings"), KeyStroke.getKeyStroke(KeyEvent.VK_F10, 0),
                TellerAction.of("settings", e -> shell.openSettings(this))));
        header.add(button("headerLock", TEXT.get("Shell.action.lock"), KeyStroke.getKeyStroke(KeyEvent.VK_F12, 0),
                TellerAction.of("lock", e -> lock())));
        // Ctrl+Q, as desktop programs quit: every F-key is taken by the wizard's steps.
        header.add(button("headerLogout", TEXT.get("Shell.action.logout"),
                KeyStroke.getKeyStroke(KeyEvent.VK_Q, java.awt.event.InputEvent.CTRL_DOWN_MASK),
                TellerAction.of("logout", e -> logOut())));
        content.add(header, "growx, hidemode 3");

        lockPanel = new LockPanel(session, workstation.staffAccess(), workstation.executor(), this::unlocked,
                workstation::now, this::handOver);
        home = shell.homeFor(this);
        middle.add(home.component(), HOME);
        middle.add(workHolder, WORK);
        middle.add(lockPanel, LOCK);
        content.add(middle, "grow");

        status.setName("statusBar");
        status.putClientProperty("FlatLaf.styleClass", "statusBar");
        content.add(status, "growx");
        setContentPane(content);
        setMinimumSize(new Dimension(1000, 720));
        pack();
        // Counter screens are at least 1280 wide; the wizard's key bar and buttons need the room.
        setSize(Math.max(getWidth(), 1220), Math.max(getHeight(), 820));
        // Never larger than the screen: a home screen that asks for more room (a wide table) must not push the
        // window's edges and buttons off a 1280x1024 counter screen; its layout shrinks instead.
        java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        setSize(Math.min(getWidth(), screen.width), Math.min(getHeight(), screen.height));
    }

    private JButton button(String name, String text, KeyStroke key, TellerAction action) {
        JButton b = new JButton(action);
        b.setText(key == null ? text : text + "  " + keyText(key));
        b.setName(name);
        // Out of the focus traversal: after a task or a dialog the focus must never land here, where the Enter
        // meant for the open step would open Settings (F10 / F12 reach these wherever the focus is).
        b.setFocusable(false);
        if (key != null) {
            getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(key, name);
            getRootPane().getActionMap().put(name, action);
        }
        return b;
    }

    /** Shows how long ago the scheduled sync failed, while its latest run is a failure (polled on the EDT). */
    private void showSyncTrouble() {
        java.util.Optional<java.time.Instant> failed = workstation.scheduledSyncFailedAt();
        failed.ifPresent(at -> syncTrouble.setText(SyncNowDialog.TEXT.format("Admin.sync.scheduledFailed",
                Math.max(0, java.time.Duration.between(at, workstation.clock().instant()).toMinutes()))));
        syncTrouble.setVisible(failed.isPresent());
    }

    @Override
    public void dispose() {
        if (syncTroubleTimer != null) {
            syncTroubleTimer.stop();
        }
        super.dispose();
    }

    /** "F10", "Ctrl+Q": the key as printed on the button. */
    private static String keyText(KeyStroke key) {
        // Written out, not AWT's localised key names: the legend and the docs print "Ctrl+Q" in both languages.
        boolean ctrl = (key.getModifiers() & java.awt.event.InputEvent.CTRL_DOWN_MASK) != 0;
        return (ctrl ? "Ctrl+" : "") + KeyEvent.getKeyText(key.getKeyCode());
    }

    /** Shows the frame at its place (set before showing: see NOTES.md on Xvfb) and the home screen. */
    public void open() {
        // Within the usable screen (taskbars and panels excluded), never centred over them; a window that does not fit
        // (a 1366x768 counter screen) is maximised, so the window manager fits the title bar and the status line.
        java.awt.Rectangle usable = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        setLocation(usable.x + Math.max(0, (usable.width - getWidth()) / 2),
                usable.y + Math.max(0, (usable.height - getHeight()) / 2));
        if (getWidth() >= usable.width || getHeight() >= usable.height) {
            setExtendedState(getExtendedState() | MAXIMIZED_BOTH);
        }
        setVisible(true);
        home.shown();
    }

    static String roleName(Role role) {
        return TEXT.get("Shell.role." + role.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public StaffSession session() {
        return session;
    }

    @Override
    public WorkstationContext workstation() {
        return workstation;
    }

    @Override
    public JFrame frame() {
        return this;
    }

    @Override
    public void showWork(JComponent work) {
        workHolder.removeAll();
        workHolder.add(work, "grow");
        workHolder.revalidate();
        show(WORK);
    }

    @Override
    public void showHome() {
        workHolder.removeAll();
        show(HOME);
        home.shown();
    }

    private void show(String card) {
        if (locked) {
            shownBeforeLock = card;
        } else {
            cards.show(middle, card);
        }
    }

    public boolean isLocked() {
        return locked;
    }

    @Override
    public void lock() {
        lock(false);
    }

    /** Locks the screen; {@code idle} tells the audit log whether the idle timer did it. */
    public void lock(boolean idle) {
        if (locked) {
            return;
        }
        locked = true;
        shownBeforeLock = workHolder.getComponentCount() > 0 ? WORK : HOME;
        header.setVisible(false);
        status(null);
        cards.show(middle, LOCK);
        lockPanel.locked();
        workstation.executor().execute(bank.ushield.teller.task.BackgroundTask.call(() -> {
            workstation.staffAccess().locked(session, idle);
            return null;
        }));
    }

    private void unlocked() {
        locked = false;
        header.setVisible(true);
        cards.show(middle, shownBeforeLock);
        if (HOME.equals(shownBeforeLock)) {
            home.shown();
        } else if (workHolder.getComponentCount() > 0
                && workHolder.getComponent(0) instanceof JComponent work
                && work.getClientProperty(bank.ushield.teller.widget.DialogKeys.FOCUS_WORK) instanceof Runnable focus) {
            // Back where the teller was typing, not on whatever the traversal finds first.
            focus.run();
        }
    }

    @Override
    public void status(String text) {
        status.setText(text == null || text.isEmpty() ? " " : text);
    }

    private void logOut() {
        if (locked || !home.mayLogOut()) {
            return;
        }
        finishLogout();
    }

    @Override
    public void onLogout(Runnable beforeLogout) {
        logoutHooks.add(beforeLogout);
    }

    /** Another member of staff signed in at the lock screen: this session ends as at a log-out, hooks included. */
    private void handOver(StaffSession next) {
        LOG.info("{} signed in at the lock screen of {}", next.login(), session.login());
        endSession();
        SwingUtilities.invokeLater(() -> shell.handedOver(session, next));
    }

    private void finishLogout() {
        endSession();
        SwingUtilities.invokeLater(() -> shell.loggedOut(session));
    }

    /** Runs the log-out hooks (a trainee's practice scored), closes the window and records the log-out. */
    private void endSession() {
        List<Runnable> hooks = List.copyOf(logoutHooks);
        logoutHooks.clear();
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("A log-out step failed; logging out anyway", e);
            }
        }
        dispose();
        workstation.executor().execute(bank.ushield.teller.task.BackgroundTask.call(() -> {
            workstation.staffAccess().signedOut(session);
            return null;
        }));
    }
}
