package io.github.flinkticdc.e2e;

import io.github.flinkticdc.e2e.FlinkDistribution.LibContents;
import io.github.flinkticdc.examples.CommandLineArguments;
import io.github.flinkticdc.examples.ShopChangefeed;
import io.github.flinkticdc.testing.KafkaBroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The playground: a real Kafka broker holding the demo's TiCDC stream (in canal-json and in Open
 * Protocol), a standalone Flink session cluster of the line this build targets with our drop-in
 * jars and Flink's Kafka connector in its {@code lib/}, and Flink's SQL client connected to it, on
 * the terminal. It prints the SQL to paste; when the client ends ({@code QUIT;}, the end of its
 * input, or Ctrl-C) it stops everything it started.
 *
 * <p>With {@code --broker-only} it starts only the broker with the same topics, for a Flink of the
 * user's own, and stops when Enter is pressed or its input ends.
 */
public final class Playground {

    private static final int PARTITIONS = 2;
    private static final CommandLineArguments ARGUMENTS =
            new CommandLineArguments(
                            "The playground",
                            "starts Kafka, a standalone Flink and Flink's SQL client")
                    .flag("broker-only");

    private final PrintStream out;
    private final long started = System.nanoTime();

    Playground(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        // The Maven profile points java.io.tmpdir at a directory of the playground's own.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Map<String, String> options;
        try {
            options = ARGUMENTS.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flink-ticdc playground: " + e.getMessage());
            System.exit(2);
            return;
        }
        Playground playground = new Playground(System.out);
        System.exit(
                options.containsKey("broker-only")
                        ? playground.brokerOnly(System.in)
                        : playground.withFlink());
    }

    /** Kafka, Flink and the SQL client; returns the client's exit status. */
    int withFlink() {
        FlinkDistribution flinkDistribution = FlinkDistribution.fromBuild();
        out.println(
                "flink-ticdc playground: Kafka, Flink "
                        + flinkDistribution.version()
                        + " with flink-ticdc's drop-in jars, and Flink's SQL client");
        out.println("Starting Flink (JobManager, TaskManager, SQL gateway) and Kafka...");
        try (FlinkCluster flink =
                        FlinkCluster.start(
                                flinkDistribution, LibContents.KAFKA_CONNECTOR_AND_DROP_INS);
                KafkaBroker broker = KafkaBroker.start()) {
            out.printf("  Kafka ready at %s after %s%n", broker.bootstrapServers(), elapsed());
            fillTopics(broker);
            flink.awaitReady();
            out.printf(
                    "  Flink ready after %s: web UI %s, SQL gateway %s%n",
                    elapsed(), flink.restUrl(), flink.gatewayUrl());
            out.println();
            out.println("Paste into the SQL client (each a table and a query):");
            out.println();
            PlaygroundSql.examples(broker.bootstrapServers()).forEach(out::println);
            out.printf(
                    "The same shop as TiCDC's simple and debezium protocols write it, in %s and"
                            + " %s (for debezium, 'protocol' = 'debezium' and its topic):%n%n",
                    PlaygroundSql.SIMPLE_TOPIC, PlaygroundSql.DEBEZIUM_TOPIC);
            out.println(PlaygroundSql.simpleUnderTiCdc(broker.bootstrapServers()));
            out.println(
                    "Leave a query's result with Q. QUIT; stops the SQL client, and with it"
                            + " Flink and Kafka.");
            out.println();
            int status = FlinkSqlClient.run(flinkDistribution, flink);
            out.println("Stopping Flink and Kafka...");
            return status;
        } finally {
            out.printf("Playground stopped after %s.%n", elapsed());
        }
    }

    /** Only Kafka with the topics, until Enter or the end of {@code in}. */
    int brokerOnly(InputStream in) {
        out.println("flink-ticdc playground: Kafka only");
        try (KafkaBroker broker = KafkaBroker.start()) {
            out.printf("  Kafka ready at %s after %s%n", broker.bootstrapServers(), elapsed());
            fillTopics(broker);
            out.println();
            out.println("Bootstrap servers: " + broker.bootstrapServers());
            out.println("Press Enter to stop Kafka.");
            awaitEnter(in);
            out.println("Stopping Kafka...");
            return 0;
        } finally {
            out.printf("Playground stopped after %s.%n", elapsed());
        }
    }

    /** The demo's shop, as a changefeed of each protocol writes it. */
    private void fillTopics(KafkaBroker broker) {
        fill(
                broker,
                ShopChangefeed.write(PlaygroundSql.CANAL_JSON_TOPIC, PARTITIONS),
                "canal-json with enable-tidb-extension=true");
        fill(
                broker,
                ShopChangefeed.writeOpenProtocol(PlaygroundSql.OPEN_PROTOCOL_TOPIC, PARTITIONS),
                "open-protocol");
        fill(broker, ShopChangefeed.writeSimple(PlaygroundSql.SIMPLE_TOPIC, PARTITIONS), "simple");
        fill(
                broker,
                ShopChangefeed.writeDebezium(PlaygroundSql.DEBEZIUM_TOPIC, PARTITIONS),
                "debezium");
    }

    private void fill(KafkaBroker broker, ShopChangefeed shop, String protocol) {
        String topic = shop.feed().topic();
        broker.createTopic(topic, PARTITIONS);
        shop.feed().sendTo(broker);
        out.printf(
                "  topic %s (%s, %d partitions): TiCDC's changes of shop.customers and"
                        + " shop.orders, with one TiCDC restart (%s)%n",
                topic, protocol, PARTITIONS, shop.messageCounts());
    }

    private static void awaitEnter(InputStream in) {
        try {
            int read;
            do {
                read = in.read();
            } while (read != -1 && read != '\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String elapsed() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s";
    }
}
