package io.github.flinkticdc.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop-in jars as the build made them, next to the {@code lib/} they are meant for: only our
 * own classes and relocated copies of our dependencies, no class that Flink, the Kafka connector or
 * another of our jars already has, the factories registered, the licenses and notices kept.
 */
class DropInJarContentsTest {

    private static final FlinkDistribution FLINK = FlinkDistribution.fromBuild();
    private static final String OWN_PACKAGE = "io/github/flinkticdc/";
    private static final String FACTORIES =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    static List<Path> dropIns() {
        return FLINK.dropInJars();
    }

    @Test
    void theFormatsDropInIsAmongThem() {
        assertThat(dropIns())
                .extracting(jar -> jar.getFileName().toString())
                .anyMatch(name -> name.startsWith("flink-sql-format-ticdc-"));
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void holdsOnlyOurOwnAndRelocatedClasses(Path jar) {
        assertThat(classes(jar)).isNotEmpty().filteredOn(c -> !c.startsWith(OWN_PACKAGE)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void sharesNoClassWithLibOrTheOtherDropIns(Path jar) {
        Set<String> elsewhere = new HashSet<>();
        for (Path other : FLINK.libJars()) {
            elsewhere.addAll(classes(other));
        }
        for (Path other : dropIns()) {
            if (!other.equals(jar)) {
                elsewhere.addAll(classes(other));
            }
        }
        assertThat(classes(jar)).filteredOn(elsewhere::contains).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void registersFactoriesItHolds(Path jar) {
        List<String> factories =
                text(jar, FACTORIES)
                        .lines()
                        .map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .collect(Collectors.toList());
        assertThat(factories)
                .isNotEmpty()
                .allSatisfy(
                        factory ->
                                assertThat(classes(jar))
                                        .contains(factory.replace('.', '/') + ".class"));
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void keepsTheLicenseAndNamesEveryBundledDependencyInItsNotice(Path jar) {
        assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License", "Version 2.0");
        String notice = text(jar, "META-INF/NOTICE");
        assertThat(bundledDependencies(jar))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(notice).contains(d));
    }

    /**
     * {@code groupId:artifactId:version} of every third-party artifact whose classes are inside.
     */
    private static List<String> bundledDependencies(Path jar) {
        List<String> bundled = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/")
                        && name.endsWith("/pom.properties")
                        && !name.startsWith("META-INF/maven/io.github.flinkticdc/")) {
                    Properties pom = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        pom.load(in);
                    }
                    bundled.add(
                            pom.getProperty("groupId")
                                    + ":"
                                    + pom.getProperty("artifactId")
                                    + ":"
                                    + pom.getProperty("version"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundled;
    }

    private static Set<String> classes(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
    }

    private static String text(Path jar, String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry found = file.getJarEntry(entry);
            assertThat(found).as(entry + " in " + jar.getFileName()).isNotNull();
            try (InputStream in = file.getInputStream(found)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
