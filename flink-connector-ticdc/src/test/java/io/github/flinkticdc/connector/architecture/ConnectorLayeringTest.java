package io.github.flinkticdc.connector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The connector's layers (design §1): the table layer builds on the Source-API and Sink-API pieces,
 * never the other way round, and the format module knows nothing of the connector. Each rule's
 * {@code check} throws an AssertionError that lists every class breaking it.
 */
class ConnectorLayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(
                                "io.github.flinkticdc.connector", "io.github.flinkticdc.format");
    }

    @Test
    void sourcePiecesDoNotDependOnTheTableLayer() {
        noClasses()
                .that()
                .resideInAPackage("io.github.flinkticdc.connector.source..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.flinkticdc.connector")
                .check(classes);
    }

    @Test
    void sinkPiecesDoNotDependOnTheTableLayer() {
        noClasses()
                .that()
                .resideInAPackage("io.github.flinkticdc.connector.sink..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.flinkticdc.connector")
                .check(classes);
    }

    @Test
    void theFormatModuleDoesNotDependOnTheConnector() {
        noClasses()
                .that()
                .resideInAPackage("io.github.flinkticdc.format..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.flinkticdc.connector..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.github.flinkticdc.(**)").should().beFreeOfCycles().check(classes);
    }
}
