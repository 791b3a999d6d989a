package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.ordering.CommitOrderOperator;
import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.connector.testutil.TaskManagerLoss;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.test.junit5.InjectMiniCluster;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exactly-once} at scale: a changefeed of {@code scale.events} events (20,000 in the normal
 * build; 1,000,000 with {@code -Pexactly-once-scale}) over three tables in three partitions, with a
 * watermark every 50 transactions and three TiCDC restarts, each from the watermark ten back. The
 * net count and id sum of every table read under {@code exactly-once} equal what the tables hold;
 * {@code at-least-once} on the same topic does not. Both reads are timed in the same JVM, and the
 * figures printed: records per second of each mode and their ratio, the most rows the commit-order
 * operators held at once, and the largest checkpoint.
 *
 * <p>A third read, {@code exactly-once} again, fails over four times while it runs, alternately by
 * an exception in an operator after the commit-order operator and by the loss of its TaskManager,
 * at a fifth, two fifths, ... of the rows; its result must be the tables' truth too. The query's
 * result is collected with checkpointing on, so that it is exactly-once itself: a failover that
 * lost or repeated a row would show in the count or the sum.
 */
public class ExactlyOnceScaleITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    /** One TaskManager with two slots, as the other ITCases; its metrics are kept. */
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            MiniClusters.extension(METRICS.addToConfiguration(new Configuration()));

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
    void exactlyOnceIsTheTablesTruthAtScaleAndAtLeastOnceIsNot(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        // Made here, not in @BeforeAll: only in a test method is the extension's cluster, whose
        // metrics are kept, the context environment.
        TableEnvironment tEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.getConfig().set("execution.checkpointing.interval", "1 s");
        tEnv.getConfig().set("restart-strategy.type", "fixed-delay");
        tEnv.getConfig().set("restart-strategy.fixed-delay.attempts", "10");
        tEnv.getConfig().set("restart-strategy.fixed-delay.delay", "100 ms");
        tEnv.createTemporarySystemFunction("fail_at_row_counts", FailAtRowCounts.class);

        Run exactlyOnce = netCountAndIdSum(tEnv, "exactly-once", "id", job -> {});
        Run atLeastOnce = netCountAndIdSum(tEnv, "at-least-once", "id", job -> {});
        // Frequent checkpoints, so that even the normal build's short run completes some between
        // failovers.
        tEnv.getConfig().set("execution.checkpointing.interval", "100 ms");
        Failovers failovers = new Failovers(new TaskManagerLoss(cluster), firstCopies());
        Run throughFailovers =
                netCountAndIdSum(tEnv, "exactly-once", "fail_at_row_counts(id)", failovers::next);

        System.out.printf(
                "exactly-once at scale: %,d events in %,d records; exactly-once %.1f s (%,.0f"
                        + " records/s, at most %,d rows buffered, largest checkpoint %,d bytes),"
                        + " at-least-once %.1f s (%,.0f records/s); ratio %.2f; exactly-once"
                        + " through %d failovers %.1f s%n",
                feed.events().size(),
                records,
                exactlyOnce.seconds,
                records / exactlyOnce.seconds,
                exactlyOnce.peakBuffered,
                exactlyOnce.largestCheckpoint,
                atLeastOnce.seconds,
                records / atLeastOnce.seconds,
                atLeastOnce.seconds / exactlyOnce.seconds,
                failovers.done(),
                throughFailovers.seconds);
        for (TiDbTable table : KeyValueShop.TABLES) {
            assertThat(exactlyOnce.tables.get(table.name()))
                    .as("net count and id sum of %s", table.name())
                    .isEqualTo(truth(table));
        }
        assertThat(atLeastOnce.tables).isNotEqualTo(exactlyOnce.tables);
        assertThat(exactlyOnce.peakBuffered).as("rows seen waiting for the watermark").isPositive();
        assertThat(failovers.done()).as("failovers of the third read").isEqualTo(FAILOVERS.size());
        assertThat(throughFailovers.tables)
                .as("net count and id sum per table through failovers")
                .isEqualTo(exactlyOnce.tables);
    }

    /** How many first copies of row changes the changefeed holds: its replays left out. */
    private static long firstCopies() {
        return feed.events().stream().filter(e -> !e.isReplay() && e.isRow()).count();
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
     * Per table, the changelog's net row count and the sum of {@code idSum}, from one bounded job;
     * with its wall time, and the most rows its commit-order operators held at once and its largest
     * checkpoint. Both are sampled every 10 ms, and each time {@code watch} is given the job.
     */
    private static Run netCountAndIdSum(
            TableEnvironment tEnv, String consistency, String idSum, Consumer<JobID> watch)
            throws Exception {
        String name = "scale_" + consistency.replace('-', '_');
        tEnv.executeSql(
                "CREATE TABLE IF NOT EXISTS "
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
                tEnv.executeSql(
                        "SELECT tbl, COUNT(*), SUM(" + idSum + ") FROM " + name + " GROUP BY tbl");
        JobID job = result.getJobClient().orElseThrow().getJobID();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> {
                    sample(job, run);
                    watch.accept(job);
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
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

    /** How the third read fails over, in turn. */
    private enum Failover {
        EXCEPTION,
        TASK_MANAGER_LOST
    }

    private static final List<Failover> FAILOVERS =
            List.of(
                    Failover.EXCEPTION,
                    Failover.TASK_MANAGER_LOST,
                    Failover.EXCEPTION,
                    Failover.TASK_MANAGER_LOST);

    /**
     * Loses the TaskManager when {@link FailAtRowCounts} asks for it; called every 10 ms while the
     * job runs.
     */
    private static final class Failovers {
        private final TaskManagerLoss taskManager;
        private int lost;

        Failovers(TaskManagerLoss taskManager, long firstCopies) {
            this.taskManager = taskManager;
            FailAtRowCounts.reset(firstCopies / (FAILOVERS.size() + 1));
        }

        synchronized int done() {
            return FailAtRowCounts.thrown() + lost;
        }

        synchronized void next(JobID job) {
            if (FailAtRowCounts.LOSE_TASK_MANAGER.poll() == null) {
                return;
            }
            try {
                taskManager.loseAndReplace();
            } catch (Exception e) {
                throw new IllegalStateException("Could not lose the TaskManager", e);
            }
            lost++;
        }
    }

    /**
     * The identity on ids, which counts the rows that pass it and fails the job over at every
     * {@code spacing}th: the next of {@link #FAILOVERS}, by throwing or by waiting until {@link
     * Failovers} has lost its TaskManager. The count includes the rows read again after each
     * restore, so every failover happens, however fast the job. Its state is static: the
     * MiniCluster runs in the test's JVM, and a failover must not reset it.
     */
    public static final class FailAtRowCounts extends ScalarFunction {
        private static final long serialVersionUID = 1L;

        static final BlockingQueue<Long> LOSE_TASK_MANAGER = new LinkedBlockingQueue<>();
        private static final AtomicLong ROWS = new AtomicLong();
        private static final AtomicInteger THROWN = new AtomicInteger();
        private static volatile long spacing;

        static void reset(long spacing) {
            FailAtRowCounts.spacing = spacing;
            ROWS.set(0);
            THROWN.set(0);
            LOSE_TASK_MANAGER.clear();
        }

        static int thrown() {
            return THROWN.get();
        }

        public Long eval(Long id) throws InterruptedException {
            long rows = ROWS.incrementAndGet();
            long failover = rows / spacing;
            if (rows % spacing != 0 || failover > FAILOVERS.size()) {
                return id;
            }
            if (FAILOVERS.get((int) failover - 1) == Failover.EXCEPTION) {
                THROWN.incrementAndGet();
                throw new IllegalStateException("Failing over on purpose at row " + rows);
            }
            LOSE_TASK_MANAGER.put(rows);
            // The TaskManager's shutdown interrupts this wait.
            new CountDownLatch(1).await(1, TimeUnit.MINUTES);
            throw new IllegalStateException("The TaskManager was not lost at row " + rows);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }
}
