package bank.ushield.teller.gui;

import java.util.ArrayList;
import java.util.List;

import javax.swing.JComponent;
import javax.swing.RepaintManager;
import javax.swing.SwingUtilities;

/**
 * Reports Swing components touched off the EDT (as JOSM's CheckThreadViolationRepaintManager): every repaint
 * or revalidate request from another thread is recorded with its stack, and the test fails on any.
 */
public final class EdtViolationRepaintManager extends RepaintManager {

    private final List<String> violations = new ArrayList<>();

    public static EdtViolationRepaintManager install() {
        EdtViolationRepaintManager m = new EdtViolationRepaintManager();
        RepaintManager.setCurrentManager(m);
        return m;
    }

    @Override
    public synchronized void addInvalidComponent(JComponent component) {
        check(component);
        super.addInvalidComponent(component);
    }

    @Override
    public void addDirtyRegion(JComponent component, int x, int y, int w, int h) {
        check(component);
        super.addDirtyRegion(component, x, y, w, h);
    }

    private void check(JComponent c) {
        if (SwingUtilities.isEventDispatchThread() || !c.isShowing()) {
            return;
        }
        StackTraceElement[] stack = Thread.currentThread().getStackTrace();
        StringBuilder where = new StringBuilder(Thread.currentThread().getName()).append(" touched ")
                .append(c.getClass().getName()).append(" ").append(c.getName());
        for (int i = 2; i < Math.min(stack.length, 14); i++) {
            where.append("\n    at ").append(stack[i]);
        }
        synchronized (violations) {
            violations.add(where.toString());
        }
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
