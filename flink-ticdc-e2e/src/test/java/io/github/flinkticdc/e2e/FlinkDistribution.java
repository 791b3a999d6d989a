package io.github.flinkticdc.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Flink installation the build assembled for the Flink line under test: the jars of a
 * distribution's {@code lib/} plus the Kafka connector (copied by Maven into {@code
 * target/flink-<version>/lib}), and our drop-in jars ({@code target/flink-<version>/drop-ins}).
 *
 * <p>The drop-ins are kept in their own directory only so that tests can tell them apart; the
 * cluster's classpath holds both, as one {@code lib/} would.
 */
final class FlinkDistribution {

    static final String VERSION_PROPERTY = "e2e.flink.version";
    static final String LIB_PROPERTY = "e2e.flink.lib";
    static final String DROP_INS_PROPERTY = "e2e.drop-ins";

    private final String version;
    private final Path lib;
    private final Path dropIns;

    private FlinkDistribution(String version, Path lib, Path dropIns) {
        this.version = version;
        this.lib = lib;
        this.dropIns = dropIns;
    }

    /** The installation named by the system properties the e2e module's pom sets. */
    static FlinkDistribution fromBuild() {
        return new FlinkDistribution(
                required(VERSION_PROPERTY),
                Paths.get(required(LIB_PROPERTY)),
                Paths.get(required(DROP_INS_PROPERTY)));
    }

    /** The Flink version, such as {@code 1.20.3}. */
    String version() {
        return version;
    }

    /** Flink's own jars and the Kafka connector's. */
    List<Path> libJars() {
        return jarsIn(lib);
    }

    /** Our drop-in jars, as a user downloads them. */
    List<Path> dropInJars() {
        return jarsIn(dropIns);
    }

    /** Everything a process of the cluster loads: {@code lib/} with the drop-ins in it. */
    String classpath() {
        return Stream.concat(libJars().stream(), dropInJars().stream())
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
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
