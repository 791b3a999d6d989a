package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.ShopChangelog;
import io.github.flinkticdc.connector.testutil.ShopWorkload;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changefeed with {@code [sink.open] output-old-value = false} and snappy-compressed values:
 * updates arrive without the row before, like inserts. With {@code 'open-protocol.output-old-value'
 * = 'false'} and the primary key declared, Flink applies them as upserts and the table equals
 * TiDB's.
 */
class OpenProtocolUpsertITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String TOPIC = "tidb-shop-upsert";
    private static final int PARTITIONS = 3;

    private static ShopWorkload shop;
    private static TableEnvironment tEnv;

    @BeforeAll
    static void replicateTheShop() {
        KAFKA.broker().createTopic(TOPIC, PARTITIONS);
        TiCdcChangefeed feed =
                new TiCdcChangefeed(
                        TOPIC,
                        PARTITIONS,
                        OpenProtocolWriter.create()
                                .withOutputOldValue(false)
                                .withCompression(PayloadCompression.SNAPPY),
                        1_720_000_000_000L);
        shop = ShopWorkload.play(feed, 120, 20240613L);
        feed.sendTo(KAFKA.broker());

        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "ticdc");
        options.put("protocol", "open-protocol");
        options.put("open-protocol.output-old-value", "false");
        options.put("compression", "snappy");
        options.put("topic", TOPIC);
        options.put("properties.bootstrap.servers", KAFKA.bootstrapServers());
        options.put("scan.startup.mode", "earliest-offset");
        options.put("scan.bounded.mode", "latest-offset");
        options.put("table.include", "orders");
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(
                ShopWorkload.createTable(
                        "orders", "orders", "PRIMARY KEY (id) NOT ENFORCED", options));
    }

    @Test
    void upsertsMaterializeToTheSourceTable() {
        assertThat(shop.rowEvents("orders"))
                .filteredOn(e -> "UPDATE".equals(e.type()))
                .hasSizeGreaterThan(10);
        List<Row> changelog =
                CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM orders").collect());

        ShopChangelog.assertMaterializesToTheSourceTable(shop, "orders", changelog);
        assertThat(changelog.stream().map(Row::getKind).collect(Collectors.toSet()))
                .as("updates of known keys")
                .contains(org.apache.flink.types.RowKind.UPDATE_AFTER);
    }
}
