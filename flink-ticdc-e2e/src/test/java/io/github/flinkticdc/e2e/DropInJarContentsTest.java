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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.github.flinkticdc.e2e.FlinkDistribution.CONNECTOR_DROP_IN;
import static io.github.flinkticdc.e2e.FlinkDistribution.FORMAT_DROP_IN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop-in jars as the build made them, next to the {@code lib/} they are meant for: only our
 * own classes and relocated copies of our dependencies, no class that Flink or the Kafka connector
 * has, only our factories registered, the licenses and notices kept. The connector's drop-in holds
 * the format's classes too: byte for byte the same, so that either jar can sit next to the other.
 */
class DropInJarContentsTest {

    private static final FlinkDistribution FLINK = FlinkDistribution.fromBuild();
    private static final String OWN_PACKAGE = "io/github/flinkticdc/";
    private static final String SHADED = OWN_PACKAGE + "shaded/";
    private static final String FACTORIES =
            "META-INF/services/org.apache.flink.table.factories.Factory";
    private static final String KAFKA_CONNECTOR =
            "org.apache.flink:flink-connector-kafka:" + required("e2e.kafka.connector.version");
    private static final String KAFKA_CLIENTS =
            "org.apache.kafka:kafka-clients:" + required("e2e.kafka.clients.version");

    /**
     * What may be relocated into our jars, by package, and the dependency it comes from (as its
     * NOTICE must name it). Anything else under {@code shaded/} is a dependency bundled by mistake.
     */
    private static final Map<String, String> RELOCATED = relocatedPackages();

    /**
     * A class-file reference to a dependency that was bundled relocated, in its original package:
     * the class would look for it in {@code lib/} (or find a different copy there).
     */
    private static final Pattern UNRELOCATED_REFERENCE =
            Pattern.compile(
                    "(?<!"
                            + Pattern.quote(SHADED)
                            + ")("
                            + RELOCATED.keySet().stream()
                                    .map(Pattern::quote)
                                    .collect(Collectors.joining("|"))
                            + ")");

    static List<Path> dropIns() {
        return FLINK.dropInJars();
    }

    @Test
    void bothDropInsAreAmongThem() {
        assertThat(dropIns())
                .extracting(jar -> jar.getFileName().toString())
                .anyMatch(name -> name.startsWith(FORMAT_DROP_IN + "-"))
                .anyMatch(name -> name.startsWith(CONNECTOR_DROP_IN + "-"));
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void holdsOnlyOurOwnAndRelocatedClasses(Path jar) {
        Set<String> classes = classes(jar);
        assertThat(classes).isNotEmpty().filteredOn(c -> !c.startsWith(OWN_PACKAGE)).isEmpty();
        assertThat(classes)
                .filteredOn(c -> c.startsWith(SHADED))
                .allSatisfy(
                        c ->
                                assertThat(RELOCATED.keySet())
                                        .as("the dependency of " + c)
                                        .anyMatch(pkg -> c.startsWith(SHADED + pkg)));
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void referencesNoBundledDependencyByItsOriginalName(Path jar) {
        List<String> offenders = new ArrayList<>();
        forEachClass(
                jar,
                (name, bytes) -> {
                    if (UNRELOCATED_REFERENCE
                            .matcher(new String(bytes, StandardCharsets.ISO_8859_1))
                            .find()) {
                        offenders.add(name);
                    }
                });
        assertThat(offenders).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void sharesNoClassWithFlinkOrTheKafkaConnector(Path jar) {
        Set<String> elsewhere = new HashSet<>();
        for (Path other : FLINK.libJars()) {
            elsewhere.addAll(classes(other));
        }
        for (Path other : FLINK.kafkaConnectorJars()) {
            elsewhere.addAll(classes(other));
        }
        assertThat(elsewhere).isNotEmpty();
        assertThat(classes(jar)).filteredOn(elsewhere::contains).isEmpty();
    }

    /**
     * Both drop-ins may be in one lib/, where the first on the classpath wins: that is harmless
     * only if the classes they share are the same.
     */
    @Test
    void theConnectorHoldsEveryClassOfTheFormatByteForByte() {
        Map<String, byte[]> format = classBytes(FLINK.dropInJar(FORMAT_DROP_IN));
        Map<String, byte[]> connector = classBytes(FLINK.dropInJar(CONNECTOR_DROP_IN));
        assertThat(format).isNotEmpty();
        assertThat(connector.keySet()).containsAll(format.keySet());
        assertThat(format.keySet())
                .filteredOn(c -> !Arrays.equals(format.get(c), connector.get(c)))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void registersFactoriesItHolds(Path jar) {
        List<String> factories = serviceEntries(jar, FACTORIES);
        assertThat(factories)
                .isNotEmpty()
                .allSatisfy(
                        factory ->
                                assertThat(classes(jar))
                                        .contains(factory.replace('.', '/') + ".class"));
    }

    @Test
    void theConnectorRegistersOurFactoriesOnly() {
        assertThat(serviceEntries(FLINK.dropInJar(CONNECTOR_DROP_IN), FACTORIES))
                .containsExactlyInAnyOrder(
                        "io.github.flinkticdc.connector.TiCdcDynamicTableFactory",
                        "io.github.flinkticdc.format.canal.TiCdcCanalFormatFactory",
                        "io.github.flinkticdc.format.simple.TiCdcSimpleFormatFactory",
                        "io.github.flinkticdc.format.debezium.TiCdcDebeziumFormatFactory");
    }

    /**
     * Flink's factories are ours alone; any other service is a relocated dependency's own, under
     * its relocated name, so it cannot be found by (or clash with) the original in lib/.
     */
    @ParameterizedTest
    @MethodSource("dropIns")
    void registersOtherServicesOnlyUnderRelocatedNames(Path jar) {
        String relocated = SHADED.replace('/', '.');
        for (String service : entries(jar)) {
            if (!service.startsWith("META-INF/services/") || service.endsWith("/")) {
                continue;
            }
            String type = service.substring("META-INF/services/".length());
            List<String> providers = serviceEntries(jar, service);
            if (service.equals(FACTORIES)) {
                assertThat(providers)
                        .allMatch(p -> p.startsWith("io.github.flinkticdc."))
                        .noneMatch(p -> p.startsWith(relocated));
            } else {
                assertThat(type).startsWith(relocated);
                assertThat(providers).as(service).allMatch(p -> p.startsWith(relocated));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dropIns")
    void keepsTheLicenseAndNamesEveryBundledDependencyInItsNotice(Path jar) {
        assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License", "Version 2.0");
        String notice = text(jar, "META-INF/NOTICE");
        // Artifacts built with Maven leave their descriptor inside (the format drop-in now bundles
        // none such); every relocated package is checked below, and each jar relocates one.
        assertThat(bundledDependencies(jar)).allSatisfy(d -> assertThat(notice).contains(d));
        Set<String> classes = classes(jar);
        List<String> relocated = new ArrayList<>();
        RELOCATED.forEach(
                (pkg, dependency) -> {
                    if (classes.stream().anyMatch(c -> c.startsWith(SHADED + pkg))) {
                        assertThat(notice).contains(dependency);
                        relocated.add(pkg);
                    }
                });
        assertThat(relocated).as("relocated packages of %s", jar.getFileName()).isNotEmpty();
    }

    @Test
    void theConnectorKeepsTheNoticeOfKafkaClients() {
        Path jar = FLINK.dropInJar(CONNECTOR_DROP_IN);
        assertThat(text(jar, "NOTICE")).startsWith("Apache Kafka");
        assertThat(text(jar, "META-INF/NOTICE")).contains("Flink : Connectors : Kafka");
    }

    private static Map<String, String> relocatedPackages() {
        Map<String, String> packages = new LinkedHashMap<>();
        packages.put("com/fasterxml/jackson/core/", "com.fasterxml.jackson.core:jackson-core:");
        packages.put("net/jpountz/", "org.lz4:lz4-java:");
        packages.put("org/apache/kafka/", KAFKA_CLIENTS);
        packages.put("org/apache/flink/connector/kafka/", KAFKA_CONNECTOR);
        packages.put("org/apache/flink/streaming/connectors/kafka/", KAFKA_CONNECTOR);
        return packages;
    }

    /**
     * {@code groupId:artifactId:version} of every third-party artifact that left its Maven
     * descriptor inside (those built with Gradle, like kafka-clients, leave none).
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
        return entries(jar).stream()
                .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
                .collect(Collectors.toSet());
    }

    private static List<String> entries(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
    }

    private static Map<String, byte[]> classBytes(Path jar) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        forEachClass(jar, classes::put);
        return classes;
    }

    private static void forEachClass(Path jar, ClassVisitor visitor) {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        visitor.visit(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
    }

    private static List<String> serviceEntries(Path jar, String service) {
        return text(jar, service)
                .lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toList());
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

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(
                    "System property "
                            + property
                            + " is not set: run the e2e tests through Maven (verify)");
        }
        return value;
    }

    @FunctionalInterface
    private interface ClassVisitor {
        void visit(String name, byte[] bytes);
    }
}
