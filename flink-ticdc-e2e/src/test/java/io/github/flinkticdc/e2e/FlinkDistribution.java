package io.github.flinkticdc.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Flink installation the build assembled for the Flink line under test, copied by Maven into
 * {@code target/flink-<version>/}: the jars of a distribution's {@code lib/} ({@code lib}), Flink's
 * Kafka connector as a user adds it ({@code kafka-connector}), and our drop-in jars ({@code
 * drop-ins}), and Flink's SQL client as the distribution has it in {@code opt/} ({@code
 * sql-client}).
 *
 * <p>They are kept in separate directories so that tests can tell them apart and clusters can be
 * started with different {@link LibContents}; a cluster's classpath joins them, as one {@code lib/}
 * would.
 */
final class FlinkDistribution {

    static final String VERSION_PROPERTY = "e2e.flink.version";
    static final String LIB_PROPERTY = "e2e.flink.lib";
    static final String KAFKA_CONNECTOR_PROPERTY = "e2e.kafka-connector";
    static final String DROP_INS_PROPERTY = "e2e.drop-ins";
    static final String SQL_CLIENT_PROPERTY = "e2e.sql-client";

    static final String FORMAT_DROP_IN = "flink-sql-format-ticdc";
    static final String CONNECTOR_DROP_IN = "flink-sql-connector-ticdc";

    /** What a cluster's {@code lib/} holds besides Flink's own jars. */
    enum LibContents {
        /**
         * Flink's Kafka connector (the plain one and kafka-clients, or flink-sql-connector-kafka,
         * as the build chose) with zstd-jni, and both our drop-ins.
         */
        KAFKA_CONNECTOR_AND_DROP_INS,
        /** Only our self-contained connector drop-in: no Kafka connector, no format drop-in. */
        CONNECTOR_DROP_IN_ONLY
    }

    private final String version;
    private final Path lib;
    private final Path kafkaConnector;
    private final Path dropIns;
    private final Path sqlClient;

    private FlinkDistribution(
            String version, Path lib, Path kafkaConnector, Path dropIns, Path sqlClient) {
        this.version = version;
        this.lib = lib;
        this.kafkaConnector = kafkaConnector;
        this.dropIns = dropIns;
        this.sqlClient = sqlClient;
    }

    /** The installation named by the system properties the e2e module's pom sets. */
    static FlinkDistribution fromBuild() {
        return new FlinkDistribution(
                required(VERSION_PROPERTY),
                Paths.get(required(LIB_PROPERTY)),
                Paths.get(required(KAFKA_CONNECTOR_PROPERTY)),
                Paths.get(required(DROP_INS_PROPERTY)),
                Paths.get(required(SQL_CLIENT_PROPERTY)));
    }

    /**
     * The system properties that name this installation, as {@code -D} options, for a JVM of ours
     * that needs it too.
     */
    static List<String> systemPropertyOptions() {
        return Stream.of(
                        VERSION_PROPERTY,
                        LIB_PROPERTY,
                        KAFKA_CONNECTOR_PROPERTY,
                        DROP_INS_PROPERTY,
                        SQL_CLIENT_PROPERTY)
                .map(p -> "-D" + p + "=" + required(p))
                .collect(Collectors.toList());
    }

    /** The Flink version, such as {@code 1.20.3}. */
    String version() {
        return version;
    }

    /** Flink's own jars. */
    List<Path> libJars() {
        return jarsIn(lib);
    }

    /** The jars of Flink's Kafka connector, and zstd-jni. */
    List<Path> kafkaConnectorJars() {
        return jarsIn(kafkaConnector);
    }

    /** Our drop-in jars, as a user downloads them. */
    List<Path> dropInJars() {
        return jarsIn(dropIns);
    }

    /** The drop-in jar of the artifact {@code artifactId}. */
    Path dropInJar(String artifactId) {
        return dropInJars().stream()
                .filter(jar -> jar.getFileName().toString().startsWith(artifactId + "-"))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("No " + artifactId + " in " + dropIns));
    }

    /**
     * What Flink's SQL client loads, as {@code bin/sql-client.sh} puts it together: Flink's {@code
     * lib/} and the client's jar from {@code opt/}.
     */
    String sqlClientClasspath() {
        List<Path> jars = new ArrayList<>(libJars());
        jars.addAll(jarsIn(sqlClient));
        return joined(jars);
    }

    /** Everything a process of the cluster loads: Flink's {@code lib/} with {@code contents}. */
    String classpath(LibContents contents) {
        List<Path> jars = new ArrayList<>(libJars());
        if (contents == LibContents.KAFKA_CONNECTOR_AND_DROP_INS) {
            jars.addAll(kafkaConnectorJars());
            jars.addAll(dropInJars());
        } else {
            jars.add(dropInJar(CONNECTOR_DROP_IN));
        }
        return joined(jars);
    }

    private static String joined(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static List<Path> jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No assembled Flink at "
                            + directory
                            + ": run the e2e tests through Maven (verify), which copies it",
                    e);
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
}
