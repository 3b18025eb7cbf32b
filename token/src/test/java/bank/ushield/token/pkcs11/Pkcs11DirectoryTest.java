package bank.ushield.token.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.ModuleListing;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenModuleException;

/** The slot listing a settings screen shows, on real SoftHSM2, and the wrong files an administrator may pick. */
@ExtendWith(SoftHsmExtension.class)
class Pkcs11DirectoryTest {

    @TempDir
    Path dir;

    @Test
    void softHsmListsTheTestTokenWithItsIdentity(SoftHsmToken token) {
        ModuleListing listing = Pkcs11Directory.list(token.modulePath());

        assertThat(listing.manufacturer()).isEqualTo("SoftHSM");
        assertThat(listing.description()).isEqualTo("Implementation of PKCS11");
        TokenInfo found = listing.tokens().stream().filter(t -> t.serial().equals(token.serial())).findFirst()
                .orElseThrow(() -> new AssertionError("test token not listed: " + listing));
        assertThat(found.label()).isEqualTo(token.label());
        assertThat(found.model()).isEqualTo("SoftHSM v2");
        assertThat(found.manufacturer()).isEqualTo("SoftHSM project");
        ModuleListing.Slot slot = listing.slots().stream()
                .filter(s -> s.token().map(t -> t.serial().equals(token.serial())).orElse(false)).findFirst().orElseThrow();
        assertThat(slot.tokenPresent()).isTrue();
        // SoftHSM2 always offers one free slot with a blank (uninitialised) token: present, but no identity.
        assertThat(listing.slots()).anySatisfy(s -> assertThat(s.token()).isEmpty());
    }

    @Test
    void aMissingPathOrAFolderIsMissing() {
        assertThatThrownBy(() -> Pkcs11Directory.list(dir.resolve("nope.so")))
                .isInstanceOfSatisfying(TokenModuleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TokenModuleException.Reason.MISSING);
                    assertThat(e.getMessage()).contains("nope.so");
                });
        assertThatThrownBy(() -> Pkcs11Directory.list(dir))
                .isInstanceOfSatisfying(TokenModuleException.class,
                        e -> assertThat(e.getMessage()).contains("it is a folder"));
    }

    @Test
    void aFileThatIsNoLibraryIsNotLoadableWithTheLoadersReason() throws IOException {
        Path text = Files.writeString(dir.resolve("readme.so"), "this is not a shared library\n");
        assertThatThrownBy(() -> Pkcs11Directory.list(text))
                .isInstanceOfSatisfying(TokenModuleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TokenModuleException.Reason.NOT_LOADABLE);
                    assertThat(e.getMessage()).contains("readme.so").contains("file too short");
                });
    }

    @Test
    void aSharedLibraryThatIsNotPkcs11IsRefusedBeforeLoading() {
        // The JVM's own libjava.so: a real ELF library without C_GetFunctionList. Handing it to the wrapper's native
        // loader kills the JVM (SIGSEGV, seen here), so this test passing at all shows the check came first.
        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        assertThat(libjava).isRegularFile();
        assertThatThrownBy(() -> Pkcs11Directory.list(libjava))
                .isInstanceOfSatisfying(TokenModuleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TokenModuleException.Reason.NOT_PKCS11);
                    assertThat(e.getMessage()).contains("C_GetFunctionList");
                });
    }

    @Test
    void elfExportsReadsTheDynamicSymbols(SoftHsmToken token) {
        assertThat(ElfExports.exports(token.modulePath(), "C_GetFunctionList")).isEqualTo(ElfExports.Answer.EXPORTED);
        assertThat(ElfExports.exports(token.modulePath(), "C_GetFunctionLis")).isEqualTo(ElfExports.Answer.NOT_EXPORTED);
        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        assertThat(ElfExports.exports(libjava, "C_GetFunctionList")).isEqualTo(ElfExports.Answer.NOT_EXPORTED);
        assertThat(ElfExports.exports(libjava, "JNI_OnLoad")).isEqualTo(ElfExports.Answer.EXPORTED);
    }
}
