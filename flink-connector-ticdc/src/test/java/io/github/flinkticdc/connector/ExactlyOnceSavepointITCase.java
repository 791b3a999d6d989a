package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code 'consistency' = 'exactly-once'} across a stop with a savepoint and a new job restored from
 * it: what the first job emitted and what the second emits are together the changelog TiDB
 * committed, once each, each key's changes in commit order. The first job stops while rows after
 * TiCDC's last watermark wait in its state; the topic then gets a TiCDC restart that writes again
 * rows the first job had released and rows it held, and more transactions. Both jobs read
 * unbounded, as a restored job does; the second is cancelled once it has emitted what TiCDC's last
 * watermark releases, and a second later, so that a row too many would show.
 */
class ExactlyOnceSavepointITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PARTITIONS = 3;
    private static final long TIMEOUT_SECONDS = 60;

    /** What the jobs emitted, in the order they emitted it. */
    private static final Queue<Row> EMITTED = new ConcurrentLinkedQueue<>();

    @Test
    void aJobRestoredFromASavepointEmitsEachCommittedChangeOnce(@TempDir Path savepoints)
            throws Exception {
        String topic = "exactly-once-savepoint";
        KAFKA.broker().createTopic(topic, PARTITIONS);
        EMITTED.clear();
        TiCdcChangefeed feed = feed(topic);
        List<String> savepoint = new ArrayList<>();
        long lastCommitTs =
                play(
                        feed,
                        () -> {
                            feed.sendTo(KAFKA.broker());
                            JobClient first = start(topic, null);
                            awaitEmitted(KeyValueShop.committed(feed).size() / 2);
                            savepoint.add(
                                    first.stopWithSavepoint(
                                                    false,
                                                    savepoints.toUri().toString(),
                                                    SavepointFormatType.CANONICAL)
                                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                        });
        int byTheFirstJob = EMITTED.size();
        feed.sendTo(KAFKA.broker());
        // The rows of the last transaction share the last watermark's millisecond: an unbounded
        // read holds them until a later watermark, which this changefeed never sends.
        List<Row> committed =
                KeyValueShop.committed(feed).stream()
                        .filter(row -> (long) row.getField(2) < lastCommitTs)
                        .collect(Collectors.toList());
        JobClient second = start(topic, savepoint.get(0));
        awaitEmitted(committed.size());
        // Time for any row too many to show.
        Thread.sleep(1000);
        second.cancel().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        List<Row> emitted = new ArrayList<>(EMITTED);
        assertThat(byTheFirstJob)
                .as("rows the first job emitted")
                .isBetween(1, committed.size() - 1);
        assertThat(emitted).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(KeyValueShop.byKey(emitted)).isEqualTo(KeyValueShop.byKey(committed));
    }

    private static TiCdcChangefeed feed(String topic) {
        return new TiCdcChangefeed(topic, PARTITIONS, CanalJsonWriter.create(), 1_720_000_000_000L);
    }

    /** What is done where the first job stops. */
    @FunctionalInterface
    private interface AtTheStop {
        void run() throws Exception;
    }

    /**
     * Plays the changefeed: 24 transactions with watermarks, 3 more after the last watermark (which
     * the first job holds when it stops), {@code atTheStop}, then a TiCDC restart from the
     * watermark three back, 12 more transactions and a last watermark.
     *
     * @return the commit TSO of the last transaction
     */
    private static long play(TiCdcChangefeed feed, AtTheStop atTheStop) throws Exception {
        KeyValueShop shop = new KeyValueShop(20261203L);
        List<Long> watermarks = new ArrayList<>();
        transactions(feed, shop, 24, watermarks);
        transactions(feed, shop, 3, new ArrayList<>());
        atTheStop.run();
        assertThat(feed.restartFrom(watermarks.get(watermarks.size() - 3))).isPositive();
        transactions(feed, shop, 11, watermarks);
        long last = shop.transaction(feed);
        feed.watermark();
        return last;
    }

    /** {@code transactions} more, with a watermark after every fourth. */
    private static void transactions(
            TiCdcChangefeed feed, KeyValueShop shop, int transactions, List<Long> watermarks) {
        for (int tx = 1; tx <= transactions; tx++) {
            long commitTs = shop.transaction(feed);
            if (tx % 4 == 0) {
                feed.watermark();
                watermarks.add(commitTs);
            }
        }
    }

    private static void awaitEmitted(long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (EMITTED.size() < rows) {
            assertThat(System.nanoTime()).as("time left for %s rows", rows).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * The same job both times: every table of the topic, unbounded, through the {@code ticdc}
     * connector into {@link #EMITTED}, restored from {@code savepoint} if given.
     */
    private static JobClient start(String topic, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.setString("execution.state-recovery.path", savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE shop (id BIGINT, v STRING,"
                        + " commit_ts BIGINT METADATA FROM 'commit-ts') WITH ("
                        + "'connector' = 'ticdc', 'protocol' = 'canal-json',"
                        + " 'consistency' = 'exactly-once', 'topic' = '"
                        + topic
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'scan.startup.mode' = 'earliest-offset')");
        DataStream<Row> changelog = tEnv.toChangelogStream(tEnv.from("shop"));
        changelog
                .map(
                        row -> {
                            EMITTED.add(row);
                            return row;
                        },
                        changelog.getType())
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("exactly-once savepoint");
    }
}
