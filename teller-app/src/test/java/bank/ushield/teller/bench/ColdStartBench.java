package bank.ushield.teller.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cold start of the workstation: fresh JVMs from launch to the login window shown, measured by the app itself
 * (--startup-bench prints the time since the start and its phases, then the time until the domain modules are up and a login
 * can run, then its start-up phases, and exits), and by this bench as wall time from process start to the
 * "shown" line. Beside it, a reference measured in the same run: a fresh JVM that only shows an empty Swing frame.
 * Each round also starts the app on a new, empty data folder (its first start: the training data is made behind the
 * login window, which says so). Prints medians and the machine's load average; run under a display (xvfb-run):
 *
 * <pre>mvn -B -q -DskipTests package &amp;&amp; mvn -B -q -pl teller-app test-compile &amp;&amp; \
 * xvfb-run -a java -cp teller-app/target/test-classes bank.ushield.teller.bench.ColdStartBench \
 *     teller-app/target/teller-app.jar 11 </pre>
 */
public final class ColdStartBench {

    private ColdStartBench() {
    }

    /** What one start printed. */
    record Start(long shownMillis, long wallMillis, long cpuMillis, long readyMillis, List<String> phases) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "teller-app/target/teller-app.jar");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        Path data = Files.createTempDirectory("coldstart-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String refClasses = Path.of(ColdStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> tail = List.of("-jar", jar.toString(), "--data-dir", data.toString(), "--startup-bench");
        // As README runs it (the launcher maps the CDS archive once it exists), and the same without an archive.
        List<String> app = new ArrayList<>(List.of(java));
        app.addAll(tail);
        List<String> noCds = new ArrayList<>(List.of(java, "-Dushield.cds=off"));
        noCds.addAll(tail);
        System.out.println("load average at the start: " + loadAverage());
        System.out.println("app command: " + String.join(" ", app));
        // The first start creates the training database and data (and starts the CDS archive build); cold start
        // is measured on a workstation that has started before (the counter's every morning), so warm it once.
        Start first = run(app, true);
        System.out.printf("first start in this run (new training database; makes the class archive if this build "
                + "has none): window %d ms, modules up (a login can run) %d ms%n", first.shownMillis(),
                first.readyMillis());
        awaitArchiveBuild(jar);
        List<Long> shown = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Long> wallNoCds = new ArrayList<>();
        List<Long> cpuNoCds = new ArrayList<>();
        List<Long> ref = new ArrayList<>();
        List<Long> refSelf = new ArrayList<>();
        List<Long> wallNew = new ArrayList<>();
        List<Long> cpuNew = new ArrayList<>();
        Start last = first;
        Start lastNoCds = first;
        Start lastNew = first;
        for (int i = 0; i < runs; i++) {
            Start r = run(List.of(java, "-cp", refClasses, EmptyFrame.class.getName()));
            ref.add(r.wallMillis());
            refSelf.add(r.shownMillis());
            Path fresh = Files.createTempDirectory("coldstart-new-");
            lastNew = run(List.of(java, "-jar", jar.toString(), "--data-dir", fresh.toString(), "--startup-bench"));
            wallNew.add(lastNew.wallMillis());
            cpuNew.add(lastNew.cpuMillis());
            last = run(app);
            shown.add(last.shownMillis());
            wall.add(last.wallMillis());
            cpu.add(last.cpuMillis());
            lastNoCds = run(noCds);
            wallNoCds.add(lastNoCds.wallMillis());
            cpuNoCds.add(lastNoCds.cpuMillis());
        }
        System.out.printf("cold start to login window, wall time from process start (as README runs it): "
                + "median %d ms (runs %s)%n", median(wall), wall);
        System.out.printf("  as the app measured it (from the launcher's main): median %d ms (runs %s)%n",
                median(shown), shown);
        System.out.printf("  CPU time of the application JVM until then: median %d ms (runs %s)%n", median(cpu), cpu);
        System.out.printf("first start of a new data folder (archive made), wall: median %d ms (runs %s)%n",
                median(wallNew), wallNew);
        System.out.printf("  CPU time: median %d ms (runs %s)%n", median(cpuNew), cpuNew);
        System.out.printf("without the CDS archive (-Dushield.cds=off), wall: median %d ms (runs %s)%n",
                median(wallNoCds), wallNoCds);
        System.out.printf("  CPU time: median %d ms (runs %s)%n", median(cpuNoCds), cpuNoCds);
        System.out.printf("reference, JVM + empty JFrame, wall: median %d ms (runs %s; self-measured median %d)%n",
                median(ref), ref, median(refSelf));
        System.out.printf("ratio app/reference (wall): %.2f; without archive: %.2f%n",
                median(wall) / (double) median(ref), median(wallNoCds) / (double) median(ref));
        System.out.println("phases of the last run:");
        last.phases().forEach(p -> System.out.println("  " + p));
        System.out.println("phases of the last first start of a new data folder:");
        lastNew.phases().forEach(p -> System.out.println("  " + p));
        System.out.println("phases of the last run without the archive:");
        lastNoCds.phases().forEach(p -> System.out.println("  " + p));
        System.out.println("load average at the end: " + loadAverage());
    }

    /** Waits (bounded) until the launcher's background archive build beside the jar has finished. */
    static void awaitArchiveBuild(Path jar) throws IOException, InterruptedException {
        Path dir = jar.toAbsolutePath().getParent();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(dir)) {
                if (files.noneMatch(f -> f.getFileName().toString().endsWith(".jsa.building"))) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith("teller-app-cds-"))
                    .forEach(f -> System.out.println("archive folder: " + f.getFileName()));
        }
    }

    static Start run(List<String> command) throws IOException, InterruptedException {
        return run(command, false);
    }

    /**
     * One start; unless {@code awaitModules}, the process is stopped once the window and its phases are reported
     * (waiting for the modules costs 10-40 s a run on the loaded machine).
     */
    static Start run(List<String> command, boolean awaitModules) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long shown = -1;
        long wall = -1;
        long ready = -1;
        long cpu = -1;
        List<String> phases = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                all.append(line).append('\n');
                if (line.startsWith("login-window-shown-ms ")) {
                    wall = (System.nanoTime() - begin) / 1_000_000;
                    shown = Long.parseLong(line.substring("login-window-shown-ms ".length()).strip());
                } else if (line.startsWith("login-window-cpu-ms ")) {
                    cpu = Long.parseLong(line.substring("login-window-cpu-ms ".length()).strip());
                } else if (line.startsWith("modules-ready-ms ")) {
                    ready = Long.parseLong(line.substring("modules-ready-ms ".length()).strip());
                } else if (line.startsWith("startup-phase ")) {
                    phases.add(line.substring("startup-phase ".length()));
                    if (!awaitModules && line.contains("login window shown")) {
                        break;
                    }
                }
            }
        }
        if (!awaitModules) {
            p.destroy();
        }
        p.waitFor();
        if (shown < 0) {
            throw new IllegalStateException("No timing from " + String.join(" ", command) + ":\n" + all);
        }
        return new Start(shown, wall, cpu, ready, phases);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
