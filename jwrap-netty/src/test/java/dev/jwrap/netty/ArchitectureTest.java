package dev.jwrap.netty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** jwrap-netty depends on Netty, the engine, the host layer and the JDK, nothing else. */
@AnalyzeClasses(packages = "dev.jwrap.netty", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule importsOnlyNettyJwrapAndJava = classes()
            .that().resideInAPackage("dev.jwrap.netty..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.netty..", "dev.jwrap.netty..", "dev.jwrap.core..", "dev.jwrap.host..", "java..");
}
