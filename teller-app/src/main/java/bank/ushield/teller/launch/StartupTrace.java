package bank.ushield.teller.launch;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Timestamps of the start-up phases (main entered, arguments parsed, look and feel, login window shown, modules
 * up), printed by the cold-start bench so a slow start says which phase grew. Uses java.base only, so marking is
 * cheap; times count from the launcher's start when a launcher started this JVM, else from this JVM's start.
 */
public final class StartupTrace {

    /** System property carrying the launcher JVM's start (epoch ms) into the application JVM it started. */
    public static final String LAUNCH_START = "ushield.launchStartMillis";

    private record Mark(String phase, long epochMillis, String thread) {
    }

    private static final List<Mark> MARKS = new ArrayList<>();

    private StartupTrace() {
    }

    /** Records that a phase has been reached now. */
    public static void mark(String phase) {
        Mark m = new Mark(phase, System.currentTimeMillis(), Thread.currentThread().getName());
        synchronized (MARKS) {
            MARKS.add(m);
        }
    }

    /** Milliseconds from the start (launcher's or this JVM's) to now. */
    public static long sinceStartMillis() {
        return System.currentTimeMillis() - startMillis();
    }

    static long startMillis() {
        Long launcher = Long.getLong(LAUNCH_START);
        return launcher != null ? launcher : ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Prints one line per phase: milliseconds since the start, phase, thread. */
    public static void print(PrintWriter out) {
        long start = startMillis();
        List<Mark> copy;
        synchronized (MARKS) {
            copy = new ArrayList<>(MARKS);
        }
        copy.sort((a, b) -> Long.compare(a.epochMillis(), b.epochMillis()));
        for (Mark m : copy) {
            out.printf("startup-phase %6d ms  %-28s [%s]%n", m.epochMillis() - start, m.phase(), m.thread());
        }
        out.flush();
    }
}
