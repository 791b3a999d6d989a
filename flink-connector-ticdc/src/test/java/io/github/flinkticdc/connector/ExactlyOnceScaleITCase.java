package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.ordering.CommitOrderOperator;
import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exactly-once} at scale: a changefeed of {@code scale.events} events (20,000 in the normal
 * build; 1,000,000 with {@code -Pexactly-once-scale}) over three tables in three partitions, with a
 * watermark every 50 transactions and three TiCDC restarts, each from the watermark ten back. The
 * net count and id sum of every table read under {@code exactly-once} equal what the tables hold;
 * {@code at-least-once} on the same topic does not. Both reads are timed in the same JVM, and the
 * figures printed: records per second of each mode and their ratio, the most rows the commit-order
 * operators held at once, and the largest checkpoint.
 */
class ExactlyOnceScaleITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    /** One TaskManager with two slots, as the other ITCases; its metrics are kept. */
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TOPIC = "exactly-once-scale";
    private static final int PARTITIONS = 3;
    private static final int EVENTS = Integer.getInteger("scale.events", 20_000);

    private static TiCdcChangefeed feed;
    private static long records;

    @BeforeAll
    static void replicate() {
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        feed = new TiCdcChangefeed(TOPIC, PARTITIONS, CanalJsonWriter.create(), 1_720_000_000_000L);
        KeyValueShop shop = new KeyValueShop(1201L);
        List<Long> watermarks = new ArrayList<>();
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
    }

    /** Writes what is not sent yet; returns how many Kafka records that was. */
    private static long send() {
        long before = feed.unsentEvents().size();
        feed.sendTo(KAFKA.broker());
        return before;
    }

    @Test
    void exactlyOnceIsTheTablesTruthAtScaleAndAtLeastOnceIsNot() throws Exception {
        // Made here, not in @BeforeAll: only in a test method is the extension's cluster, whose
        // metrics are kept, the context environment.
        TableEnvironment tEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.getConfig().set("execution.checkpointing.interval", "1 s");

        Run exactlyOnce = netCountAndIdSum(tEnv, "exactly-once");
        Run atLeastOnce = netCountAndIdSum(tEnv, "at-least-once");

        System.out.printf(
                "exactly-once at scale: %,d events in %,d records; exactly-once %.1f s (%,.0f"
                        + " records/s, at most %,d rows buffered, largest checkpoint %,d bytes),"
                        + " at-least-once %.1f s (%,.0f records/s); ratio %.2f%n",
                feed.events().size(),
                records,
                exactlyOnce.seconds,
                records / exactlyOnce.seconds,
                exactlyOnce.peakBuffered,
                exactlyOnce.largestCheckpoint,
                atLeastOnce.seconds,
                records / atLeastOnce.seconds,
                atLeastOnce.seconds / exactlyOnce.seconds);
        for (TiDbTable table : KeyValueShop.TABLES) {
            assertThat(exactlyOnce.tables.get(table.name()))
                    .as("net count and id sum of %s", table.name())
                    .isEqualTo(truth(table));
        }
        assertThat(atLeastOnce.tables).isNotEqualTo(exactlyOnce.tables);
        assertThat(exactlyOnce.peakBuffered).as("rows seen waiting for the watermark").isPositive();
    }

    /** What the table holds: its number of rows and the sum of their ids. */
    private static Row truth(TiDbTable table) {
        List<Map<String, String>> rows = feed.rows(table);
        long ids = rows.stream().mapToLong(r -> Long.parseLong(r.get("id"))).sum();
        return Row.of((long) rows.size(), ids);
    }

    /** What one bounded job gave, and what it took. */
    private static final class Run {
        final Map<String, Row> tables = new TreeMap<>();
        double seconds;
        volatile long peakBuffered;
        volatile long largestCheckpoint;
    }

    /**
     * Per table, the changelog's net row count and id sum, from one bounded job; with its wall
     * time, and the most rows its commit-order operators held at once and its largest checkpoint,
     * both sampled every 10 ms.
     */
    private static Run netCountAndIdSum(TableEnvironment tEnv, String consistency)
            throws Exception {
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
        Run run = new Run();
        long started = System.nanoTime();
        TableResult result =
                tEnv.executeSql("SELECT tbl, COUNT(*), SUM(id) FROM " + name + " GROUP BY tbl");
        JobID job = result.getJobClient().orElseThrow().getJobID();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> sample(job, run), 0, 10, TimeUnit.MILLISECONDS);
        try (CloseableIterator<Row> rows = result.collect()) {
            rows.forEachRemaining(row -> apply(run.tables, row));
        } finally {
            sampler.shutdownNow();
        }
        run.seconds = (System.nanoTime() - started) / 1e9;
        return run;
    }

    private static void sample(JobID job, Run run) {
        run.peakBuffered = Math.max(run.peakBuffered, sum(job, CommitOrderOperator.ROWS_BUFFERED));
        run.largestCheckpoint = Math.max(run.largestCheckpoint, sum(job, "lastCheckpointSize"));
    }

    /** The sum of a gauge over the job's metric groups (e.g. every commit-order operator). */
    private static long sum(JobID job, String gauge) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                METRICS.getMetricsByGroup().entrySet()) {
            Metric metric = group.getValue().get(gauge);
            if (metric instanceof Gauge
                    && job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
                Object value = ((Gauge<?>) metric).getValue();
                sum += value instanceof Number ? ((Number) value).longValue() : 0;
            }
        }
        return sum;
    }

    /** A row of the aggregate's changelog applied to its result. */
    private static void apply(Map<String, Row> tables, Row row) {
        switch (row.getKind()) {
            case INSERT:
            case UPDATE_AFTER:
                tables.put((String) row.getField(0), Row.of(row.getField(1), row.getField(2)));
                break;
            default:
                tables.remove((String) row.getField(0));
        }
    }
}
