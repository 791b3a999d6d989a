package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.source.KafkaMetadata;
import io.github.flinkticdc.connector.source.TiCdcSource;
import io.github.flinkticdc.connector.testutil.ShopChangelog;
import io.github.flinkticdc.connector.testutil.ShopWorkload;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TiCDC changefeed with {@code protocol=open-protocol} into a three-partition topic: records
 * batching up to five row events of several tables, updates with their old values, DDL and resolved
 * events on every partition. Flink SQL over {@code 'connector' = 'ticdc'} must read each table's
 * changelog with its metadata and materialize it to what TiDB holds; the DataStream source must
 * read the same.
 */
class OpenProtocolConnectorITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String TOPIC = "tidb-shop-open-protocol";
    private static final int PARTITIONS = 3;
    private static final int BATCH = 5;

    private static ShopWorkload shop;
    private static TableEnvironment tEnv;
    private static final long[] SENT = new long[2];

    @BeforeAll
    static void replicateTheShop() {
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        TiCdcChangefeed feed =
                new TiCdcChangefeed(
                        TOPIC,
                        PARTITIONS,
                        OpenProtocolWriter.create().withMaxBatchSize(BATCH),
                        1_720_000_000_000L);
        shop = ShopWorkload.play(feed, 120, 20240611L);
        SENT[0] = System.currentTimeMillis();
        feed.sendTo(KAFKA.broker());
        SENT[1] = System.currentTimeMillis();

        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (String table : List.of("orders", "customers", "items")) {
            tEnv.executeSql(
                    ShopWorkload.createTable(
                            table, table, ShopChangelog.METADATA_COLUMNS, options(table)));
        }
    }

    @Test
    void theTopicHoldsWhatTheTestIsAbout() {
        Map<String, Set<String>> tablesPerRecord = new HashMap<>();
        Map<String, Integer> eventsPerRecord = new HashMap<>();
        Set<Integer> ddlPartitions = new HashSet<>();
        Set<Integer> resolvedPartitions = new HashSet<>();
        for (TiCdcChangefeed.Event e : shop.feed().events()) {
            String record = e.partition() + "/" + e.offset();
            if (e.isRow()) {
                tablesPerRecord.computeIfAbsent(record, r -> new HashSet<>()).add(e.table().name());
                eventsPerRecord.merge(record, 1, Integer::sum);
            } else if ("DDL".equals(e.type())) {
                ddlPartitions.add(e.partition());
            } else {
                resolvedPartitions.add(e.partition());
            }
        }
        assertThat(eventsPerRecord.values()).contains(BATCH).allMatch(n -> n <= BATCH);
        assertThat(tablesPerRecord.values()).anyMatch(tables -> tables.size() > 1);
        assertThat(ddlPartitions).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(resolvedPartitions).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(shop.rowEvents("orders")).anyMatch(e -> "UPDATE".equals(e.type()));
    }

    @Test
    void ordersChangelogAndMetadataMatchTheChangefeed() {
        ShopChangelog.assertSelectAll(shop, "orders", selectAll("orders"), true, SENT);
    }

    @Test
    void partitionedItemsCarryTheirPhysicalPartitionId() {
        List<Row> items = selectAll("items");
        ShopChangelog.assertSelectAll(shop, "items", items, true, SENT);
        int ptn = ShopWorkload.ITEMS.size() + 6;
        assertThat(items)
                .map(r -> (Long) r.getField(ptn))
                .containsAll(List.of(101L, 102L, 103L))
                .doesNotContainNull();
    }

    /**
     * A projection in a new order with metadata of both kinds: the source reads only what the query
     * uses. Customers share records with orders, and get a column by DDL midway (NULL before).
     */
    @Test
    void projectedCustomersAcrossTheirDdl() {
        List<Row> actual =
                CollectionUtil.iteratorToList(
                        tEnv.executeSql("SELECT kafka_offset, tier, id, commit_ts FROM customers")
                                .collect());

        List<Row> expected = new ArrayList<>();
        for (TiCdcChangefeed.Event e : shop.rowEvents("customers")) {
            if ("UPDATE".equals(e.type())) {
                expected.add(customer(RowKind.UPDATE_BEFORE, e, e.before()));
                expected.add(customer(RowKind.UPDATE_AFTER, e, e.after()));
            } else {
                expected.add(
                        customer(
                                "INSERT".equals(e.type()) ? RowKind.INSERT : RowKind.DELETE,
                                e,
                                e.after()));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).map(r -> r.getField(1)).containsNull().anyMatch(v -> v != null);
    }

    @Test
    void dataStreamSourceReadsTheSameChangelog() throws Exception {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                                        DataTypes.FIELD("stock", DataTypes.INT()))
                                .getLogicalType();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<String> actual = new ArrayList<>();
        try (var rows =
                env.fromSource(
                                TiCdcSource.builder(TiCdcProtocol.OPEN_PROTOCOL, rowType)
                                        .setBootstrapServers(KAFKA.bootstrapServers())
                                        .setTopics(TOPIC)
                                        .setStartingOffsets(OffsetsInitializer.earliest())
                                        .setBounded(OffsetsInitializer.latest())
                                        .setTableInclude("items")
                                        .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                        .setKafkaMetadata(List.of(KafkaMetadata.OFFSET))
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "tidb-shop")
                        .executeAndCollect()) {
            rows.forEachRemaining(row -> actual.add(render(row)));
        }

        List<String> expected = new ArrayList<>();
        for (TiCdcChangefeed.Event e : shop.rowEvents("items")) {
            if ("UPDATE".equals(e.type())) {
                expected.add(render("-U", e.before(), e));
                expected.add(render("+U", e.after(), e));
            } else {
                expected.add(render("INSERT".equals(e.type()) ? "+I" : "-D", e.after(), e));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static Row customer(RowKind kind, TiCdcChangefeed.Event e, Map<String, String> image) {
        return Row.ofKind(
                kind,
                e.offset(),
                image.get("tier"),
                Integer.valueOf(image.get("id")),
                e.commitTs());
    }

    private static String render(RowData row) {
        return row.getRowKind().shortString()
                + " "
                + row.getLong(0)
                + " "
                + (row.isNullAt(1) ? "null" : row.getInt(1))
                + " "
                + row.getLong(2)
                + " "
                + row.getLong(3);
    }

    private static String render(String kind, Map<String, String> image, TiCdcChangefeed.Event e) {
        return kind
                + " "
                + image.get("id")
                + " "
                + image.get("stock")
                + " "
                + e.commitTs()
                + " "
                + e.offset();
    }

    private static List<Row> selectAll(String table) {
        return CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM " + table).collect());
    }

    private static Map<String, String> options(String table) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "ticdc");
        options.put("protocol", "open-protocol");
        options.put("topic", TOPIC);
        options.put("properties.bootstrap.servers", KAFKA.bootstrapServers());
        options.put("scan.startup.mode", "earliest-offset");
        options.put("scan.bounded.mode", "latest-offset");
        options.put("database.include", "shop");
        options.put("table.include", table);
        return options;
    }
}
