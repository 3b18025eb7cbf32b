package bank.ushield.teller.gui;

import java.awt.Window;
import java.util.Map;

/**
 * What was showing and what the threads were doing, for a GUI test's timeout message. (Added on branch s6-20b:
 * main's GuiTest called it but the file was never committed.)
 */
final class ScreenDump {

    private ScreenDump() {
    }

    /** The showing windows (class, name, title) and the stacks of the non-daemon and Swing worker threads. */
    static String now() {
        StringBuilder out = new StringBuilder("Showing windows:\n");
        for (Window w : Window.getWindows()) {
            if (w.isShowing()) {
                String title = w instanceof java.awt.Frame f ? f.getTitle()
                        : w instanceof java.awt.Dialog d ? d.getTitle() : "";
                out.append("  ").append(w.getClass().getSimpleName()).append(" name=").append(w.getName())
                        .append(" title=").append(title).append('\n');
            }
        }
        out.append("Threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t.isDaemon() && !t.getName().startsWith("SwingWorker") && !t.getName().startsWith("AWT-EventQueue")) {
                continue;
            }
            out.append("  ").append(t.getName()).append(" (").append(t.getState()).append(")\n");
            StackTraceElement[] stack = e.getValue();
            for (int i = 0; i < Math.min(stack.length, 12); i++) {
                out.append("      at ").append(stack[i]).append('\n');
            }
        }
        return out.toString();
    }
}
