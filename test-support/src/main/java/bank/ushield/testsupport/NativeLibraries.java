package bank.ushield.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds small real shared libraries with gcc (installed by .ci/run), e.g. a vendor driver that crashes. */
public final class NativeLibraries {

    private NativeLibraries() {
    }

    /** Compiles C source into {@code dir/lib<name>.so}; fails the test with gcc's output if it does not build. */
    public static Path compile(Path dir, String name, String source) throws IOException, InterruptedException {
        return compile(dir, name, source, List.of());
    }

    /**
     * Compiles C source with extra gcc arguments after the source file (defines, include folders, libraries such
     * as {@code -lcrypto}: .ci/run installs libssl-dev and libp11-kit-dev for the headers).
     */
    public static Path compile(Path dir, String name, String source, List<String> gccArgs)
            throws IOException, InterruptedException {
        Path c = Files.writeString(dir.resolve(name + ".c"), source + "\n");
        Path so = dir.resolve("lib" + name + ".so");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o", so.toString(), c.toString()));
        cmd.addAll(gccArgs);
        Process gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc could not build " + so + " (.ci/run installs gcc and libc6-dev): " + out);
        }
        return so;
    }

    /** A PKCS#11-looking driver whose C_GetFunctionList writes to address 0 (SIGSEGV). */
    public static final String CRASHING_PKCS11 =
            "int C_GetFunctionList(void **list) { *(volatile int *) 0 = 42; return 0; }";
}
