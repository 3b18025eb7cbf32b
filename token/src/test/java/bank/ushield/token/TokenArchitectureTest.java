package bank.ushield.token;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;

/** No PKCS#11 wrapper type outside the adapter package or in its public API; no Swing; no System.out. */
class TokenArchitectureTest {

    /** Only this module's main classes (target/classes): scanning the whole classpath takes ~20 s. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .importPath(Path.of(TokenPort.class.getProtectionDomain().getCodeSource().getLocation().getPath()));

    @Test
    void wrapperTypesStayInTheAdapterPackage() {
        noClasses().that().resideOutsideOfPackage("..token.pkcs11..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xipki..", "iaik..").check(MAIN);
    }

    @Test
    void theAdapterPublicApiHasNoWrapperTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("..token.pkcs11..")
                .should(new ArchCondition<>("not take or return wrapper types") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean leaks = isWrapper(m.getRawReturnType())
                                || m.getRawParameterTypes().stream().anyMatch(TokenArchitectureTest::isWrapper);
                        if (leaks && m.getOwner().getModifiers().contains(JavaModifier.PUBLIC)) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes a wrapper type"));
                        }
                    }
                }).check(MAIN);
    }

    @Test
    void noSwingAndNoStandardStreams() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..").check(MAIN);
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    static boolean isWrapper(JavaClass c) {
        String n = c.getName();
        return n.startsWith("org.xipki.") || n.startsWith("iaik.");
    }
}
