package bank.ushield.teller.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers apart (as JabRef's CommonArchitectureTest): Swing and AWT only in teller-app; no SQL and no
 * PKCS#11 in teller-app; no System.out/err in the workstation's code.
 */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().importPaths(moduleClassFolders());
    }

    /** The main class folders of every module of the reactor (scanning the whole class path takes ~20 s). */
    static java.util.List<java.nio.file.Path> moduleClassFolders() {
        try (java.util.stream.Stream<java.nio.file.Path> modules = java.nio.file.Files.list(java.nio.file.Path.of(".."))) {
            return modules.map(m -> m.resolve("target/classes"))
                    .filter(java.nio.file.Files::isDirectory)
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theOtherModulesAreImported() {
        // Reactor builds put module jars, IDE runs put class folders on the path: either way they must be seen.
        org.assertj.core.api.Assertions.assertThat(all.containPackage("bank.ushield.db")).isTrue();
        org.assertj.core.api.Assertions.assertThat(all.containPackage("bank.ushield.teller.shell")).isTrue();
    }

    @Test
    void swingAndAwtStayInTellerApp() {
        ArchRule rule = noClasses().that().resideInAPackage("bank.ushield..")
                .and().resideOutsideOfPackage("bank.ushield.teller..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..")
                .because("only teller-app is a UI; domain modules are tested without a screen");
        rule.check(all);
    }

    @Test
    void tellerAppHasNoSqlAndNoPkcs11() {
        ArchRule rule = noClasses().that().resideInAPackage("bank.ushield.teller..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.xipki..", "iaik..")
                .because("the UI calls the domain modules; SQL and PKCS#11 stay behind them");
        rule.check(all);
    }

    @Test
    void tellerAppLogsThroughSlf4j() {
        // The launcher alone may write to stderr: it refuses a jar copied without its lib/ folder, where SLF4J is.
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().doNotHaveFullyQualifiedName(bank.ushield.teller.launch.Launcher.class.getName())
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("main code logs through SLF4J; picocli output goes through spec.commandLine().getOut()")
                .check(new ClassFileImporter().importPaths(java.nio.file.Path.of("target/classes")));
    }
}
