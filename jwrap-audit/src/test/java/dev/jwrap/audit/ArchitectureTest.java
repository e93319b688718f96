package dev.jwrap.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The audit is a library: no command-line types, no other jwrap module but the engine, no process exits. */
class ArchitectureTest {

    private static final JavaClasses AUDIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jwrap.audit");

    @Test
    void dependsOnTheEngineAndJacksonOnly() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("picocli..", "io.netty..", "dev.jwrap.cli..", "dev.jwrap.inetd..", "dev.jwrap.host..")
                .check(AUDIT);
    }

    @Test
    void readingNeverDependsOnWriting() {
        noClasses().that().resideInAnyPackage("dev.jwrap.audit.inventory..", "dev.jwrap.audit.config..", "dev.jwrap.audit.kb..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwrap.audit.harden..", "dev.jwrap.audit.report..")
                .check(AUDIT);
    }

    @Test
    void neverExitsTheProcess() {
        noClasses().should().callMethod(System.class, "exit", int.class).check(AUDIT);
    }
}
