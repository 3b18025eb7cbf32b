package bank.ushield.teller.manager;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

import javax.swing.JComponent;
import javax.swing.JFrame;

import org.jfree.chart.ChartPanel;

import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;

/**
 * Shows one screen panel in a frame for a GUI test. The frame is placed and shown by us on the EDT, then the
 * robot waits: on bare Xvfb a frame the robot packs and moves loses clicks (see NOTES.md).
 */
public final class PanelWindow {

    private PanelWindow() {
    }

    public static FrameFixture show(Robot robot, String title, Dimension size, Supplier<JComponent> panel) {
        JFrame frame = GuiActionRunner.execute(() -> {
            JFrame f = new JFrame(title);
            f.setContentPane(panel.get());
            f.setPreferredSize(size);
            f.pack();
            f.setLocation(10, 10);
            f.setVisible(true);
            return f;
        });
        robot.waitForIdle();
        return new FrameFixture(robot, frame);
    }

    /** The chart panel with this name anywhere in the window, or null while it is not built yet. */
    public static ChartPanel chart(FrameFixture window, String name) {
        return GuiActionRunner.execute(() -> {
            ArrayDeque<Component> todo = new ArrayDeque<>();
            todo.add(window.target());
            while (!todo.isEmpty()) {
                Component c = todo.poll();
                if (c instanceof ChartPanel cp && name.equals(cp.getName())) {
                    return cp;
                }
                if (c instanceof Container k) {
                    todo.addAll(List.of(k.getComponents()));
                }
            }
            return null;
        });
    }

    /** The text of the named label, or "" while it is not there yet (for awaits on panels filled later). */
    static String labelText(org.assertj.swing.core.Robot robot, String name) {
        try {
            javax.swing.JLabel l = robot.finder().findByName(name, javax.swing.JLabel.class, true);
            return org.assertj.swing.edt.GuiActionRunner.execute(l::getText);
        } catch (org.assertj.swing.exception.ComponentLookupException e) {
            return "";
        }
    }

    /** A screenshot at the counter screen's 1366x768, whatever size the test drives the window at. */
    static void shotAt1366(FrameFixture window, String name) {
        java.awt.Dimension before = org.assertj.swing.edt.GuiActionRunner.execute(() -> window.target().getSize());
        org.assertj.swing.edt.GuiActionRunner.execute(() -> {
            window.target().setSize(1366, 768);
            window.target().validate();
            return null;
        });
        bank.ushield.teller.gui.Screenshots.take(window.target(), name);
        org.assertj.swing.edt.GuiActionRunner.execute(() -> {
            window.target().setSize(before);
            window.target().validate();
            return null;
        });
    }
}
