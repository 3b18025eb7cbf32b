package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.theme.Theme;
import bank.ushield.teller.theme.Themes;

/**
 * Base of the GUI tests: FlatLaf and zh_CN as in production, a fresh robot per test, the EDT-violation repaint
 * manager (a test fails on any violation) and the EDT watchdog.
 */
public abstract class GuiTest {

    protected static EdtWatchdog watchdog;
    protected static EdtViolationRepaintManager violations;
    protected Robot robot;

    @BeforeAll
    static void lookAndFeel() throws Exception {
        Texts.setLanguage(Language.CHINESE);
        javax.swing.SwingUtilities.invokeAndWait(() -> Themes.install(Theme.LIGHT));
        if (violations == null) {
            violations = org.assertj.swing.edt.GuiActionRunner.execute(EdtViolationRepaintManager::install);
            watchdog = EdtWatchdog.install();
        }
    }

    @BeforeEach
    void newRobot() {
        robot = freshRobot();
    }

    /** A robot for a new AWT hierarchy, guarded against lost clicks, with the short delays of every GUI test. */
    protected static Robot freshRobot() {
        Robot r = LostClickGuard.guard(BasicRobot.robotWithNewAwtHierarchy());
        r.settings().delayBetweenEvents(10);
        // assertj-swing's default eventPostingDelay (a 90 ms sleep after each key and click) stays: with 10 ms the
        // clean-clone CI run lost the second of two equal keystrokes under Xvfb ("TR0007000011" typed as
        // "TR000700001") and three GUI tests failed (ADR 0096).
        return r;
    }

    @AfterEach
    void cleanUp() {
        // Nothing a person reads may be a raw code: checked on what the test leaves showing (and at every screenshot).
        List<String> codes;
        List<String> traps;
        try {
            codes = RawCodes.visible();
            traps = org.assertj.swing.edt.GuiActionRunner.execute(GuiTest::tablesKeepingTab);
        } finally {
            // Always: a robot not cleaned up keeps assertj-swing's screen lock and hangs every later GUI test.
            robot.cleanUp();
        }
        assertThat(codes).as("raw codes shown to a person").isEmpty();
        assertThat(traps).as("tables a keyboard user cannot leave with Tab, or with a header cut").isEmpty();
        List<String> found = violations.violations();
        assertThat(found).as("Swing touched off the EDT").isEmpty();
    }

    /**
     * The showing tables where Tab moves between cells (Swing's default) instead of leaving the table: a keyboard
     * user is kept there ({@link bank.ushield.teller.widget.DialogKeys#tabLeaves}); and the columns narrower than
     * their header ({@link bank.ushield.teller.widget.DialogKeys#headersWhole}); read on the EDT.
     */
    static List<String> tablesKeepingTab() {
        List<String> found = new java.util.ArrayList<>();
        java.util.ArrayDeque<java.awt.Component> todo = new java.util.ArrayDeque<>();
        for (java.awt.Window w : java.awt.Window.getWindows()) {
            if (w.isShowing()) {
                todo.add(w);
            }
        }
        java.awt.AWTKeyStroke tab = java.awt.AWTKeyStroke.getAWTKeyStroke(java.awt.event.KeyEvent.VK_TAB, 0);
        while (!todo.isEmpty()) {
            java.awt.Component c = todo.poll();
            if (c instanceof javax.swing.JTable t && t.isShowing() && !t.getFocusTraversalKeys(
                    java.awt.KeyboardFocusManager.FORWARD_TRAVERSAL_KEYS).contains(tab)) {
                found.add("table " + t.getName());
            }
            if (c instanceof javax.swing.JTable t && t.isShowing() && t.getTableHeader() != null) {
                // A header cut to "Latest sc..." or "Ch...": the column is narrower than its header needs.
                for (int i = 0; i < t.getColumnCount(); i++) {
                    javax.swing.table.TableColumn col = t.getColumnModel().getColumn(i);
                    int need = t.getTableHeader().getDefaultRenderer().getTableCellRendererComponent(t,
                            col.getHeaderValue(), false, false, -1, i).getPreferredSize().width;
                    if (col.getWidth() > 0 && col.getWidth() < need - 2) {
                        found.add("table " + t.getName() + ": header \"" + col.getHeaderValue() + "\" cut ("
                                + col.getWidth() + " < " + need + ")");
                    }
                }
            }
            if (c instanceof java.awt.Container k) {
                todo.addAll(List.of(k.getComponents()));
            }
        }
        return found;
    }

    /** Waits (polling, bounded) until a condition holds: background work finishes off the EDT (and shows components). */
    protected static void await(String what, java.util.function.BooleanSupplier condition) {
        org.assertj.swing.timing.Condition wait = new org.assertj.swing.timing.Condition(what) {
            @Override
            public boolean test() {
                try {
                    return condition.getAsBoolean();
                } catch (org.assertj.swing.exception.ComponentLookupException notShownYet) {
                    return false; // a component that background work has not shown yet: keep waiting
                }
            }
        };
        try {
            org.assertj.swing.timing.Pause.pause(wait, org.assertj.swing.timing.Timeout.timeout(60_000));
        } catch (org.assertj.swing.exception.WaitTimedOutError e) {
            // What was showing and what the background threads were doing: a timeout alone says nothing.
            throw new AssertionError("Timed out waiting for " + what + "\n" + ScreenDump.now(), e);
        }
    }

    /** As {@link #await} for a condition on Swing state, read on the EDT. */
    protected static void awaitOnEdt(String what, java.util.function.BooleanSupplier condition) {
        await(what, () -> org.assertj.swing.edt.GuiActionRunner.execute(condition::getAsBoolean));
    }

    protected static void awaitText(javax.swing.JLabel label, String text) {
        awaitOnEdt("label " + label.getName() + " says " + text, () -> text.equals(label.getText()));
    }

    /** A frame by name, waiting long enough for Argon2 and SQLite on a busy 2-core machine. */
    protected org.assertj.swing.fixture.FrameFixture frame(String name) {
        return org.assertj.swing.finder.WindowFinder.findFrame(name).withTimeout(60_000).using(robot);
    }

    /** A dialog by name, waiting as {@link #frame}. */
    protected org.assertj.swing.fixture.DialogFixture dialog(String name) {
        return org.assertj.swing.finder.WindowFinder.findDialog(name).withTimeout(60_000).using(robot);
    }

    @AfterAll
    static void report() {
        // Printed for the record; not asserted (no timed assertions).
        System.out.printf("EDT watchdog: longest EDT stall %.1f ms over %d events (%s)%n",
                watchdog.longestMillis(), watchdog.events(), watchdog.longestEvent());
        watchdog.printStalls(System.out);
    }
}
