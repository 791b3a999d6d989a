package io.github.flinkticdc.format.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of the format module (design §1): the protocol readers know TiCDC and nothing of
 * Flink, the module knows nothing of Kafka, and its packages depend on each other one way only.
 * Each rule's {@code check} throws an AssertionError that lists every class breaking it.
 */
class FormatLayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.github.flinkticdc.format");
    }

    @Test
    void protocolReadersImportNoFlink() {
        noClasses()
                .that()
                .resideInAPackage("io.github.flinkticdc.format.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(classes);
    }

    @Test
    void protocolReadersDependOnNoOtherPartOfTheModule() {
        noClasses()
                .that()
                .resideInAPackage("io.github.flinkticdc.format.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.flinkticdc.format.common..",
                        "io.github.flinkticdc.format.convert..",
                        "io.github.flinkticdc.format.canal..",
                        "io.github.flinkticdc.format.open..")
                .check(classes);
    }

    @Test
    void theFormatModuleImportsNoKafka() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.github.flinkticdc.format.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
        slices().matching("io.github.flinkticdc.format.protocol.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
