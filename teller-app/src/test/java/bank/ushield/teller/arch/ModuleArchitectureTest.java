package bank.ushield.teller.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module picture of README and ADR 0001 as a test over every module's main classes (as JabRef's
 * MainArchitectureTest): the layering, one composition root, no package cycles, SQL only in stores, one name per
 * concept.
 */
class ModuleArchitectureTest {

    /** The one teller-app package that may see every module: it builds the workstation (ADR 0056). */
    static final String COMPOSITION_ROOT = "bank.ushield.teller.app..";
    /** The token module's PIN-prompt port: the only token types a screen may use. */
    static final String TOKEN_PIN_PORT = "bank.ushield.token.pin..";

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().importPaths(ArchitectureTest.moduleClassFolders());
    }

    @Test
    void everyModuleIsImported() {
        for (String p : List.of("db", "audit", "idverification", "token", "casync", "renewal", "teller")) {
            assertThat(all.containPackage("bank.ushield." + p)).as(p).isTrue();
        }
    }

    @Test
    void modulesAreLayeredAndScreensUseRenewalOnly() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Screens").definedBy(tellerOutside(COMPOSITION_ROOT))
                .layer("CompositionRoot").definedBy(COMPOSITION_ROOT)
                .layer("Renewal").definedBy("bank.ushield.renewal..")
                .layer("TokenPinPort").definedBy(TOKEN_PIN_PORT)
                .layer("Token").definedBy(tokenOutsidePinPort())
                .layer("IdVerification").definedBy("bank.ushield.idverification..")
                .layer("CaSync").definedBy("bank.ushield.casync..")
                .layer("Audit").definedBy("bank.ushield.audit..")
                .layer("Db").definedBy("bank.ushield.db..")
                .whereLayer("CompositionRoot").mayNotBeAccessedByAnyLayer()
                .whereLayer("Screens").mayOnlyBeAccessedByLayers("CompositionRoot")
                .whereLayer("Screens").mayOnlyAccessLayers("Renewal", "TokenPinPort")
                .whereLayer("Renewal").mayOnlyBeAccessedByLayers("Screens", "CompositionRoot")
                .whereLayer("TokenPinPort").mayOnlyBeAccessedByLayers("Screens", "CompositionRoot", "Renewal", "Token")
                .whereLayer("Token").mayOnlyBeAccessedByLayers("CompositionRoot", "Renewal")
                .whereLayer("IdVerification").mayOnlyBeAccessedByLayers("CompositionRoot", "Renewal")
                .whereLayer("CaSync").mayOnlyBeAccessedByLayers("CompositionRoot", "Renewal")
                .whereLayer("Audit").mayOnlyBeAccessedByLayers("CompositionRoot", "Renewal", "CaSync")
                .whereLayer("Db").mayOnlyBeAccessedByLayers("CompositionRoot", "Renewal", "CaSync", "Audit")
                .because("teller-app -> renewal -> (id-verification, token, ca-sync, audit) -> db, ca-sync -> audit;"
                        + " screens see renewal's service API and the PIN-prompt port, one composition root sees all");
        rule.check(all);
    }

    @Test
    void noPackageCyclesInsideAnyModule() {
        SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("bank.ushield.")
                        ? SliceIdentifier.of(c.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every package of bank.ushield";
            }
        }).should().beFreeOfCycles().check(all);
    }

    @Test
    void onlyStoresAndRepositoriesWriteSql() {
        // A Handle may pass through domain code as the token of one transaction (ADR 0056); the SQL itself is
        // written only by a *Store or *Repository class (or db's set-up).
        ArchRule sql = noClasses().that(areNotStores())
                .should().callMethodWhere(DescribedPredicate.describe("writes SQL through Jdbi",
                        call -> call.getTargetOwner().getPackageName().startsWith("org.jdbi")
                                && SQL_METHODS.contains(call.getName())))
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .orShould().dependOnClassesThat(DescribedPredicate.describe("are Jdbi statements or mappers",
                        c -> c.getPackageName().startsWith("org.jdbi")
                                && !TRANSACTION_TYPES.contains(c.getName())))
                .because("SQL on a table is written in one place: a *Store or *Repository class (or db's set-up)");
        sql.check(all);
    }

    private static final java.util.Set<String> SQL_METHODS = java.util.Set.of("createQuery", "createUpdate",
            "execute", "prepareBatch", "select", "createCall", "createScript", "createBatch");
    private static final java.util.Set<String> TRANSACTION_TYPES = java.util.Set.of("org.jdbi.v3.core.Handle",
            "org.jdbi.v3.core.Jdbi", "org.jdbi.v3.core.HandleCallback", "org.jdbi.v3.core.HandleConsumer",
            "org.jdbi.v3.core.transaction.TransactionIsolationLevel");

    @Test
    void noSwingOutsideTellerApp() {
        noClasses().that().resideInAPackage("bank.ushield..").and().resideOutsideOfPackage("bank.ushield.teller..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..")
                .check(all);
    }

    @Test
    void oneSimpleNamePerConcept() {
        Map<String, List<String>> byName = all.stream()
                .filter(c -> c.getPackageName().startsWith("bank.ushield."))
                .filter(c -> c.getEnclosingClass().isEmpty() && !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        byName.values().removeIf(names -> names.size() < 2);
        assertThat(byName).as("top-level names defined in more than one package").isEmpty();
    }

    private static DescribedPredicate<JavaClass> tellerOutside(String root) {
        String rootPackage = root.substring(0, root.length() - 2);
        return DescribedPredicate.describe("teller-app outside " + rootPackage,
                c -> c.getPackageName().startsWith("bank.ushield.teller")
                        && !(c.getPackageName() + ".").startsWith(rootPackage + "."));
    }

    private static DescribedPredicate<JavaClass> tokenOutsidePinPort() {
        return DescribedPredicate.describe("token outside its PIN-prompt port",
                c -> (c.getPackageName() + ".").startsWith("bank.ushield.token.")
                        && !(c.getPackageName() + ".").startsWith("bank.ushield.token.pin."));
    }

    private static DescribedPredicate<JavaClass> areNotStores() {
        // test-support creates and drops the tests' PostgreSQL databases and schemas: set-up, as db's own is.
        return DescribedPredicate.describe("are not stores, repositories, db's or test-support's set-up",
                c -> c.getPackageName().startsWith("bank.ushield.")
                        && !c.getPackageName().startsWith("bank.ushield.db")
                        && !c.getPackageName().startsWith("bank.ushield.testsupport")
                        && !isStore(c));
    }

    private static boolean isStore(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        String n = top.getSimpleName();
        return n.endsWith("Store") || n.endsWith("Repository") || top.getPackageName().endsWith(".store");
    }
}
