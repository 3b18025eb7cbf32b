package bank.ushield.teller.gui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Window;
import java.util.Map;

import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.text.JTextComponent;

/** A failed GUI wait's evidence: the showing windows' texts and the stacks of the background worker threads. */
final class ScreenDump {

    private ScreenDump() {
    }

    static String now() {
        StringBuilder out = new StringBuilder("Showing windows:\n");
        try {
            javax.swing.SwingUtilities.invokeAndWait(() -> {
                for (Window w : Window.getWindows()) {
                    if (w.isShowing()) {
                        String title = w instanceof Frame f ? f.getTitle() : w instanceof Dialog d ? d.getTitle() : "";
                        out.append("  [").append(w.getClass().getSimpleName()).append("] ").append(title).append('\n');
                        texts(w, out);
                    }
                }
            });
        } catch (Exception e) {
            out.append("  (could not read the windows: ").append(e).append(")\n");
        }
        out.append("Worker threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            String name = t.getKey().getName();
            if (name.startsWith("SwingWorker") || name.startsWith("pool-") || name.startsWith("ForkJoinPool")) {
                out.append("  ").append(name).append(' ').append(t.getKey().getState()).append('\n');
                StackTraceElement[] stack = t.getValue();
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    out.append("      at ").append(stack[i]).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void texts(Container c, StringBuilder out) {
        for (Component child : c.getComponents()) {
            if (!child.isShowing()) {
                continue;
            }
            String text = child instanceof JLabel l ? l.getText()
                    : child instanceof AbstractButton b ? b.getText()
                    : child instanceof JTextComponent t && !(child instanceof JPasswordField) ? t.getText() : null;
            if (text != null && !text.isBlank()) {
                out.append("    ").append(child.getName() == null ? "" : child.getName() + ": ").append(text)
                        .append('\n');
            }
            if (child instanceof Container inner) {
                texts(inner, out);
            }
        }
    }
}
