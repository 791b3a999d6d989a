package io.github.flinkticdc.e2e;

import java.util.List;

/**
 * The SQL the playground offers to paste: the README's two examples over the playground's topics,
 * each a table and a query. The README shows the same statements with {@code kafka:9092}; a test
 * keeps the two equal.
 */
final class PlaygroundSql {

    /** The topic TiCDC's canal-json changefeed writes to (with {@code enable-tidb-extension}). */
    static final String CANAL_JSON_TOPIC = "tidb-shop";

    /** The topic TiCDC's Open Protocol changefeed writes to. */
    static final String OPEN_PROTOCOL_TOPIC = "tidb-shop-open";

    /** The topic TiCDC's simple-protocol changefeed writes to. */
    static final String SIMPLE_TOPIC = "tidb-shop-simple";

    /** The topic TiCDC's debezium changefeed writes to. */
    static final String DEBEZIUM_TOPIC = "tidb-shop-debezium";

    private PlaygroundSql() {}

    /** Each example: its {@code CREATE TABLE} and a query, over the broker at {@code servers}. */
    static List<String> examples(String servers) {
        return List.of(canalJsonUnderKafka(servers), openProtocolUnderTiCdc(servers));
    }

    /** The {@code ticdc-canal} format under Flink's {@code kafka} connector. */
    static String canalJsonUnderKafka(String servers) {
        return "CREATE TABLE orders (\n"
                + "  id          BIGINT,\n"
                + "  customer_id INT,\n"
                + "  amount      DECIMAL(10, 2),\n"
                + "  status      STRING,\n"
                + "  commit_ts   BIGINT           METADATA FROM 'value.commit-ts' VIRTUAL,\n"
                + "  commit_time TIMESTAMP_LTZ(3) METADATA FROM 'value.commit-time' VIRTUAL\n"
                + ") WITH (\n"
                + "  'connector' = 'kafka',\n"
                + "  'topic' = '"
                + CANAL_JSON_TOPIC
                + "',\n"
                + "  'properties.bootstrap.servers' = '"
                + servers
                + "',\n"
                + "  'scan.startup.mode' = 'earliest-offset',\n"
                + "  'format' = 'ticdc-canal',\n"
                + "  'ticdc-canal.table.include' = 'orders'\n"
                + ");\n"
                + "\n"
                + "SELECT * FROM orders;\n";
    }

    /** The {@code ticdc} connector over Open Protocol: each change once, in commit order. */
    static String openProtocolUnderTiCdc(String servers) {
        return underTiCdc("open_orders", "open-protocol", OPEN_PROTOCOL_TOPIC, servers);
    }

    /** The same over the simple protocol's topic; the debezium one differs in two names. */
    static String simpleUnderTiCdc(String servers) {
        return underTiCdc("simple_orders", "simple", SIMPLE_TOPIC, servers);
    }

    private static String underTiCdc(String table, String protocol, String topic, String servers) {
        return "CREATE TABLE "
                + table
                + " (\n"
                + "  id          BIGINT,\n"
                + "  customer_id INT,\n"
                + "  amount      DECIMAL(10, 2),\n"
                + "  commit_ts   BIGINT METADATA FROM 'commit-ts' VIRTUAL,\n"
                + "  `partition` INT    METADATA FROM 'partition' VIRTUAL,\n"
                + "  `offset`    BIGINT METADATA FROM 'offset' VIRTUAL\n"
                + ") WITH (\n"
                + "  'connector' = 'ticdc',\n"
                + "  'protocol' = '"
                + protocol
                + "',\n"
                + "  'topic' = '"
                + topic
                + "',\n"
                + "  'properties.bootstrap.servers' = '"
                + servers
                + "',\n"
                + "  'properties.group.id' = 'flink-orders',\n"
                + "  'scan.startup.mode' = 'earliest-offset',\n"
                + "  'table.include' = 'orders'\n"
                + ");\n"
                + "\n"
                + "SELECT customer_id, COUNT(*) AS orders, SUM(amount) AS revenue\n"
                + "FROM "
                + table
                + " GROUP BY customer_id;\n";
    }
}
