package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.source.TiCdcSource;
import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ticdc} connector under {@code 'consistency' = 'exactly-once'} on a topic with TiCDC's
 * replays: transactions over three tables in three partitions, watermarks every few transactions,
 * and two restarts of the changefeed from a past checkpoint, which write again rows below and above
 * the newest watermark, DDLs and old watermarks (rows of one key updated before and after the
 * checkpoint give TiCDC's "B-A-B" pattern). The changelog must be what TiDB committed, once, each
 * key's changes in commit order; {@code at-least-once} on the same topic shows the replays. The
 * simple protocol's topic carries TiCDC's row checksums, read with {@code checksum.verify}.
 */
class ExactlyOnceITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PARTITIONS = 3;
    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("v", DataTypes.STRING()))
                            .getLogicalType();
    private static final Map<TiCdcProtocol, TiCdcChangefeed> FEEDS =
            new EnumMap<>(TiCdcProtocol.class);

    /** canal-json with the index-value dispatcher: each table's rows in every partition. */
    private static TiCdcChangefeed byIndexValue;

    private static TableEnvironment tEnv;

    @BeforeAll
    static void replicateWithRestarts() {
        FEEDS.put(
                TiCdcProtocol.CANAL_JSON,
                play(
                        new TiCdcChangefeed(
                                "exactly-once-canal",
                                PARTITIONS,
                                CanalJsonWriter.create(),
                                1_720_000_000_000L)));
        FEEDS.put(
                TiCdcProtocol.OPEN_PROTOCOL,
                play(
                        new TiCdcChangefeed(
                                "exactly-once-open",
                                PARTITIONS,
                                OpenProtocolWriter.create().withMaxBatchSize(3),
                                1_720_000_000_000L)));
        FEEDS.put(
                TiCdcProtocol.SIMPLE,
                play(
                        new TiCdcChangefeed(
                                "exactly-once-simple",
                                PARTITIONS,
                                SimpleWriter.create().withChecksums(),
                                1_720_000_000_000L)));
        FEEDS.put(
                TiCdcProtocol.DEBEZIUM,
                play(
                        new TiCdcChangefeed(
                                "exactly-once-debezium",
                                PARTITIONS,
                                DebeziumWriter.create(),
                                1_720_000_000_000L)));
        byIndexValue =
                play(
                        new TiCdcChangefeed(
                                        "exactly-once-index-value",
                                        PARTITIONS,
                                        CanalJsonWriter.create(),
                                        1_720_000_000_000L)
                                .dispatchByIndexValue());
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        // Window bounds are TIMESTAMPs in the session zone.
        tEnv.getConfig().setLocalTimeZone(ZoneOffset.UTC);
    }

    /**
     * Sixty random transactions; a watermark every four; after the 20th and the 45th, TiCDC
     * restarts from the watermark two before its newest.
     */
    private static TiCdcChangefeed play(TiCdcChangefeed feed) {
        return KeyValueShop.replicate(feed, KAFKA.broker(), 20261201L, 60, 20, 45);
    }

    @ParameterizedTest
    @EnumSource(TiCdcProtocol.class)
    void theChangelogIsWhatTiDbCommittedOnceInCommitOrder(TiCdcProtocol protocol) {
        TiCdcChangefeed feed = FEEDS.get(protocol);
        Map<String, List<Row>> byTable = readByTable(feed, protocol);
        for (TiDbTable table : KeyValueShop.TABLES) {
            List<Row> changelog = byTable.getOrDefault(table.name(), List.of());

            assertThat(changelog)
                    .as("%s changelog of %s", protocol, table.name())
                    .containsExactlyInAnyOrderElementsOf(KeyValueShop.committed(feed, table));
            assertThat(KeyValueShop.byKey(changelog))
                    .isEqualTo(KeyValueShop.byKey(KeyValueShop.committed(feed, table)));
        }
    }

    /**
     * The index-value dispatcher spreads a table over the partitions, and an update that changes
     * the key becomes a DELETE and an INSERT in different partitions: still each change once, each
     * key in commit order.
     */
    @Test
    void rowsOfATableSpreadOverPartitionsComeOnceInCommitOrder() {
        assertThat(splitUpdatesAcrossPartitions(byIndexValue)).isPositive();
        Map<String, List<Row>> byTable = readByTable(byIndexValue, TiCdcProtocol.CANAL_JSON);
        for (TiDbTable table : KeyValueShop.TABLES) {
            List<Row> changelog = byTable.getOrDefault(table.name(), List.of());

            assertThat(changelog)
                    .containsExactlyInAnyOrderElementsOf(
                            KeyValueShop.committed(byIndexValue, table));
            assertThat(KeyValueShop.byKey(changelog))
                    .isEqualTo(KeyValueShop.byKey(KeyValueShop.committed(byIndexValue, table)));
            assertDeletesBeforeInsertsInEachTransaction(changelog);
        }
    }

    /** TiCDC's order within a transaction, whichever partitions its rows came through. */
    private static void assertDeletesBeforeInsertsInEachTransaction(List<Row> changelog) {
        Map<Object, Integer> lastDelete = new LinkedHashMap<>();
        Map<Object, Integer> firstInsert = new LinkedHashMap<>();
        for (int i = 0; i < changelog.size(); i++) {
            Row row = changelog.get(i);
            if (row.getKind() == RowKind.DELETE) {
                lastDelete.put(row.getField(2), i);
            } else if (row.getKind() == RowKind.INSERT) {
                firstInsert.putIfAbsent(row.getField(2), i);
            }
        }
        lastDelete.forEach(
                (tso, delete) ->
                        assertThat(delete)
                                .as("the last DELETE of transaction %s", tso)
                                .isLessThan(firstInsert.getOrDefault(tso, Integer.MAX_VALUE)));
    }

    /** How many DELETE/INSERT pairs of one transaction and table went to different partitions. */
    private static long splitUpdatesAcrossPartitions(TiCdcChangefeed feed) {
        List<TiCdcChangefeed.Event> rows = new ArrayList<>();
        feed.events().stream().filter(e -> e.isRow() && !e.isReplay()).forEach(rows::add);
        long pairs = 0;
        for (TiCdcChangefeed.Event delete : rows) {
            if ("DELETE".equals(delete.type())) {
                pairs +=
                        rows.stream()
                                .filter(
                                        insert ->
                                                "INSERT".equals(insert.type())
                                                        && insert.commitTs() == delete.commitTs()
                                                        && insert.table().equals(delete.table())
                                                        && insert.partition() != delete.partition())
                                .count();
            }
        }
        return pairs;
    }

    /**
     * {@code TiCdcSource...buildChangelog}: the same changelog for DataStream jobs, in one call.
     * The protocol only chooses the decoder, which the SQL tests above run for each; one protocol
     * read from key and value and one from the value alone cover both ways records are read.
     */
    @ParameterizedTest
    @EnumSource(
            value = TiCdcProtocol.class,
            names = {"OPEN_PROTOCOL", "CANAL_JSON"})
    void theDataStreamChangelogIsTheSame(TiCdcProtocol protocol) throws Exception {
        TiCdcChangefeed feed = FEEDS.get(protocol);
        TiDbTable table = KeyValueShop.TABLES.get(1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<Row> changelog = new ArrayList<>();
        try (CloseableIterator<RowData> rows =
                TiCdcSource.builder(protocol, ROW)
                        .setBootstrapServers(KAFKA.bootstrapServers())
                        .setTopics(feed.topic())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setTableInclude(table.name())
                        .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                        .buildChangelog(env, "items")
                        .executeAndCollect()) {
            rows.forEachRemaining(
                    r ->
                            changelog.add(
                                    Row.ofKind(
                                            r.getRowKind(),
                                            r.getLong(0),
                                            r.getString(1).toString(),
                                            r.getLong(2))));
        }

        assertThat(KeyValueShop.byKey(changelog))
                .isEqualTo(KeyValueShop.byKey(KeyValueShop.committed(feed, table)));
    }

    /**
     * Every table of the topic in one read: more rows than TiDB committed, TiCDC's replays. The
     * at-least-once path passes records through as decoded; as above, two protocols cover it.
     */
    @ParameterizedTest
    @EnumSource(
            value = TiCdcProtocol.class,
            names = {"OPEN_PROTOCOL", "CANAL_JSON"})
    void atLeastOnceShowsTheReplays(TiCdcProtocol protocol) {
        TiCdcChangefeed feed = FEEDS.get(protocol);

        List<Row> read = readAll(feed, protocol, "at-least-once");

        assertThat(read).hasSizeGreaterThan(KeyValueShop.committed(feed).size());
    }

    /**
     * {@code WATERMARK FOR commit_time AS commit_time}: TiCDC's resolved ts is the watermark, so a
     * tumbling window over the commit time counts every committed change of its window once, and no
     * row is late. The count is net: an insert adds one, a delete removes one, an update both.
     */
    @ParameterizedTest
    @EnumSource(TiCdcProtocol.class)
    void aTumblingWindowOverTheCommitTimeIsExact(TiCdcProtocol protocol) {
        TiCdcChangefeed feed = FEEDS.get(protocol);
        TiDbTable table = KeyValueShop.TABLES.get(0);
        String name = "windowed_" + protocol.name().toLowerCase();
        tEnv.executeSql(
                "CREATE TABLE "
                        + name
                        + " (id BIGINT, v STRING,"
                        + " commit_time TIMESTAMP_LTZ(3) METADATA FROM 'commit-time',"
                        + " WATERMARK FOR commit_time AS commit_time) WITH ("
                        + options(feed, table, protocol, "exactly-once")
                        + ")");
        Map<Long, Long> counted = new TreeMap<>();
        tEnv.executeSql(
                        "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE "
                                + name
                                + ", DESCRIPTOR(commit_time), INTERVAL '0.05' SECOND))"
                                + " GROUP BY window_start, window_end")
                .collect()
                .forEachRemaining(
                        r ->
                                counted.merge(
                                        ((LocalDateTime) r.getField(0))
                                                .toInstant(ZoneOffset.UTC)
                                                .toEpochMilli(),
                                        (r.getKind() == RowKind.INSERT
                                                                || r.getKind()
                                                                        == RowKind.UPDATE_AFTER
                                                        ? 1
                                                        : -1)
                                                * (Long) r.getField(1),
                                        Long::sum));

        Map<Long, Long> truth = new TreeMap<>();
        for (TiCdcChangefeed.Event e : feed.events()) {
            if (e.isReplay() || !table.equals(e.table()) || "UPDATE".equals(e.type())) {
                continue;
            }
            long window = (e.commitTs() >> 18) / 50 * 50;
            truth.merge(window, "DELETE".equals(e.type()) ? -1L : 1L, Long::sum);
        }
        // A window whose changes cancel out has no row.
        truth.values().removeIf(net -> net == 0);
        counted.values().removeIf(net -> net == 0);
        assertThat(truth).hasSizeGreaterThan(2);
        assertThat(counted).isEqualTo(truth);
    }

    /**
     * One exactly-once read of every table of the topic (one job rather than one per table), its
     * rows {@code (id, v, commit_ts)} by table.
     */
    private static Map<String, List<Row>> readByTable(
            TiCdcChangefeed feed, TiCdcProtocol protocol) {
        String name = ("by_table_" + feed.topic() + "_" + protocol.name()).replace('-', '_');
        tEnv.executeSql(
                "CREATE TABLE IF NOT EXISTS "
                        + name
                        + " (id BIGINT, v STRING, commit_ts BIGINT METADATA FROM 'commit-ts',"
                        + " tbl STRING METADATA FROM 'table') WITH ("
                        + options(feed, null, protocol, "exactly-once")
                        + ")");
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        tEnv.executeSql("SELECT * FROM " + name)
                .collect()
                .forEachRemaining(
                        r ->
                                byTable.computeIfAbsent(
                                                (String) r.getField(3), t -> new ArrayList<>())
                                        .add(
                                                Row.ofKind(
                                                        r.getKind(),
                                                        r.getField(0),
                                                        r.getField(1),
                                                        r.getField(2))));
        return byTable;
    }

    /** A bounded read of every table of the topic. */
    private static List<Row> readAll(
            TiCdcChangefeed feed, TiCdcProtocol protocol, String consistency) {
        String name =
                ("all_" + feed.topic() + "_" + protocol.name() + "_" + consistency)
                        .replace('-', '_');
        tEnv.executeSql(
                "CREATE TABLE IF NOT EXISTS "
                        + name
                        + " (id BIGINT, v STRING, commit_ts BIGINT METADATA FROM 'commit-ts')"
                        + " WITH ("
                        + options(feed, null, protocol, consistency)
                        + ")");
        return CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM " + name).collect());
    }

    /**
     * The WITH clause: a bounded read of one table of the feed's topic (every table when {@code
     * table} is null), from the start.
     */
    private static String options(
            TiCdcChangefeed feed, TiDbTable table, TiCdcProtocol protocol, String consistency) {
        return "'connector' = 'ticdc',"
                + "'protocol' = '"
                + protocol
                + "',"
                + "'consistency' = '"
                + consistency
                + "',"
                + "'topic' = '"
                + feed.topic()
                + "',"
                + "'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "',"
                + "'scan.startup.mode' = 'earliest-offset',"
                + "'scan.bounded.mode' = 'latest-offset'"
                // The simple feed carries TiCDC's row checksums: every row read is verified.
                + (protocol == TiCdcProtocol.SIMPLE ? ",'checksum.verify' = 'true'" : "")
                + (table == null ? "" : ",'table.include' = '" + table.name() + "'");
    }
}
