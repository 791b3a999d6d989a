package io.github.flinkticdc.examples;

import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.types.Row;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small shop in TiDB ({@code shop.customers}, {@code shop.orders}) changing over time, as a TiCDC
 * changefeed with {@code protocol=canal-json} and {@code enable-tidb-extension=true} writes it to
 * one topic: inserts, updates, a delete, an order moved to a new id (TiCDC splits that into DELETE
 * and INSERT), watermarks and one {@code ALTER TABLE}.
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

    private final TiCdcChangefeed feed;
    private TiDbTable orders = ORDERS;

    private ShopChangefeed(TiCdcChangefeed feed) {
        this.feed = feed;
    }

    /** Writes the whole story into a changefeed for {@code topic}; send it with {@link #feed()}. */
    public static ShopChangefeed write(String topic, int partitions) {
        ShopChangefeed shop =
                new ShopChangefeed(
                        new TiCdcChangefeed(
                                topic, partitions, CanalJsonWriter.create(), 1_735_689_600_000L));
        shop.tell();
        return shop;
    }

    public TiCdcChangefeed feed() {
        return feed;
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
        feed.transaction(
                tx -> {
                    tx.insert(CUSTOMERS, CUSTOMERS.row(1, "Ada", "London", 1));
                    tx.insert(CUSTOMERS, CUSTOMERS.row(2, "Linus", "Helsinki", 0));
                    tx.insert(CUSTOMERS, CUSTOMERS.row(3, "Grace", "New York", 0));
                });
        order(101, 1, "25.00", "2025-01-01 09:00:00");
        order(102, 2, "12.50", "2025-01-01 09:05:00");
        order(103, 1, "99.90", "2025-01-01 09:12:00");
        feed.watermark();
        feed.update(orders, TiDbTable.key(101), Map.of("status", "PAID"));
        feed.update(CUSTOMERS, TiDbTable.key(3), Map.of("vip", "1", "city", "Arlington"));
        order(104, 3, "42.00", "2025-01-01 09:20:00");
        feed.update(orders, TiDbTable.key(102), Map.of("amount", "15.00", "status", "PAID"));
        feed.watermark();
        orders =
                feed.ddl(
                        orders,
                        orders.column("coupon", "varchar"),
                        CanalDdlType.ALTER,
                        "ALTER TABLE shop.orders ADD COLUMN coupon VARCHAR(16)");
        feed.transaction(
                tx -> {
                    // A cancelled order, and an order re-keyed by the application.
                    tx.delete(orders, TiDbTable.key(103));
                    tx.update(orders, TiDbTable.key(104), Map.of("id", "204"));
                });
        feed.insert(orders, orders.row(105, 2, "7.25", "NEW", "2025-01-01 09:31:00", "WELCOME10"));
        feed.update(orders, TiDbTable.key(204), Map.of("status", "PAID"));
        feed.watermark();
    }

    private void order(long id, int customer, String amount, String createdAt) {
        feed.insert(orders, orders.row(id, customer, amount, "NEW", createdAt));
    }

    /** Counts of the messages by kind, for progress output: kind to count, in a fixed order. */
    public Map<String, Integer> messageCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String kind : List.of("INSERT", "UPDATE", "DELETE", "DDL", "WATERMARK")) {
            counts.put(kind, 0);
        }
        for (TiCdcChangefeed.Event e : feed.events()) {
            counts.merge(e.type(), 1, Integer::sum);
        }
        return counts;
    }
}
