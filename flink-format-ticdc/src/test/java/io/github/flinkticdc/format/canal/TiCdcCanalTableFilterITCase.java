package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One topic carrying several TiDB tables, as a TiCDC changefeed with a single topic writes it: a
 * Flink table reads its own rows by {@code ticdc-canal.database.include} / {@code
 * ticdc-canal.table.include}. The other tables' rows could not even be converted ({@code
 * customers.id} is text), so this also shows the filter acts before values are converted.
 */
class TiCdcCanalTableFilterITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final TiDbTable SHOP_ORDERS = orders("shop");
    private static final TiDbTable ARCHIVE_ORDERS = orders("archive");
    private static final TiDbTable SHOP_CUSTOMERS =
            TiDbTable.of("shop", "customers").pk("id", "varchar").column("name", "varchar");
    private static final TiDbTable SHOP_ORDER_ITEMS =
            TiDbTable.of("shop", "orders_items").pk("id", "varchar").column("amount", "varchar");

    @Test
    void databaseAndTableIncludeSelectOneTable() {
        String topic = writeMultiTableTopic("multi-table", PayloadCompression.NONE);

        List<Row> rows =
                query(
                        topic,
                        "'ticdc-canal.database.include' = 'shop',"
                                + " 'ticdc-canal.table.include' = 'orders'",
                        "none");

        assertThat(rows)
                .containsExactly(
                        Row.of(1, new BigDecimal("10.50"), "shop", "orders"),
                        Row.of(2, new BigDecimal("20.00"), "shop", "orders"));
    }

    /** Regular expressions match the whole name; here over an LZ4-compressed changefeed. */
    @Test
    void includesAreFullMatchRegularExpressions() {
        String topic = writeMultiTableTopic("multi-table-lz4", PayloadCompression.LZ4);

        List<Row> rows =
                query(
                        topic,
                        "'ticdc-canal.database.include' = 'shop|arch.*',"
                                + " 'ticdc-canal.table.include' = 'ord.rs'",
                        "lz4");

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of(1, new BigDecimal("10.50"), "shop", "orders"),
                        Row.of(2, new BigDecimal("20.00"), "shop", "orders"),
                        Row.of(7, new BigDecimal("70.00"), "archive", "orders"));
    }

    private static TiDbTable orders(String database) {
        return TiDbTable.of(database, "orders").pk("id", "int").column("amount", "decimal");
    }

    /** One partition, so every table's rows and DDLs interleave in one stream. */
    private static String writeMultiTableTopic(String topic, PayloadCompression compression) {
        KAFKA.broker().createTopic(topic, 1);
        TiCdcChangefeed feed =
                new TiCdcChangefeed(
                        topic,
                        1,
                        CanalJsonWriter.create().withCompression(compression),
                        1_730_000_000_000L);
        feed.insert(SHOP_CUSTOMERS, SHOP_CUSTOMERS.row("c-1", "Ann"));
        feed.insert(SHOP_ORDERS, SHOP_ORDERS.row(1, "10.50"));
        feed.insert(ARCHIVE_ORDERS, ARCHIVE_ORDERS.row(7, "70.00"));
        feed.insert(SHOP_ORDER_ITEMS, SHOP_ORDER_ITEMS.row("i-1", "many"));
        feed.watermark();
        feed.ddl(
                SHOP_CUSTOMERS,
                SHOP_CUSTOMERS,
                CanalDdlType.CINDEX,
                "CREATE INDEX idx_name ON customers (name)");
        feed.insert(SHOP_ORDERS, SHOP_ORDERS.row(2, "20.00"));
        feed.update(SHOP_CUSTOMERS, TiDbTable.key("c-1"), Map.of("name", "Anna"));
        feed.watermark();
        feed.sendTo(KAFKA.broker());
        return topic;
    }

    private static List<Row> query(String topic, String filterOptions, String compression) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(
                "CREATE TABLE orders (id INT, amount DECIMAL(10, 2),"
                        + " db STRING METADATA FROM 'value.database' VIRTUAL,"
                        + " tbl STRING METADATA FROM 'value.table' VIRTUAL"
                        + ") WITH ('connector' = 'kafka', 'topic' = '"
                        + topic
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'properties.group.id' = 'filter-it',"
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset',"
                        + " 'format' = 'ticdc-canal',"
                        + " 'ticdc-canal.compression' = '"
                        + compression
                        + "', "
                        + filterOptions
                        + ")");
        return CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM orders").collect());
    }
}
