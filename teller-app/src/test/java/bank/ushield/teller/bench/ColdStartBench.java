package bank.ushield.teller.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cold start of the workstation: a fresh JVM from launch to the login window shown, measured by the app itself
 * (--startup-bench prints the time since JVM start and exits), beside a reference measured in the same run: a
 * fresh JVM that only shows an empty Swing frame. Prints medians; run under a display (xvfb-run):
 *
 * <pre>mvn -B -q -DskipTests package &amp;&amp; xvfb-run -a java -cp teller-app/target/test-classes \
 *     bank.ushield.teller.bench.ColdStartBench teller-app/target/teller-app.jar 7</pre>
 */
public final class ColdStartBench {

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "teller-app/target/teller-app.jar");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path data = Files.createTempDirectory("coldstart-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String refClasses = Path.of(ColdStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        // The first start creates the training database and data; cold start is measured on a workstation that
        // has started before (the counter's every morning), so warm the folder once.
        run(java, "-jar", jar.toString(), "--data-dir", data.toString(), "--startup-bench");
        List<Long> app = new ArrayList<>();
        List<Long> ref = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ref.add(run(java, "-cp", refClasses, EmptyFrame.class.getName()));
            app.add(run(java, "-jar", jar.toString(), "--data-dir", data.toString(), "--startup-bench"));
        }
        System.out.printf("cold start to login window: median %d ms (runs %s)%n", median(app), app);
        System.out.printf("reference, JVM + empty JFrame: median %d ms (runs %s)%n", median(ref), ref);
        System.out.printf("ratio app/reference: %.2f%n", median(app) / (double) median(ref));
    }

    static long run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\\R")) {
            if (line.startsWith("login-window-shown-ms ")) {
                return Long.parseLong(line.substring("login-window-shown-ms ".length()).strip());
            }
        }
        throw new IllegalStateException("No timing from " + String.join(" ", command) + ":\n" + out);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
