package dev.jwrap.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine stays a library: JDK only, no sockets of its own, no process exits. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jwrap.core");

    @Test
    void coreDependsOnTheJdkOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..", "io.netty..", "tools.jackson..", "com.fasterxml..", "dev.jwrap.cli..")
                .check(CORE);
    }

    @Test
    void onlyTheResolvePackageOpensSockets() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.jwrap.core.resolve..")
                .should()
                .dependOnClassesThat()
                .haveNameMatching("java\\.net\\.(Server)?Socket|java\\.nio\\.channels\\..*Channel")
                .check(CORE);
    }

    @Test
    void theEngineNeverExitsTheProcess() {
        noClasses().should().callMethod(System.class, "exit", int.class).check(CORE);
    }
}
