package bank.ushield.token.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.SoftHsm;

/** One initialised module per library per JVM, whatever path spells it. */
class Pkcs11RuntimeTest {

    @Test
    void aSymlinkToTheSameLibraryGetsTheSameRuntime(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("libtoken.so"), SoftHsm.modulePath().toRealPath());
        assertThat(Pkcs11Runtime.of(link)).isSameAs(Pkcs11Runtime.of(SoftHsm.modulePath()));
        // and it works through either spelling
        assertThat(Pkcs11TokenPort.open(link).readers()).isNotEmpty();
    }
}
