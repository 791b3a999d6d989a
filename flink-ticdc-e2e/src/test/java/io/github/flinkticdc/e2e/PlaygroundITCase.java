package io.github.flinkticdc.e2e;

import io.github.flinkticdc.examples.ShopChangefeed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground as a user runs it, in a JVM of its own with the Maven profile's options: it starts
 * Kafka, a standalone Flink and Flink's SQL client, the SQL it prints runs in that client, and when
 * the client's input ends everything it started is gone: no process left, no file left.
 *
 * <p>The client reads the session from a file here (a dumb terminal) and prints results in tableau
 * mode, which a test can read; a user's terminal gets the interactive result view.
 */
class PlaygroundITCase {

    private static final long RUN_TIMEOUT_MS = 300_000;
    private static final Pattern TABLEAU_ROW = Pattern.compile("^\\| ([+-][IUD]) \\|(.*)\\|$");
    private static final String BOUNDED = " /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */";

    @Test
    void theSqlItPrintsRunsInItsSqlClientAndItStopsAllItStarted(@TempDir Path tmp)
            throws Exception {
        String session =
                String.join(
                        "\n",
                        "SET 'sql-client.execution.result-mode' = 'tableau';",
                        createTable(PlaygroundSql.openProtocolUnderTiCdc("SERVERS")),
                        "SELECT id, customer_id, amount FROM open_orders" + BOUNDED + ";",
                        createTable(PlaygroundSql.canalJsonUnderKafka("SERVERS")),
                        "SELECT id, status FROM orders" + BOUNDED + ";",
                        createTable(PlaygroundSql.simpleUnderTiCdc("SERVERS")),
                        "SELECT id, customer_id, amount FROM simple_orders" + BOUNDED + ";",
                        "QUIT;",
                        "");
        Path output = tmp.resolve("playground.log");
        Path playgroundTmp = Files.createDirectories(tmp.resolve("playground-tmp"));

        Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();
        Process playground = startPlayground(playgroundTmp, output);
        try {
            // The session names the broker, whose address the playground prints once it is up.
            String servers = awaitBootstrapServers(playground, output);
            playground
                    .getOutputStream()
                    .write(session.replace("SERVERS", servers).getBytes(StandardCharsets.UTF_8));
            playground.getOutputStream().close();
            checkRunAndStop(playground, started, output, playgroundTmp);
        } finally {
            // Whatever failed, nothing of the playground outlives the test.
            playground.descendants().forEach(ProcessHandle::destroyForcibly);
            playground.destroyForcibly();
        }
    }

    private static void checkRunAndStop(
            Process playground, Set<ProcessHandle> started, Path output, Path playgroundTmp)
            throws Exception {
        boolean ended = waitWatchingChildren(playground, started);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("the playground ended; it printed:\n%s", printed).isTrue();
        assertThat(playground.exitValue()).as(printed).isZero();

        // Kafka, its storage formatter, BashJavaUtils, the cluster's three JVMs, the SQL client.
        assertThat(started).as(printed).hasSizeGreaterThanOrEqualTo(5);
        for (ProcessHandle child : started) {
            assertThat(child.onExit().get(15, TimeUnit.SECONDS).isAlive())
                    .as("a process the playground started: %s", child.info())
                    .isFalse();
        }
        try (Stream<Path> left = Files.walk(playgroundTmp)) {
            assertThat(left.filter(Files::isRegularFile)).as("files left behind").isEmpty();
        }

        String[] results = printed.split("Received a total of");
        assertThat(results).as(printed).hasSizeGreaterThanOrEqualTo(4);
        ShopChangefeed shop = ShopChangefeed.write(PlaygroundSql.OPEN_PROTOCOL_TOPIC, 2);
        List<List<String>> orders =
                shop.orders().stream()
                        .map(
                                o ->
                                        List.of(
                                                o.get("id"),
                                                o.get("customer_id"),
                                                new BigDecimal(o.get("amount")).toPlainString()))
                        .collect(Collectors.toList());
        assertThat(finalRows(results[0]))
                .as("the ticdc connector's changelog over Open Protocol, folded")
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(finalRows(results[2]))
                .as("the ticdc connector's changelog over the simple protocol, folded")
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(ids(results[1]))
                .as("every order is among what the kafka connector read")
                .containsAll(
                        shop.orders().stream().map(o -> o.get("id")).collect(Collectors.toSet()));
    }

    /** The statement that creates the table, with the broker's address filled in later. */
    private static String createTable(String example) {
        return example.substring(0, example.indexOf(";\n") + 1);
    }

    private static Process startPlayground(Path playgroundTmp, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + playgroundTmp);
        command.add("-Dlog4j.configurationFile=playground-log4j2.properties");
        command.addAll(FlinkDistribution.systemPropertyOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Playground.class.getName());
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        return process;
    }

    private static String awaitBootstrapServers(Process process, Path output) throws IOException {
        Pattern ready = Pattern.compile("Kafka ready at (\\S+) after");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_TIMEOUT_MS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = ready.matcher(Files.readString(output, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            FlinkCluster.sleep(200);
        }
        throw new IllegalStateException(
                "The playground printed no broker address:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Waits for the playground's end, noting every process it starts meanwhile. */
    private static boolean waitWatchingChildren(Process playground, Set<ProcessHandle> started) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_TIMEOUT_MS);
        while (playground.isAlive() && System.nanoTime() < deadline) {
            playground.descendants().forEach(started::add);
            FlinkCluster.sleep(100);
        }
        if (playground.isAlive()) {
            playground.descendants().forEach(ProcessHandle::destroyForcibly);
            playground.destroyForcibly();
            return false;
        }
        return true;
    }

    /** The rows a tableau changelog ends with: inserts and updates add, deletions take away. */
    private static List<List<String>> finalRows(String tableau) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : tableau.split("\n")) {
            Matcher m = TABLEAU_ROW.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            List<String> row =
                    Arrays.stream(m.group(2).split("\\|"))
                            .map(String::trim)
                            .collect(Collectors.toList());
            if (m.group(1).startsWith("+")) {
                rows.add(row);
            } else {
                assertThat(rows.remove(row))
                        .as("%s retracts a row it had: %s", line, rows)
                        .isTrue();
            }
        }
        return rows;
    }

    private static Set<String> ids(String tableau) {
        return Arrays.stream(tableau.split("\n"))
                .map(line -> TABLEAU_ROW.matcher(line.trim()))
                .filter(Matcher::matches)
                .map(m -> m.group(2).split("\\|")[0].trim())
                .collect(Collectors.toSet());
    }
}
