package bank.ushield.idverification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

/** The module's boundaries (DESIGN.md): plain rules, no UI, no SQL, nothing of our other modules. */
class ArchitectureTest {

    /** The module's main classes, imported from where they were loaded (a folder or a jar). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(Finding.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void noSwingAwtOrSql() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..", "java.sql..",
                "javax.sql..").check(MAIN);
    }

    @Test
    void noDependencyOnOtherModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("bank.ushield.db..", "bank.ushield.audit..",
                "bank.ushield.token..", "bank.ushield.casync..", "bank.ushield.renewal..", "bank.ushield.teller..")
                .check(MAIN);
    }

    @Test
    void loggingOnlyThroughSlf4j() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }
}
