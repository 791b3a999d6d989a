package io.github.flinkticdc.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo refuses what it does not take, naming it, instead of ignoring it. */
class DemoArgumentsTest {

    @Test
    void aMisspelledArgumentIsNamedWithWhatTheDemoTakes() {
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--topic", "t", "--tabel", "x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "unknown argument --tabel. The demo takes --bootstrap-servers")
                .hasMessageContaining("--table <text>")
                .hasMessageContaining("--startup-mode earliest-offset|latest-offset");
    }

    @Test
    void aValueTheDemoDoesNotKnowIsNamedWithTheValuesItTakes() {
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--startup-mode", "earliest"}))
                .hasMessage(
                        "--startup-mode is 'earliest'; it must be one of earliest-offset,"
                                + " latest-offset");
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--compression", "gzip"}))
                .hasMessage("--compression is 'gzip'; it must be one of none, lz4, snappy");
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--topic"}))
                .hasMessageStartingWith("--topic needs a value.");
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--topic", ""}))
                .hasMessageStartingWith("--topic needs a value.");
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--ignore-parse-errors", "yes"}))
                .hasMessage("--ignore-parse-errors takes no value, but is followed by 'yes'");
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"topic"}))
                .hasMessageStartingWith("unexpected argument 'topic'.");
    }

    @Test
    void argumentsThatDoNotGoTogetherAreRefused() {
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--topic", "cdc"}))
                .hasMessage(
                        "reading a real topic needs --bootstrap-servers and --topic;"
                                + " --bootstrap-servers is missing");
        assertThatThrownBy(() -> DemoArguments.parse(new String[] {"--table", "orders"}))
                .hasMessage(
                        "--table is for a real topic: give --bootstrap-servers and --topic too");
        assertThatThrownBy(
                        () ->
                                DemoArguments.parse(
                                        new String[] {
                                            "--bootstrap-servers", "k:9092",
                                            "--topic", "cdc",
                                            "--columns", "id INT"
                                        }))
                .hasMessageStartingWith("--columns are the columns of one table: give --table");
    }

    /** What an interrupted run left in the demo's own temporary directory is gone at its start. */
    @Test
    void theDemosTemporaryDirectoryIsEmptiedOrMade(@TempDir Path root) throws Exception {
        Path tmp = root.resolve("demo-tmp");
        Files.createDirectories(tmp.resolve("minicluster_1/blobs"));
        Files.writeString(tmp.resolve("flink-rpc-akka_1.jar"), "left over");
        Files.writeString(tmp.resolve("minicluster_1/blobs/b"), "left over");
        TiCdcDemo.emptyDirectory(tmp);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
        TiCdcDemo.emptyDirectory(root.resolve("new-tmp"));
        assertThat(root.resolve("new-tmp")).isEmptyDirectory();
    }

    /** As the Maven profile runs it: a JVM of its own, whose exit status says it failed. */
    @Test
    void theDemoExitsNonZeroNamingTheArgument() throws Exception {
        Process demo =
                new ProcessBuilder(
                                System.getProperty("java.home")
                                        + File.separator
                                        + "bin"
                                        + File.separator
                                        + "java",
                                "-cp",
                                System.getProperty("java.class.path"),
                                TiCdcDemo.class.getName(),
                                "--tabel",
                                "orders")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(demo.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(stderr).startsWith("flink-ticdc demo: unknown argument --tabel.");
    }
}
