package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBroker;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline of the project's seed, with real parts: TiCDC-shaped canal-json INSERTs in topic
 * {@code ticdc-test} on a real broker, read by Flink SQL's {@code kafka} connector with {@code
 * 'format' = 'ticdc-canal'}.
 */
class TiCdcCanalSeedITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final TiDbTable T1 = TiDbTable.of("test", "t1").pk("id", "int");
    private static final CanalJsonWriter TICDC = CanalJsonWriter.create();
    private static final long COMMIT_MILLIS = 1_700_000_000_000L;

    private TableEnvironment tEnv;

    @BeforeEach
    void createTableEnvironment() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @Test
    void selectReturnsTheInsertedRows() {
        KafkaBroker broker = KAFKA.broker();
        broker.createTopic("ticdc-test", 1);
        broker.produce("ticdc-test", 0, inserts(1, 2, 3));

        tEnv.executeSql(createT1("ticdc-test", "earliest-offset", true));
        List<Row> rows =
                CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM t1").collect());

        assertThat(rows).containsExactly(Row.of(1), Row.of(2), Row.of(3));
    }

    /**
     * The seed's {@code latest-offset} job: it must see what arrives after it started and nothing
     * from before. To know when the job's consumer is in place without guessing a delay, a probe
     * row (id 0) is written until the job returns one; only then are the real rows written.
     */
    @Test
    void latestOffsetReadsOnlyRowsWrittenAfterTheJobStarted() throws Exception {
        KafkaBroker broker = KAFKA.broker();
        String topic = "ticdc-test-latest";
        broker.createTopic(topic, 1);
        broker.produce(topic, 0, inserts(1, 2, 3));

        tEnv.executeSql(createT1(topic, "latest-offset", false));
        List<Row> afterProbe = new ArrayList<>();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        try (CloseableIterator<Row> rows = tEnv.executeSql("SELECT * FROM t1").collect()) {
            prober.scheduleWithFixedDelay(
                    () -> broker.produce(topic, 0, inserts(0)), 0, 200, TimeUnit.MILLISECONDS);
            Row first = rows.next();
            prober.shutdown();
            assertThat(prober.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first).isEqualTo(Row.of(0));

            broker.produce(topic, 0, inserts(10, 11, 12));
            while (afterProbe.size() < 3) {
                Row row = rows.next();
                if (!row.equals(Row.of(0))) {
                    afterProbe.add(row);
                }
            }
        } finally {
            prober.shutdownNow();
        }
        assertThat(afterProbe).containsExactly(Row.of(10), Row.of(11), Row.of(12));
    }

    private static List<byte[]> inserts(int... ids) {
        List<byte[]> values = new ArrayList<>();
        for (int id : ids) {
            long commitTs = CanalJsonWriter.tso(COMMIT_MILLIS + id, 0);
            values.add(TICDC.insert(T1, commitTs, T1.row(id)));
        }
        return values;
    }

    private static String createT1(String topic, String startupMode, boolean bounded) {
        return "CREATE TABLE t1 (id INT) WITH ("
                + "'connector' = 'kafka',"
                + " 'topic' = '"
                + topic
                + "',"
                + " 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "',"
                + " 'properties.group.id' = 'seed',"
                + " 'scan.startup.mode' = '"
                + startupMode
                + "',"
                + (bounded ? " 'scan.bounded.mode' = 'latest-offset'," : "")
                + " 'format' = 'ticdc-canal')";
    }
}
