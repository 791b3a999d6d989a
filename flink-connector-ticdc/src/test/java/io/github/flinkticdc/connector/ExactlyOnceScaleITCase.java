package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exactly-once} at scale: a changefeed of {@code scale.events} events (20,000 in the normal
 * build; 1,000,000 with {@code -Pexactly-once-scale}) over three tables in three partitions, with a
 * watermark every 50 transactions and three TiCDC restarts, each from the watermark ten back. The
 * net count and id sum of every table read under {@code exactly-once} equal what the tables hold;
 * {@code at-least-once} on the same topic does not. Both reads are timed in the same JVM, and the
 * figures printed: records and events per second of each mode, and their ratio.
 */
class ExactlyOnceScaleITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String TOPIC = "exactly-once-scale";
    private static final int PARTITIONS = 3;
    private static final int EVENTS = Integer.getInteger("scale.events", 20_000);

    private static TiCdcChangefeed feed;
    private static long records;
    private static TableEnvironment tEnv;

    @BeforeAll
    static void replicate() {
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        feed = new TiCdcChangefeed(TOPIC, PARTITIONS, CanalJsonWriter.create(), 1_720_000_000_000L);
        KeyValueShop shop = new KeyValueShop(1201L);
        List<Long> watermarks = new java.util.ArrayList<>();
        int restarts = 0;
        for (int tx = 1; feed.events().size() < EVENTS; tx++) {
            shop.transaction(feed);
            if (tx % 50 == 0) {
                feed.watermark();
                watermarks.add(feed.events().get(feed.events().size() - 1).commitTs());
            }
            if (restarts < 3 && feed.events().size() >= (restarts + 1) * EVENTS / 4) {
                feed.restartFrom(watermarks.get(Math.max(0, watermarks.size() - 10)));
                restarts++;
            }
            if (feed.unsentEvents().size() >= 20_000) {
                records += send();
            }
        }
        feed.watermark();
        records += send();
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    /** Writes what is not sent yet; returns how many Kafka records that was. */
    private static long send() {
        long before = feed.unsentEvents().size();
        feed.sendTo(KAFKA.broker());
        return before;
    }

    @Test
    void exactlyOnceIsTheTablesTruthAtScaleAndAtLeastOnceIsNot() {
        long started = System.nanoTime();
        Map<String, Row> exactlyOnce = netCountAndIdSum("exactly-once");
        double exactlySeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        Map<String, Row> atLeastOnce = netCountAndIdSum("at-least-once");
        double atLeastSeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(
                "exactly-once at scale: %,d events in %,d records; exactly-once %.1f s (%,.0f"
                        + " records/s), at-least-once %.1f s (%,.0f records/s); ratio %.2f%n",
                feed.events().size(),
                records,
                exactlySeconds,
                records / exactlySeconds,
                atLeastSeconds,
                records / atLeastSeconds,
                atLeastSeconds / exactlySeconds);
        for (TiDbTable table : KeyValueShop.TABLES) {
            assertThat(exactlyOnce.get(table.name()))
                    .as("net count and id sum of %s", table.name())
                    .isEqualTo(truth(table));
        }
        assertThat(atLeastOnce).isNotEqualTo(exactlyOnce);
    }

    /** What the table holds: its number of rows and the sum of their ids. */
    private static Row truth(TiDbTable table) {
        List<Map<String, String>> rows = feed.rows(table);
        long ids = rows.stream().mapToLong(r -> Long.parseLong(r.get("id"))).sum();
        return Row.of((long) rows.size(), ids);
    }

    /** Per table, the changelog's net row count and id sum, from one bounded job. */
    private static Map<String, Row> netCountAndIdSum(String consistency) {
        String name = "scale_" + consistency.replace('-', '_');
        tEnv.executeSql(
                "CREATE TABLE "
                        + name
                        + " (id BIGINT, v STRING, tbl STRING METADATA FROM 'table' VIRTUAL) WITH ("
                        + "'connector' = 'ticdc', 'protocol' = 'canal-json',"
                        + "'consistency' = '"
                        + consistency
                        + "', 'topic' = '"
                        + TOPIC
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset')");
        Map<String, Row> result = new java.util.TreeMap<>();
        for (Row row :
                CollectionUtil.iteratorToList(
                        tEnv.executeSql(
                                        "SELECT tbl, COUNT(*), SUM(id) FROM "
                                                + name
                                                + " GROUP BY tbl")
                                .collect())) {
            switch (row.getKind()) {
                case INSERT:
                case UPDATE_AFTER:
                    result.put((String) row.getField(0), Row.of(row.getField(1), row.getField(2)));
                    break;
                default:
                    result.remove((String) row.getField(0));
            }
        }
        return result;
    }
}
