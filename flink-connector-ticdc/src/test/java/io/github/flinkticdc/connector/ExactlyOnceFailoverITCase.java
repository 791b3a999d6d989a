package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.connector.testutil.TaskManagerLoss;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code 'consistency' = 'exactly-once'} through Flink failovers: a checkpointed job reads a topic
 * with TiCDC's replays, restarts four times, and its output as of its latest completed checkpoint
 * must be the changelog TiDB committed: nothing lost, nothing repeated, each key's changes in
 * commit order.
 *
 * <p>The topic is written in three phases. The second and third begin with a TiCDC restart, which
 * writes again the rows and watermarks after the watermark two before the newest: rows the job has
 * released before its last checkpoint, and rows it still holds. The failures:
 *
 * <ol>
 *   <li>once the job has checkpointed what the first phase's last watermark released, its
 *       TaskManager is lost, before the TiCDC replays that follow are written: the job restores
 *       from that checkpoint and then reads the replays;
 *   <li>an exception in an operator chained to the commit-order operator, at the row after of an
 *       update (its row before already emitted): a release stops half-way;
 *   <li>the TaskManager is lost while that operator holds the row after of a later update, again
 *       half-way through a release;
 *   <li>an exception at the row after of the last update, which only the final watermark of the
 *       bounded read releases.
 * </ol>
 *
 * <p>The chosen rows are of one table, so that one subtask meets them in commit order, one failure
 * after the other.
 */
class ExactlyOnceFailoverITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** One TaskManager with two slots: the job runs on it, and losing it stops all of the job. */
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PARTITIONS = 3;
    private static final long SEED = 20261202L;
    private static final TiDbTable FAILING_TABLE = KeyValueShop.TABLES.get(0);

    /** Transactions per phase; a watermark after every fourth and at the end of each phase. */
    private static final int[] PHASES = {12, 8, 12};

    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    /** How the job fails at a chosen row. */
    private enum Failure {
        EXCEPTION,
        TASK_MANAGER_LOST
    }

    /** The rows at which {@link FailAtChosenRows} fails, once each. */
    private static final Map<Row, Failure> FAIL_AT = new ConcurrentHashMap<>();

    /** The row at which {@link FailAtChosenRows} waits for its TaskManager to be lost. */
    private static final BlockingQueue<Row> WAITING_AT = new LinkedBlockingQueue<>();

    @Test
    void theOutputIsTheCommittedChangelogThroughFailovers(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        TaskManagerLoss taskManager = new TaskManagerLoss(cluster);
        String topic = "exactly-once-failover";
        KAFKA.broker().createTopic(topic, PARTITIONS);
        TiCdcChangefeed dryRun = feed(topic);
        List<Long> phaseEnds = play(dryRun, new KeyValueShop(SEED), end -> {});
        FAIL_AT.clear();
        FAIL_AT.put(firstUpdateIn(dryRun, phaseEnds.get(0), phaseEnds.get(1)), Failure.EXCEPTION);
        Row lostAt = firstUpdateIn(dryRun, phaseEnds.get(1), phaseEnds.get(2));
        FAIL_AT.put(lostAt, Failure.TASK_MANAGER_LOST);
        FAIL_AT.put(lastUpdate(dryRun), Failure.EXCEPTION);
        WAITING_AT.clear();
        Committed.reset();

        TiCdcChangefeed feed = feed(topic);
        List<JobClient> job = new ArrayList<>();
        play(
                feed,
                new KeyValueShop(SEED),
                firstPhaseEnd -> {
                    feed.sendTo(KAFKA.broker());
                    job.add(start(topic, endOffsets(dryRun)));
                    Committed.awaitWatermark(Tso.physicalMillis(firstPhaseEnd) - 1, job.get(0));
                    taskManager.loseAndReplace();
                });
        feed.sendTo(KAFKA.broker());
        assertThat(WAITING_AT.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(lostAt);
        taskManager.loseAndReplace();
        job.get(0).getJobExecutionResult().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(endOffsets(feed)).as("records per partition").isEqualTo(endOffsets(dryRun));
        assertThat(FAIL_AT).as("chosen rows the job has not failed at").isEmpty();
        assertThat(Committed.restarts()).as("restarts of the job").isGreaterThanOrEqualTo(4);
        List<Row> committed = KeyValueShop.committed(feed);
        assertThat(Committed.rows()).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(KeyValueShop.byKey(Committed.rows())).isEqualTo(KeyValueShop.byKey(committed));
    }

    private static TiCdcChangefeed feed(String topic) {
        return new TiCdcChangefeed(topic, PARTITIONS, CanalJsonWriter.create(), 1_720_000_000_000L);
    }

    /** What is done once the first phase is played, with its last watermark. */
    @FunctionalInterface
    private interface FirstPhaseEnd {
        void accept(long watermark) throws Exception;
    }

    /**
     * Plays the phases into {@code feed}: after the first each begins with a TiCDC restart from the
     * watermark two before the newest; the last ends with one more update of the failing table, in
     * a transaction of its own, that only the final watermark of the bounded read releases.
     *
     * @return each phase's last watermark
     */
    private static List<Long> play(
            TiCdcChangefeed feed, KeyValueShop shop, FirstPhaseEnd firstPhaseEnd) throws Exception {
        List<Long> watermarks = new ArrayList<>();
        List<Long> phaseEnds = new ArrayList<>();
        for (int phase = 0; phase < PHASES.length; phase++) {
            if (phase > 0) {
                assertThat(feed.restartFrom(watermarks.get(watermarks.size() - 2))).isPositive();
            }
            for (int tx = 1; tx <= PHASES[phase]; tx++) {
                long commitTs = shop.transaction(feed);
                if (tx % 4 == 0 || tx == PHASES[phase]) {
                    feed.watermark();
                    watermarks.add(commitTs);
                }
            }
            phaseEnds.add(watermarks.get(watermarks.size() - 1));
            if (phase == 0) {
                firstPhaseEnd.accept(phaseEnds.get(0));
            }
        }
        long id = shop.liveId(FAILING_TABLE);
        feed.update(FAILING_TABLE, TiDbTable.key(id), Map.of("v", "final"));
        feed.watermark();
        return phaseEnds;
    }

    /** Where each partition ends: canal-json writes one record per event. */
    private static String endOffsets(TiCdcChangefeed feed) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (TiCdcChangefeed.Event e : feed.events()) {
            counts.merge(e.partition(), 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .map(c -> "partition:" + c.getKey() + ",offset:" + c.getValue())
                .collect(Collectors.joining(";"));
    }

    /**
     * The row after of the failing table's first update between two watermarks: its row before
     * comes first in the same release, so that failing at it stops the release half-way.
     */
    private static Row firstUpdateIn(TiCdcChangefeed feed, long after, long upTo) {
        return updates(feed).stream()
                .filter(e -> e.commitTs() > after && e.commitTs() <= upTo)
                .findFirst()
                .map(e -> KeyValueShop.row(RowKind.UPDATE_AFTER, e.after(), e.commitTs()))
                .orElseThrow();
    }

    /** The row after of the last update, which the final watermark releases. */
    private static Row lastUpdate(TiCdcChangefeed feed) {
        List<TiCdcChangefeed.Event> updates = updates(feed);
        TiCdcChangefeed.Event last = updates.get(updates.size() - 1);
        assertThat(last.after()).containsEntry("v", "final");
        return KeyValueShop.row(RowKind.UPDATE_AFTER, last.after(), last.commitTs());
    }

    /** The first copies of the failing table's updates that keep the key. */
    private static List<TiCdcChangefeed.Event> updates(TiCdcChangefeed feed) {
        return feed.events().stream()
                .filter(e -> !e.isReplay() && "UPDATE".equals(e.type()))
                .filter(e -> FAILING_TABLE.equals(e.table()))
                .collect(Collectors.toList());
    }

    /**
     * The job: every table of the topic through the {@code ticdc} connector, checkpointed every 100
     * ms, restarted after each failure, its changelog through {@link FailAtChosenRows} into {@link
     * CommittedChangelog}.
     */
    private static JobClient start(String topic, String endOffsets) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE shop (id BIGINT, v STRING,"
                        + " commit_ts BIGINT METADATA FROM 'commit-ts') WITH ("
                        + "'connector' = 'ticdc',"
                        + "'protocol' = 'canal-json',"
                        + "'consistency' = 'exactly-once',"
                        + "'topic' = '"
                        + topic
                        + "',"
                        + "'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "',"
                        + "'scan.startup.mode' = 'earliest-offset',"
                        + "'scan.bounded.mode' = 'specific-offsets',"
                        + "'scan.bounded.specific-offsets' = '"
                        + endOffsets
                        + "')");
        DataStream<Row> changelog = tEnv.toChangelogStream(tEnv.from("shop"));
        changelog
                .map(new FailAtChosenRows(), changelog.getType())
                .transform(
                        "CommittedChangelog",
                        Types.VOID,
                        new CommittedChangelog(changelog.getType()))
                .setParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .setParallelism(1);
        return env.executeAsync("exactly-once failover");
    }

    /**
     * Fails at each row of {@link #FAIL_AT} the first time it passes: throws, or waits in {@link
     * #WAITING_AT} until the TaskManager, shutting down, interrupts it.
     */
    private static final class FailAtChosenRows implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row map(Row row) throws InterruptedException {
            Failure failure = FAIL_AT.remove(row);
            if (failure == Failure.TASK_MANAGER_LOST) {
                WAITING_AT.put(row);
                new CountDownLatch(1).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new IllegalStateException("The TaskManager was not lost at " + row);
            }
            if (failure == Failure.EXCEPTION) {
                throw new IllegalStateException("Failing on purpose at " + row);
            }
            return row;
        }
    }

    /**
     * A transactional sink, as far as the test needs one: keeps every row it receives in operator
     * state and, when a checkpoint completes (or the job restores from one), makes that
     * checkpoint's rows {@link Committed}. Rows after the latest completed checkpoint are not
     * committed, and a restore brings back exactly the committed ones.
     */
    private static final class CommittedChangelog extends AbstractStreamOperator<Void>
            implements OneInputStreamOperator<Row, Void> {
        private static final long serialVersionUID = 1L;

        private final TypeInformation<Row> rowType;

        private transient ListState<Row> state;
        private transient List<Row> rows;
        private transient Map<Long, Snapshot> snapshots;
        private transient long watermark;

        CommittedChangelog(TypeInformation<Row> rowType) {
            this.rowType = rowType;
        }

        @Override
        public void initializeState(StateInitializationContext context) throws Exception {
            super.initializeState(context);
            state =
                    context.getOperatorStateStore()
                            .getListState(new ListStateDescriptor<>("rows", rowType));
            rows = new ArrayList<>();
            state.get().forEach(rows::add);
            snapshots = new HashMap<>();
            watermark = Long.MIN_VALUE;
            Committed.started(getRuntimeContext().getTaskInfo().getAttemptNumber());
            if (context.isRestored()) {
                Committed.publish(new Snapshot(rows, Long.MIN_VALUE));
            }
        }

        @Override
        public void processElement(StreamRecord<Row> element) {
            rows.add(element.getValue());
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            super.processWatermark(mark);
            watermark = mark.getTimestamp();
        }

        @Override
        public void snapshotState(StateSnapshotContext context) throws Exception {
            super.snapshotState(context);
            state.update(rows);
            snapshots.put(context.getCheckpointId(), new Snapshot(rows, watermark));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            super.notifyCheckpointComplete(checkpointId);
            Snapshot snapshot = snapshots.remove(checkpointId);
            snapshots.keySet().removeIf(id -> id < checkpointId);
            if (snapshot != null) {
                Committed.publish(snapshot);
            }
        }
    }

    /** The rows of a checkpoint and the watermark the sink had then. */
    private static final class Snapshot {
        final List<Row> rows;
        final long watermark;

        Snapshot(List<Row> rows, long watermark) {
            this.rows = List.copyOf(rows);
            this.watermark = watermark;
        }
    }

    /** What the job has committed: the sink's rows as of its latest completed checkpoint. */
    private static final class Committed {
        private static final Object LOCK = new Object();
        private static List<Row> rows;
        private static long watermark;
        private static int restarts;

        static void reset() {
            synchronized (LOCK) {
                rows = List.of();
                watermark = Long.MIN_VALUE;
                restarts = 0;
            }
        }

        static void publish(Snapshot snapshot) {
            synchronized (LOCK) {
                rows = snapshot.rows;
                watermark = Math.max(watermark, snapshot.watermark);
                LOCK.notifyAll();
            }
        }

        /** The sink started in its {@code attempt}th restart. */
        static void started(int attempt) {
            synchronized (LOCK) {
                restarts = Math.max(restarts, attempt);
            }
        }

        static List<Row> rows() {
            synchronized (LOCK) {
                return rows;
            }
        }

        static int restarts() {
            synchronized (LOCK) {
                return restarts;
            }
        }

        /** Waits until a checkpoint taken at {@code atLeast} or a later watermark is committed. */
        static void awaitWatermark(long atLeast, JobClient job) throws Exception {
            CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            synchronized (LOCK) {
                while (watermark < atLeast) {
                    if (result.isDone()) {
                        result.get();
                        throw new IllegalStateException(
                                "The job ended before watermark " + atLeast);
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    assertThat(left).as("ms left to commit watermark %s", atLeast).isPositive();
                    LOCK.wait(Math.min(left, 100));
                }
            }
        }
    }
}
