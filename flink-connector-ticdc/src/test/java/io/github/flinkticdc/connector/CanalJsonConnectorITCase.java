package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.ShopChangelog;
import io.github.flinkticdc.connector.testutil.ShopWorkload;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same shop as {@link OpenProtocolConnectorITCase}, written by a changefeed with {@code
 * protocol=canal-json&enable-tidb-extension=true} (one event per record, DDLs on partition 0 only)
 * and read with {@code 'protocol' = 'canal-json'}: same changelog, same metadata, no physical
 * partition id (canal-json has none).
 */
class CanalJsonConnectorITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String TOPIC = "tidb-shop-canal-json";
    private static final int PARTITIONS = 3;

    private static ShopWorkload shop;
    private static TableEnvironment tEnv;
    private static final long[] SENT = new long[2];

    @BeforeAll
    static void replicateTheShop() {
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        TiCdcChangefeed feed =
                new TiCdcChangefeed(
                        TOPIC, PARTITIONS, CanalJsonWriter.create(), 1_720_000_000_000L);
        shop = ShopWorkload.play(feed, 120, 20240612L);
        SENT[0] = System.currentTimeMillis();
        feed.sendTo(KAFKA.broker());
        SENT[1] = System.currentTimeMillis();

        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (String table : List.of("orders", "items")) {
            tEnv.executeSql(
                    ShopWorkload.createTable(
                            table, table, ShopChangelog.METADATA_COLUMNS, options(table)));
        }
    }

    @Test
    void ddlsGoToPartitionZeroOnly() {
        assertThat(shop.feed().events())
                .filteredOn(e -> "DDL".equals(e.type()))
                .isNotEmpty()
                .allMatch(e -> e.partition() == 0);
    }

    @Test
    void ordersChangelogAndMetadataMatchTheChangefeed() {
        ShopChangelog.assertSelectAll(shop, "orders", selectAll("orders"), false, SENT);
    }

    @Test
    void itemsHaveNoPhysicalPartitionId() {
        List<Row> items = selectAll("items");
        ShopChangelog.assertSelectAll(shop, "items", items, false, SENT);
        assertThat(items).map(r -> r.getField(ShopWorkload.ITEMS.size() + 6)).containsOnlyNulls();
    }

    private static List<Row> selectAll(String table) {
        return CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM " + table).collect());
    }

    private static Map<String, String> options(String table) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "ticdc");
        options.put("protocol", "canal-json");
        options.put("topic", TOPIC);
        options.put("properties.bootstrap.servers", KAFKA.bootstrapServers());
        options.put("properties.group.id", "canal-it");
        options.put("scan.startup.mode", "earliest-offset");
        options.put("scan.bounded.mode", "latest-offset");
        options.put("table.include", table);
        return options;
    }
}
