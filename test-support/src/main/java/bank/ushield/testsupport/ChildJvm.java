package bank.ushield.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test main class with this JVM's class path and SOFTHSM2_CONF, whose stdout lines the test
 * waits on, and which the test kills with SIGKILL (kill -KILL pid: no shutdown hooks, no finally blocks). Used by the
 * crash tests (ADR 0033) and the branch tests with several workstation processes (ADR 0073).
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process died: the reader stops
            }
            lines.add("<EOF>");
        }, "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Class<?> main, Path softHsmConf, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (softHsmConf != null) {
            pb.environment().put("SOFTHSM2_CONF", softHsmConf.toString());
        }
        pb.environment().putAll(env);
        return new ChildJvm(pb.start());
    }

    /** Waits for a stdout line starting with {@code prefix}; fails with the child's output when it exits first. */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("<EOF>")) {
                throw new AssertionError("child did not print '" + prefix + "' (" + (line == null ? "timeout" : "exited")
                        + "); output:\n" + String.join("\n", all));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** SIGKILL, as a power cut or the task manager would; waits until the process is gone. */
    public void kill9() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -KILL failed");
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child survived SIGKILL");
        }
        if (process.exitValue() != 137) {
            throw new AssertionError("child exit " + process.exitValue() + " is not a SIGKILL death (137); output:\n"
                    + String.join("\n", all));
        }
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not finish; output:\n" + String.join("\n", all));
        }
        return process.exitValue();
    }

    public String output() {
        return String.join("\n", all);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
