package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.MouseEvent;
import java.util.concurrent.atomic.AtomicInteger;

import javax.swing.JButton;
import javax.swing.JFrame;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

/** The test robot repeats a click the button never received, and never clicks twice a button that acted. */
class LostClickGuardGuiTest extends GuiTest {

    @Test
    void aLostClickIsRepeatedAndTheActionRunsOnce() {
        AtomicInteger actions = new AtomicInteger();
        FrameFixture frame = show(new DeafButton(2), actions);
        frame.button("button").click();
        assertThat(actions).hasValue(1);
    }

    @Test
    void aClickThatArrivedIsNotRepeated() {
        AtomicInteger actions = new AtomicInteger();
        FrameFixture frame = show(new DeafButton(0), actions);
        frame.button("button").click();
        frame.button("button").click();
        assertThat(actions).hasValue(2);
    }

    private FrameFixture show(JButton button, AtomicInteger actions) {
        GuiActionRunner.execute(() -> {
            button.setName("button");
            button.setText("OK");
            button.addActionListener(e -> actions.incrementAndGet());
            JFrame f = new JFrame("lost clicks");
            f.setName("lostClicks");
            f.add(button);
            f.setSize(300, 200);
            f.setLocationRelativeTo(null);
            f.setVisible(true);
        });
        return frame("lostClicks");
    }

    /** A button that does not hear its first clicks, as when X delivers them before the window is mapped. */
    private static final class DeafButton extends JButton {
        private int deafPresses;

        DeafButton(int deafPresses) {
            this.deafPresses = deafPresses;
        }

        @Override
        protected void processMouseEvent(MouseEvent e) {
            if (deafPresses > 0) {
                if (e.getID() == MouseEvent.MOUSE_RELEASED) {
                    deafPresses--;
                }
                return;
            }
            super.processMouseEvent(e);
        }
    }
}
