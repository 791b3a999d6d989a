package io.github.flinkticdc.examples;

import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.types.Row;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A small shop in TiDB ({@code shop.customers}, {@code shop.orders}) changing over time, as a TiCDC
 * changefeed with {@code protocol=canal-json} and {@code enable-tidb-extension=true} writes it to
 * one topic: inserts, updates, a delete, an order moved to a new id (TiCDC splits that into DELETE
 * and INSERT), watermarks at a regular pace and one {@code ALTER TABLE}. After the order re-keyed
 * to 204 is paid, TiCDC restarts and writes everything after its checkpoint again (TiCDC is at
 * least once); the story then goes on, and ends with a watermark.
 */
public final class ShopChangefeed {

    static final TiDbTable CUSTOMERS =
            TiDbTable.of("shop", "customers")
                    .pk("id", "int")
                    .column("name", "varchar")
                    .column("city", "varchar")
                    .column("vip", "tinyint");

    static final TiDbTable ORDERS =
            TiDbTable.of("shop", "orders")
                    .pk("id", "bigint")
                    .column("customer_id", "int")
                    .column("amount", "decimal")
                    .column("status", "varchar")
                    .column("created_at", "datetime");

    /** 2025-01-01T00:00:00Z: the physical time of the first commit. */
    private static final long START_MILLIS = 1_735_689_600_000L;

    /** TiCDC writes its watermark about once a second: here, after every second transaction. */
    private static final int TRANSACTIONS_PER_WATERMARK = 2;

    private final TiCdcChangefeed feed;
    private TiDbTable orders = ORDERS;
    private int transactionsSinceWatermark;
    private long lastWatermarkTs;
    private long restartCheckpointTs;
    private int replayedMessages;

    private ShopChangefeed(TiCdcChangefeed feed) {
        this.feed = feed;
    }

    /**
     * Writes the whole story into a canal-json changefeed for {@code topic}; send it with {@link
     * #feed()}.
     */
    public static ShopChangefeed write(String topic, int partitions) {
        return story(
                new TiCdcChangefeed(topic, partitions, CanalJsonWriter.create(), START_MILLIS));
    }

    /** The same story as {@link #write}, as a changefeed with {@code protocol=open-protocol}. */
    public static ShopChangefeed writeOpenProtocol(String topic, int partitions) {
        return story(
                new TiCdcChangefeed(topic, partitions, OpenProtocolWriter.create(), START_MILLIS));
    }

    /** The same story as {@link #write}, as a changefeed with {@code protocol=simple}. */
    public static ShopChangefeed writeSimple(String topic, int partitions) {
        return story(new TiCdcChangefeed(topic, partitions, SimpleWriter.create(), START_MILLIS));
    }

    /** The same story as {@link #write}, as a changefeed with {@code protocol=debezium}. */
    public static ShopChangefeed writeDebezium(String topic, int partitions) {
        return story(new TiCdcChangefeed(topic, partitions, DebeziumWriter.create(), START_MILLIS));
    }

    private static ShopChangefeed story(TiCdcChangefeed feed) {
        ShopChangefeed shop = new ShopChangefeed(feed);
        shop.tell();
        return shop;
    }

    public TiCdcChangefeed feed() {
        return feed;
    }

    /** The rows of {@code shop.orders} at the end of the story, column name to value as text. */
    public List<Map<String, String>> orders() {
        return feed.rows(orders);
    }

    /** What the revenue query must show: customer name to (order count, revenue). */
    public Map<String, Row> expectedRevenue() {
        Map<String, String> names = new HashMap<>();
        for (Map<String, String> c : feed.rows(CUSTOMERS)) {
            names.put(c.get("id"), c.get("name"));
        }
        Map<String, Row> revenue = new TreeMap<>();
        for (Map<String, String> o : feed.rows(orders)) {
            String name = names.get(o.get("customer_id"));
            if (name == null) {
                continue;
            }
            Row r = revenue.computeIfAbsent(name, n -> Row.of(n, 0L, BigDecimal.ZERO.setScale(2)));
            r.setField(1, (Long) r.getField(1) + 1);
            r.setField(2, ((BigDecimal) r.getField(2)).add(new BigDecimal(o.get("amount"))));
        }
        return revenue;
    }

    private void tell() {
        feed.schemaDdl("shop", CanalDdlType.QUERY, "CREATE DATABASE shop");
        feed.ddl(CUSTOMERS, CUSTOMERS, CanalDdlType.CREATE, "CREATE TABLE shop.customers (...)");
        feed.ddl(ORDERS, ORDERS, CanalDdlType.CREATE, "CREATE TABLE shop.orders (...)");
        commit(
                tx -> {
                    tx.insert(CUSTOMERS, CUSTOMERS.row(1, "Ada", "London", 1));
                    tx.insert(CUSTOMERS, CUSTOMERS.row(2, "Linus", "Helsinki", 0));
                    tx.insert(CUSTOMERS, CUSTOMERS.row(3, "Grace", "New York", 0));
                });
        order(101, 1, "25.00", "NEW", "2025-01-01 09:00:00");
        order(102, 2, "12.50", "NEW", "2025-01-01 09:05:00");
        update(orders, 101, Map.of("status", "PAID"));
        // TiCDC's checkpoint when it restarts, three watermarks back: the replay brings rows below
        // its newest watermark and above it.
        long checkpoint = lastWatermarkTs;
        order(103, 1, "99.90", "NEW", "2025-01-01 09:12:00");
        order(104, 3, "42.00", "NEW", "2025-01-01 09:20:00");
        addCouponColumn();
        commit(
                tx -> {
                    // A cancelled order, and an order re-keyed by the application.
                    tx.delete(orders, TiDbTable.key(103));
                    tx.update(orders, TiDbTable.key(104), Map.of("id", "204"));
                });
        order(105, 2, "7.25", "NEW", "2025-01-01 09:31:00", "WELCOME10");
        update(orders, 204, Map.of("status", "PAID"));
        restartFrom(checkpoint);
        update(CUSTOMERS, 3, Map.of("vip", "1", "city", "Arlington"));
        update(orders, 102, Map.of("amount", "15.00", "status", "PAID"));
        // The changefeed goes on: the last transaction gets its watermark too.
        if (transactionsSinceWatermark > 0) {
            watermark();
        }
    }

    /** An order in its own transaction: the values of the orders table's columns. */
    private void order(Object... values) {
        commit(tx -> tx.insert(orders, orders.row(values)));
    }

    private void update(TiDbTable table, long id, Map<String, String> changes) {
        commit(tx -> tx.update(table, TiDbTable.key(id), changes));
    }

    /** One TiDB transaction, followed by a watermark at TiCDC's pace. */
    private void commit(Consumer<TiCdcChangefeed.Transaction> body) {
        feed.transaction(body);
        if (++transactionsSinceWatermark == TRANSACTIONS_PER_WATERMARK) {
            watermark();
        }
    }

    /** TiCDC follows a DDL with a watermark, so the pace starts again after it. */
    private void addCouponColumn() {
        orders =
                feed.ddl(
                        orders,
                        orders.column("coupon", "varchar"),
                        CanalDdlType.ALTER,
                        "ALTER TABLE shop.orders ADD COLUMN coupon VARCHAR(16)");
        watermarkWritten();
    }

    private void watermark() {
        feed.watermark();
        watermarkWritten();
    }

    private void watermarkWritten() {
        lastWatermarkTs = feed.events().get(feed.events().size() - 1).commitTs();
        transactionsSinceWatermark = 0;
    }

    /**
     * TiCDC restarts (an upgrade, a table moving to another capture) and writes everything after
     * its checkpoint again: rows below its newest watermark, the DDL and the rows above it.
     */
    private void restartFrom(long checkpointTs) {
        restartCheckpointTs = checkpointTs;
        replayedMessages = feed.restartFrom(checkpointTs);
    }

    /** The checkpoint TiCDC restarted from in the middle of the story. */
    public long restartCheckpointTs() {
        return restartCheckpointTs;
    }

    /** How many messages TiCDC wrote a second time when it restarted. */
    public int replayedMessages() {
        return replayedMessages;
    }

    /** The messages by kind, for progress output, such as "12 INSERT, 3 UPDATE, ...". */
    public String messageCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String kind : List.of("DDL", "DELETE", "INSERT", "UPDATE", "WATERMARK")) {
            counts.put(kind, 0);
        }
        for (TiCdcChangefeed.Event e : feed.events()) {
            counts.merge(e.type(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
