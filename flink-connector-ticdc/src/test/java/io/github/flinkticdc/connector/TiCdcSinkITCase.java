package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.CanalJsonWrites;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CollectionUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SQL job writes a changelog with TiDB commit TSOs into a {@code ticdc} sink table
 * (exactly-once, two sink instances, a topic of three partitions); the topic then holds TiCDC
 * canal-json with those TSOs, each key's changes on one partition in order, and the {@code ticdc}
 * source under {@code exactly-once} reads back the changelog in commit order.
 */
class TiCdcSinkITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String TOPIC = "written-by-ticdc-sink";
    private static final int PARTITIONS = 3;

    /**
     * Recent commits: the records' Kafka timestamps are their commit times, and the broker deletes
     * records older than its retention (7 days) within seconds of their writing.
     */
    private static final long FIRST_COMMIT_MILLIS = System.currentTimeMillis() - 60_000;

    private static final byte[] ORIGIN = "flink-sql".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The truth: what the job writes, in commit order (an update's -U and +U share a TSO). */
    private static final List<Row> CHANGELOG = changelog();

    private static StreamTableEnvironment tEnv;

    /** The topic's records once the job's transactions are committed, partition by partition. */
    private static List<ConsumerRecord<byte[], byte[]>> written;

    @BeforeAll
    static void writeTheChangelog() throws Exception {
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // Exactly-once commits the sink's transaction with a checkpoint (the final one at the end).
        env.enableCheckpointing(200);
        tEnv = StreamTableEnvironment.create(env);
        TypeInformation<Row> type =
                Types.ROW_NAMED(
                        new String[] {"id", "name", "price", "commit_ts"},
                        Types.LONG,
                        Types.STRING,
                        Types.BIG_DEC,
                        Types.LONG);
        tEnv.createTemporaryView(
                "changes",
                tEnv.fromChangelogStream(
                        env.fromData(CHANGELOG, type),
                        Schema.newBuilder()
                                .column("id", DataTypes.BIGINT().notNull())
                                .column("name", DataTypes.STRING())
                                .column("price", DataTypes.DECIMAL(10, 2))
                                .column("commit_ts", DataTypes.BIGINT())
                                .primaryKey("id")
                                .build()));
        tEnv.executeSql(
                "CREATE TABLE items_out (id BIGINT NOT NULL, name STRING, price DECIMAL(10, 2),"
                        + " commit_ts BIGINT METADATA FROM 'commit-ts',"
                        + " tidb_table STRING METADATA FROM 'table',"
                        + " kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'kafka-timestamp',"
                        + " headers MAP<STRING, BYTES> METADATA FROM 'headers',"
                        + " PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + sink(TOPIC)
                        + ", 'encode.database' = 'shop', 'encode.table' = 'not-the-rows-table',"
                        + " 'sink.delivery-guarantee' = 'exactly-once',"
                        + " 'sink.transactional-id-prefix' = 'ticdc-sink-it',"
                        + " 'properties.transaction.timeout.ms' = '600000',"
                        + " 'sink.parallelism' = '2')");
        tEnv.executeSql(
                        "INSERT INTO items_out SELECT id, name, price, commit_ts, 'items',"
                                + " TO_TIMESTAMP_LTZ(commit_ts / 262144, 3),"
                                + " CAST(MAP['origin', X'"
                                + hex(ORIGIN)
                                + "'] AS MAP<STRING, BYTES>) FROM changes")
                .await();
        written = KAFKA.broker().committedRecords(TOPIC);
    }

    @Test
    void theTopicHoldsTiCdcCanalJsonWithTheRowsMetadata() {
        assertThat(written).hasSameSizeAs(CHANGELOG);
        for (ConsumerRecord<byte[], byte[]> record : written) {
            JsonNode message = json(record.value());
            long commitTs = message.get("_tidb").get("commitTs").asLong();
            assertThat(record.key()).isNull();
            assertThat(message.get("database").asText()).isEqualTo("shop");
            assertThat(message.get("table").asText()).isEqualTo("items");
            assertThat(message.get("pkNames").get(0).asText()).isEqualTo("id");
            assertThat(message.get("isDdl").asBoolean()).isFalse();
            assertThat(message.get("es").asLong()).isEqualTo(commitTs >> 18);
            assertThat(record.timestamp()).isEqualTo(commitTs >> 18);
            assertThat(record.headers().lastHeader("origin").value()).isEqualTo(ORIGIN);
        }
    }

    @Test
    void eachKeysChangesAreOnOnePartitionInOrderWithTheirCommitTso() {
        Map<Long, List<String>> changes = new LinkedHashMap<>();
        for (Row row : CHANGELOG) {
            changes.computeIfAbsent((Long) row.getField(0), id -> new ArrayList<>())
                    .add(asEvent(row.getKind(), row.getField(1), (Long) row.getField(3)));
        }
        Map<Long, List<String>> read = new LinkedHashMap<>();
        Map<Long, Set<Integer>> partitions = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : written) {
            JsonNode message = json(record.value());
            JsonNode data = message.get("data").get(0);
            long id = data.get("id").asLong();
            read.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(
                            message.get("type").asText()
                                    + " "
                                    + data.get("name").asText()
                                    + " @"
                                    + message.get("_tidb").get("commitTs").asLong());
            partitions.computeIfAbsent(id, k -> new HashSet<>()).add(record.partition());
        }

        assertThat(read).isEqualTo(changes);
        assertThat(partitions.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        // The keys spread: a partitioner sending everything to one partition fails here.
        assertThat(partitions.values().stream().map(p -> p.iterator().next()).distinct())
                .hasSizeGreaterThan(1);
    }

    @Test
    void theTiCdcSourceReadsTheChangelogBackInCommitOrder() {
        tEnv.executeSql(
                "CREATE TABLE items_in (id BIGINT NOT NULL, name STRING, price DECIMAL(10, 2),"
                        + " commit_ts BIGINT METADATA FROM 'commit-ts' VIRTUAL,"
                        + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'ticdc',"
                        + " 'protocol' = 'canal-json', 'topic' = '"
                        + TOPIC
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'properties.group.id' = 'read-back',"
                        + " 'properties.isolation.level' = 'read_committed',"
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset', 'table.include' = 'items')");

        List<Row> rows =
                CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM items_in").collect());

        assertThat(rows).containsExactlyElementsOf(CanalJsonWrites.asRead(CHANGELOG));
    }

    /**
     * Without a primary key nothing tells which changes belong to one row: the table's changes all
     * go to one partition, so that they stay in the order written.
     */
    @Test
    void aTableWithoutPrimaryKeyGoesToOnePartition() throws Exception {
        String topic = "written-without-key";
        KAFKA.broker().createTopic(topic, PARTITIONS);
        tEnv.executeSql("CREATE TABLE log_out (id BIGINT, note STRING) WITH (" + sink(topic) + ")");
        tEnv.executeSql(
                        "INSERT INTO log_out SELECT id, 'note-' || CAST(id AS STRING) FROM"
                                + " (VALUES (1), (2), (3), (4), (5), (6), (7), (8)) AS t (id)")
                .await();

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.broker().committedRecords(topic);

        assertThat(records).hasSize(8);
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        assertThat(records)
                .extracting(r -> json(r.value()).get("data").get(0).get("id").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(records)
                .extracting(r -> json(r.value()).has("_tidb"))
                .as("no commit-ts column: written as TiCDC without its TiDB extension")
                .containsOnly(false);
    }

    private static String asEvent(RowKind kind, Object name, long commitTs) {
        boolean insert = kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER;
        return (insert ? "INSERT" : "DELETE") + " " + name + " @" + commitTs;
    }

    /**
     * Twelve inserts, six updates, three deletes, a second update of one key and an insert of a
     * deleted key again: every key's changes in commit order.
     */
    private static List<Row> changelog() {
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 12; id++) {
            rows.add(row(RowKind.INSERT, id, "item-" + id, "1.00", tso(id)));
        }
        for (long id = 1; id <= 6; id++) {
            rows.add(row(RowKind.UPDATE_BEFORE, id, "item-" + id, "1.00", tso(100 + id)));
            rows.add(row(RowKind.UPDATE_AFTER, id, "item-" + id + "'", "2.50", tso(100 + id)));
        }
        for (long id = 7; id <= 9; id++) {
            rows.add(row(RowKind.DELETE, id, "item-" + id, "1.00", tso(200 + id)));
        }
        rows.add(row(RowKind.UPDATE_BEFORE, 1, "item-1'", "2.50", tso(300)));
        rows.add(row(RowKind.UPDATE_AFTER, 1, "item-1''", "3.00", tso(300)));
        rows.add(row(RowKind.INSERT, 7, "item-7 again", "0.50", tso(301)));
        return rows;
    }

    /** A TiDB TSO: the commit's physical milliseconds and a logical counter of 1. */
    private static long tso(long millisAfterFirst) {
        return ((FIRST_COMMIT_MILLIS + millisAfterFirst) << 18) | 1;
    }

    private static Row row(RowKind kind, long id, String name, String price, long commitTs) {
        return Row.ofKind(kind, id, name, new BigDecimal(price), commitTs);
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** The options every {@code ticdc} sink table here has. */
    private static String sink(String topic) {
        return "'connector' = 'ticdc', 'protocol' = 'canal-json', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "'";
    }
}
