package bank.ushield.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages (Linux), printed beside every benchmark figure so noisy runs can be told apart. */
public final class MachineLoad {

    private MachineLoad() {
    }

    /** The 1/5/15-minute load averages, running/all tasks and the last process id, or "unknown". */
    public static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
