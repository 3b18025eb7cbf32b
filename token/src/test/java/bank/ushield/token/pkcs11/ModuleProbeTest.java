package bank.ushield.token.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.NativeLibraries;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.TokenModuleException;

/**
 * Vendor modules that crash or hang while starting, built here with gcc as real shared libraries exporting
 * C_GetFunctionList: the workstation's JVM survives them and says what happened. Without the probe the first test
 * would kill the test JVM (SIGSEGV inside the wrapper's native loader).
 */
@ExtendWith(SoftHsmExtension.class)
class ModuleProbeTest {

    @TempDir
    Path dir;

    @AfterEach
    void defaultTimeout() {
        ModuleProbe.timeout(Duration.ofSeconds(30));
    }

    @Test
    void aModuleThatCrashesWhileStartingIsRefusedAndThisJvmLivesOn() throws Exception {
        Path module = compile("crashing-pkcs11", NativeLibraries.CRASHING_PKCS11);

        assertThatThrownBy(() -> Pkcs11Directory.list(module))
                .isInstanceOfSatisfying(TokenModuleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TokenModuleException.Reason.CRASHED);
                    assertThat(e.getMessage()).contains("crashed while starting").contains(module.toString())
                            .contains("C_GetFunctionList");
                    String report = e.getMessage().replaceFirst(".*crash report (\\S+)\\).*", "$1");
                    assertThat(Path.of(report)).hasFileName("crash-report.log").content().contains("SIGSEGV");
                });
        // Asked again (the teller presses Detect twice): refused again, not loaded the second time either.
        assertThatThrownBy(() -> Pkcs11TokenPort.open(module))
                .isInstanceOfSatisfying(TokenModuleException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenModuleException.Reason.CRASHED));
    }

    @Test
    void aModuleThatNeverFinishesStartingIsRefusedAfterTheTimeout() throws Exception {
        Path module = compile("hanging-pkcs11",
                "#include <unistd.h>\nint C_GetFunctionList(void **list) { for (;;) pause(); return 0; }");
        ModuleProbe.timeout(Duration.ofSeconds(3));

        assertThatThrownBy(() -> Pkcs11Directory.list(module))
                .isInstanceOfSatisfying(TokenModuleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TokenModuleException.Reason.CRASHED);
                    assertThat(e.getMessage()).contains("did not finish starting within 3 s");
                });
    }

    @Test
    void softHsmPassesAndIsThenUsedAsBefore(SoftHsmToken token) {
        ModuleProbe.check(token.modulePath());
        assertThat(Pkcs11Directory.list(token.modulePath()).tokens())
                .anySatisfy(t -> assertThat(t.serial()).isEqualTo(token.serial()));
    }

    private Path compile(String name, String source) throws IOException, InterruptedException {
        Path so = NativeLibraries.compile(dir, name, source);
        assertThat(ElfExports.exports(so, "C_GetFunctionList")).isEqualTo(ElfExports.Answer.EXPORTED);
        return so;
    }
}
