package io.github.flinkticdc.examples.datastream;

import io.github.flinkticdc.examples.ShopChangefeed;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.TiCdcChangefeed;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the pipelines of the DataStream examples on a real broker, bounded at the topic's end, over
 * the demo's shop: TiCDC canal-json with the TiDB extension, two partitions, other tables than the
 * orders, a DDL, and a TiCDC restart that writes the changes after its checkpoint again.
 */
class DataStreamExamplesITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String TOPIC = "datastream-examples-shop";
    private static final int PARTITIONS = 2;

    private static TiCdcChangefeed shop;

    @BeforeAll
    static void replicate() {
        shop = ShopChangefeed.write(TOPIC, PARTITIONS).feed();
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        shop.sendTo(KAFKA.broker());
    }

    /** The format reads every orders message as it is in the topic, TiCDC's replays included. */
    @Test
    void theFormatJobPrintsEveryOrderChangeTiCdcWroteReplaysIncluded() throws Exception {
        StreamExecutionEnvironment env = environment();
        List<String> printed =
                run(
                        CanalJsonFormatJob.orders(
                                env,
                                CanalJsonFormatJob.source(KAFKA.bootstrapServers(), TOPIC)
                                        .setBounded(OffsetsInitializer.latest())
                                        .build()));

        assertThat(printed).containsExactlyElementsOf(lines(e -> true));
        assertThat(shop.events()).anyMatch(e -> e.isReplay() && isOrder(e));
    }

    /** The connector's changelog: the orders' changes as TiDB committed them, each once. */
    @Test
    void theExactlyOnceJobPrintsEachCommittedOrderChangeOnceInCommitOrder() throws Exception {
        StreamExecutionEnvironment env = environment();
        List<String> printed =
                run(
                        ExactlyOnceChangelogJob.orders(
                                env,
                                ExactlyOnceChangelogJob.source(KAFKA.bootstrapServers(), TOPIC)
                                        .setBounded(OffsetsInitializer.latest())));

        assertThat(printed).containsExactlyElementsOf(lines(e -> !e.isReplay()));
    }

    /** One source instance per partition: none holds the exactly-once watermark back. */
    private static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(PARTITIONS);
    }

    private static List<String> run(DataStream<String> lines) throws Exception {
        List<String> printed = new ArrayList<>();
        try (CloseableIterator<String> it = lines.executeAndCollect()) {
            it.forEachRemaining(printed::add);
        }
        return printed;
    }

    /**
     * What {@link Orders#describe} must print for the orders' row events {@code which} accepts, in
     * the order TiCDC wrote them (all orders are in one partition, as TiCDC's table dispatcher puts
     * them).
     */
    private static List<String> lines(Predicate<TiCdcChangefeed.Event> which) {
        List<String> lines = new ArrayList<>();
        for (TiCdcChangefeed.Event e : shop.events()) {
            if (!isOrder(e) || !which.test(e)) {
                continue;
            }
            Function<Map<String, String>, String> line =
                    order ->
                            String.format(
                                    "order %s of customer %s: %s %s (commit ts %d)",
                                    order.get("id"),
                                    order.get("customer_id"),
                                    order.get("amount"),
                                    order.get("status"),
                                    e.commitTs());
            switch (e.type()) {
                case "INSERT":
                    lines.add("+I " + line.apply(e.after()));
                    break;
                case "UPDATE":
                    lines.add("-U " + line.apply(e.before()));
                    lines.add("+U " + line.apply(e.after()));
                    break;
                default:
                    lines.add("-D " + line.apply(e.after()));
            }
        }
        return lines;
    }

    private static boolean isOrder(TiCdcChangefeed.Event e) {
        return e.isRow() && e.table().name().equals("orders");
    }
}
