package bank.ushield.teller.gui;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Measures how long each event keeps the EDT busy, so a test can report the longest stall of a whole flow
 * (the UI must never freeze: token, database and sync work belongs off the EDT). While an event runs longer than
 * {@link #STALL_MILLIS}, a sampler thread takes the EDT's stack every {@link #SAMPLE_MILLIS} ms; every stall is
 * kept with its samples, so a report says what the EDT was doing, not only how long.
 */
public final class EdtWatchdog extends EventQueue {

    /** An event longer than this is a stall worth a stack. */
    static final long STALL_MILLIS = Long.getLong("edtWatchdog.stallMillis", 100);
    static final long SAMPLE_MILLIS = 10;
    private static final int FRAMES = 40;

    /** One event that kept the EDT longer than {@link #STALL_MILLIS}, with the EDT stacks sampled meanwhile. */
    public record Stall(double millis, String event, List<StackTraceElement[]> samples) {
    }

    private volatile long longestNanos;
    private volatile String longestEvent = "";
    private volatile long events;
    private final List<Stall> stalls = new CopyOnWriteArrayList<>();

    /** Counts modal dialogs opened: an event that opened one waited for a person, it did not stall the EDT. */
    private volatile long modalsOpened;

    /** Start of the innermost event being dispatched now (0: none, or waiting in a nested modal loop). */
    private volatile long runningSince;
    private volatile Thread edt;
    /** Samples of the innermost event now running; replaced at each event start. */
    private volatile List<StackTraceElement[]> currentSamples = new ArrayList<>();

    public static EdtWatchdog install() {
        EdtWatchdog w = new EdtWatchdog();
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
            if (e.getID() == java.awt.event.WindowEvent.WINDOW_OPENED && e.getSource() instanceof java.awt.Dialog d
                    && d.isModal()) {
                w.modalsOpened++;
            }
        }, AWTEvent.WINDOW_EVENT_MASK);
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(w);
        Thread sampler = new Thread(w::sample, "edt-watchdog-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return w;
    }

    /** Time spent in nested event loops (a modal dialog) per dispatch level: that time the EDT was not stalled. */
    private final ArrayDeque<long[]> nested = new ArrayDeque<>();

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long start = System.nanoTime();
        long modalsBefore = modalsOpened;
        nested.push(new long[1]);
        List<StackTraceElement[]> outerSamples = currentSamples;
        List<StackTraceElement[]> samples = new ArrayList<>();
        edt = Thread.currentThread();
        currentSamples = samples;
        runningSince = start;
        try {
            super.dispatchEvent(event);
        } finally {
            long end = System.nanoTime();
            long whole = end - start;
            long took = whole - nested.pop()[0];
            if (!nested.isEmpty()) {
                nested.peek()[0] += whole;
                // The outer event resumes now; its time inside the nested loop was not a stall.
                runningSince = end;
                currentSamples = outerSamples;
            } else {
                runningSince = 0;
            }
            events++;
            boolean waitedForPerson = modalsOpened != modalsBefore;
            if (!waitedForPerson && took > longestNanos) {
                longestNanos = took;
                longestEvent = describe(event);
            }
            if (!waitedForPerson && took > STALL_MILLIS * 1_000_000L) {
                List<StackTraceElement[]> kept;
                synchronized (samples) {
                    kept = List.copyOf(samples);
                }
                stalls.add(new Stall(took / 1e6, describe(event), kept));
            }
        }
    }

    private static String describe(AWTEvent event) {
        String s = event.getClass().getSimpleName() + " " + event.paramString();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** The sampler: takes the EDT's stack while the current event runs past the stall threshold. */
    private void sample() {
        while (true) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long since = runningSince;
            Thread t = edt;
            if (since == 0 || t == null || System.nanoTime() - since < STALL_MILLIS * 1_000_000L) {
                continue;
            }
            List<StackTraceElement[]> samples = currentSamples;
            StackTraceElement[] stack = t.getStackTrace();
            if (runningSince == since) {
                synchronized (samples) {
                    samples.add(stack);
                }
            }
        }
    }

    /** Forget what was measured so far (e.g. the first window's class loading). */
    public void reset() {
        longestNanos = 0;
        longestEvent = "";
        events = 0;
        stalls.clear();
    }

    public double longestMillis() {
        return longestNanos / 1e6;
    }

    public String longestEvent() {
        return longestEvent.length() > 160 ? longestEvent.substring(0, 160) : longestEvent;
    }

    public long events() {
        return events;
    }

    /** Every stall over the threshold since the last reset, in order. */
    public List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    /**
     * Prints every stall with its sampled EDT stacks: identical stacks are counted once, the most frequent first
     * (the code the EDT spent the stall in), application and library frames only up to {@value #FRAMES} deep.
     */
    public void printStalls(PrintStream out) {
        for (Stall s : stalls) {
            out.printf("EDT watchdog: stall %.1f ms in %s, %d stack samples%n", s.millis(), s.event(),
                    s.samples().size());
            Map<String, Integer> distinct = new LinkedHashMap<>();
            for (StackTraceElement[] stack : s.samples()) {
                distinct.merge(render(stack), 1, Integer::sum);
            }
            distinct.entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .limit(3)
                    .forEach(e -> out.printf("  %d sample(s):%n%s", e.getValue(), e.getKey()));
        }
    }

    private static String render(StackTraceElement[] stack) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(stack.length, FRAMES);
        for (int i = 0; i < n; i++) {
            b.append("    at ").append(stack[i]).append('\n');
        }
        if (stack.length > n) {
            b.append("    ... ").append(stack.length - n).append(" more\n");
        }
        return b.toString();
    }

    public void uninstall() {
        pop();
    }
}
