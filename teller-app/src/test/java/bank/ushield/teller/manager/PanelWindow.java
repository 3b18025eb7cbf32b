package bank.ushield.teller.manager;

import java.awt.Dimension;
import java.util.function.Supplier;

import javax.swing.JComponent;
import javax.swing.JFrame;

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
}
