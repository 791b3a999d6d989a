package io.github.flinkticdc.connector.testutil;

import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A shop in TiDB changing over time, played into a {@link TiCdcChangefeed}: {@code shop.orders}
 * (every TiDB type family), {@code shop.customers} (gets a column by {@code ALTER TABLE} midway)
 * and {@code shop.items} (hash-partitioned, so Open Protocol writes {@code ptn}). With the {@code
 * table} dispatcher and three partitions, orders and customers share partition 0, items has
 * partition 2, and partition 1 gets only DDL and resolved events.
 *
 * <p>The workload: inserts, updates (values to and from NULL), key-changing updates (split into
 * DELETE and INSERT), deletes, transactions over several tables, DDLs and watermarks.
 */
public final class ShopWorkload {

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public static final List<ShopColumn> ORDERS =
            List.of(
                    new ShopColumn("id", "bigint", "BIGINT NOT NULL", true, null, Long::valueOf),
                    col(
                            "customer_id",
                            "int",
                            "INT",
                            r -> String.valueOf(1 + r.nextInt(20)),
                            Integer::valueOf),
                    col(
                            "sku",
                            "varchar",
                            "STRING",
                            r -> "SKU-" + r.nextInt(1000) + (r.nextBoolean() ? " «ü» <&>" : ""),
                            s -> s),
                    col(
                            "qty",
                            "smallint",
                            "INT",
                            r -> String.valueOf(1 + r.nextInt(50)),
                            Integer::valueOf),
                    col(
                            "price",
                            "decimal",
                            "DECIMAL(10, 2)",
                            r -> r.nextInt(100_000) / 100 + "." + (10 + r.nextInt(90)),
                            BigDecimal::new),
                    col(
                            "weight",
                            "double",
                            "DOUBLE",
                            r -> String.valueOf(r.nextInt(5000) / 8.0),
                            Double::valueOf),
                    col(
                            "ratio",
                            "float",
                            "FLOAT",
                            r -> String.valueOf(r.nextInt(400) / 4.0),
                            Float::valueOf),
                    col(
                            "paid",
                            "tinyint",
                            "BOOLEAN",
                            r -> r.nextBoolean() ? "1" : "0",
                            s -> !"0".equals(s)),
                    col(
                            "status",
                            "enum",
                            "INT",
                            r -> String.valueOf(1 + r.nextInt(4)),
                            Integer::valueOf),
                    col(
                            "labels",
                            "set",
                            "BIGINT",
                            r -> String.valueOf(r.nextInt(8)),
                            Long::valueOf),
                    col(
                            "created_at",
                            "datetime",
                            "TIMESTAMP(3)",
                            r -> DATETIME.format(dateTime(r)),
                            s -> LocalDateTime.parse(s, DATETIME)),
                    col(
                            "updated_at",
                            "timestamp",
                            "TIMESTAMP_LTZ(3)",
                            r -> DATETIME.format(dateTime(r)),
                            s -> LocalDateTime.parse(s, DATETIME).toInstant(ZoneOffset.UTC)),
                    col(
                            "ship_date",
                            "date",
                            "DATE",
                            r ->
                                    LocalDate.of(2024, 1 + r.nextInt(12), 1 + r.nextInt(28))
                                            .toString(),
                            LocalDate::parse),
                    col(
                            "ship_time",
                            "time",
                            "TIME(0)",
                            r -> TIME.format(LocalTime.ofSecondOfDay(r.nextInt(86_400))),
                            LocalTime::parse),
                    col(
                            "note",
                            "text",
                            "STRING",
                            r -> "note <" + r.nextInt(99) + "> & \"测试\"\n",
                            s -> s),
                    col("payload", "blob", "BYTES", ShopWorkload::randomBytes, ShopWorkload::bytes),
                    col("tag", "varbinary", "BYTES", ShopWorkload::mixedBytes, ShopWorkload::bytes),
                    col("code", "char", "STRING", r -> "C" + r.nextInt(99), s -> s),
                    col(
                            "big_amount",
                            "bigint unsigned",
                            "DECIMAL(20, 0)",
                            r ->
                                    r.nextBoolean()
                                            ? "18446744073709551" + (100 + r.nextInt(515))
                                            : String.valueOf(r.nextInt(1000)),
                            BigDecimal::new),
                    col(
                            "flags",
                            "bit",
                            "BIGINT",
                            r -> String.valueOf(r.nextInt(256)),
                            Long::valueOf),
                    col(
                            "yr",
                            "year",
                            "INT",
                            r -> String.valueOf(1990 + r.nextInt(40)),
                            Integer::valueOf),
                    col("doc", "json", "STRING", r -> "{\"k\": " + r.nextInt(9) + "}", s -> s));

    public static final List<ShopColumn> CUSTOMERS =
            List.of(
                    new ShopColumn("id", "int", "INT NOT NULL", true, null, Integer::valueOf),
                    col("name", "varchar", "STRING", r -> "name-" + r.nextInt(500), s -> s),
                    col("city", "varchar", "STRING", r -> "city-" + r.nextInt(9), s -> s),
                    col(
                            "vip",
                            "tinyint",
                            "BOOLEAN",
                            r -> r.nextBoolean() ? "1" : "0",
                            s -> !"0".equals(s)),
                    col("tier", "varchar", "STRING", r -> "T" + r.nextInt(3), s -> s));

    public static final List<ShopColumn> ITEMS =
            List.of(
                    new ShopColumn("id", "bigint", "BIGINT NOT NULL", true, null, Long::valueOf),
                    col("name", "varchar", "STRING", r -> "item-" + r.nextInt(500), s -> s),
                    col(
                            "stock",
                            "int",
                            "INT",
                            r -> String.valueOf(r.nextInt(1000)),
                            Integer::valueOf));

    /** The physical partition ids of {@code shop.items} (TiCDC's {@code ptn}). */
    public static final long[] ITEM_PARTITION_IDS = {101, 102, 103};

    private final TiCdcChangefeed feed;
    private final Random random;
    private final Map<String, Long> nextId = new HashMap<>();
    private TiDbTable orders = table("orders", ORDERS, List.of());
    private TiDbTable customers = table("customers", CUSTOMERS, List.of("tier"));
    private TiDbTable items =
            table("items", ITEMS, List.of()).hashPartitioned("id", ITEM_PARTITION_IDS);

    private ShopWorkload(TiCdcChangefeed feed, long seed) {
        this.feed = feed;
        this.random = new Random(seed);
    }

    /** Plays about {@code steps} transactions into {@code feed}; send it with its sendTo. */
    public static ShopWorkload play(TiCdcChangefeed feed, int steps, long seed) {
        ShopWorkload shop = new ShopWorkload(feed, seed);
        shop.run(steps);
        return shop;
    }

    public TiCdcChangefeed feed() {
        return feed;
    }

    /** The tables as they are at the end. */
    public List<TiDbTable> tables() {
        return List.of(orders, customers, items);
    }

    /** The current version of a table, by name. */
    public TiDbTable table(String name) {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** The Flink columns of a table, by name. */
    public static List<ShopColumn> columns(String table) {
        switch (table) {
            case "orders":
                return ORDERS;
            case "customers":
                return CUSTOMERS;
            default:
                return ITEMS;
        }
    }

    /** A Flink row of {@code kind} with the values of {@code image} (missing columns NULL). */
    public static Row flinkRow(String table, RowKind kind, Map<String, String> image) {
        List<ShopColumn> columns = columns(table);
        Row row = new Row(kind, columns.size());
        for (int i = 0; i < columns.size(); i++) {
            row.setField(i, columns.get(i).flinkValue(image.get(columns.get(i).name())));
        }
        return row;
    }

    /** What the table holds at the end, as Flink rows. */
    public List<Row> sourceRows(String table) {
        return feed.rows(table(table)).stream()
                .map(image -> flinkRow(table, RowKind.INSERT, image))
                .collect(Collectors.toList());
    }

    /** The row events of a table, in the order TiCDC wrote them. */
    public List<TiCdcChangefeed.Event> rowEvents(String table) {
        return feed.events().stream()
                .filter(e -> e.isRow() && e.table().name().equals(table))
                .collect(Collectors.toList());
    }

    /** {@code CREATE TABLE} of a shop table over the connector, with extra columns and options. */
    public static String createTable(
            String flinkName, String table, String extraColumns, Map<String, String> options) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(flinkName).append(" (");
        for (ShopColumn c : columns(table)) {
            ddl.append('`').append(c.name).append("` ").append(c.flinkType).append(", ");
        }
        ddl.append(extraColumns).append(") WITH (");
        String separator = "";
        for (Map.Entry<String, String> option : options.entrySet()) {
            ddl.append(separator)
                    .append('\'')
                    .append(option.getKey())
                    .append("' = '")
                    .append(option.getValue())
                    .append('\'');
            separator = ", ";
        }
        return ddl.append(')').toString();
    }

    private void run(int steps) {
        feed.schemaDdl("shop", CanalDdlType.QUERY, "CREATE DATABASE shop");
        for (TiDbTable t : tables()) {
            feed.ddl(t, t, CanalDdlType.CREATE, "CREATE TABLE shop." + t.name() + " (...)");
        }
        for (int step = 0; step < steps; step++) {
            int dice = random.nextInt(20);
            if (dice < 2) {
                severalTables();
            } else {
                change(dice < 10 ? orders : dice < 15 ? customers : items);
            }
            if (step % 9 == 8) {
                feed.watermark();
            }
            if (step == steps / 2) {
                customers =
                        feed.ddl(
                                customers,
                                customers.column("tier", "varchar"),
                                CanalDdlType.ALTER,
                                "ALTER TABLE shop.customers ADD COLUMN tier VARCHAR(8)");
                feed.ddl(
                        orders,
                        orders,
                        CanalDdlType.CINDEX,
                        "CREATE INDEX idx_customer ON shop.orders (customer_id)");
            }
        }
        feed.watermark();
    }

    private void change(TiDbTable t) {
        List<List<String>> keys = keys(t);
        int action = keys.size() < 4 ? 0 : random.nextInt(10);
        if (action <= 3) {
            feed.insert(t, newRow(t));
        } else if (action <= 6) {
            feed.update(t, pick(keys), changes(t));
        } else if (action == 7) {
            feed.update(t, pick(keys), Map.of("id", String.valueOf(1000 + next(t))));
        } else {
            feed.delete(t, pick(keys));
        }
    }

    /** One transaction over every table: TiCDC orders its rows delete, update, insert. */
    private void severalTables() {
        List<List<String>> orderKeys = keys(orders);
        List<List<String>> itemKeys = keys(items);
        Map<String, String> customer = newRow(customers);
        Map<String, String> order = newRow(orders);
        feed.transaction(
                tx -> {
                    tx.insert(customers, customer);
                    tx.insert(orders, order);
                    if (!orderKeys.isEmpty()) {
                        tx.update(orders, orderKeys.get(0), changes(orders));
                    }
                    if (itemKeys.size() > 2) {
                        tx.delete(items, itemKeys.get(itemKeys.size() - 1));
                    }
                });
    }

    private List<List<String>> keys(TiDbTable t) {
        return feed.rows(t).stream().map(t::keyOf).collect(Collectors.toList());
    }

    private List<String> pick(List<List<String>> keys) {
        return keys.get(random.nextInt(keys.size()));
    }

    private long next(TiDbTable t) {
        return nextId.merge(t.name(), 1L, Long::sum);
    }

    private Map<String, String> newRow(TiDbTable t) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", String.valueOf(next(t)));
        for (TiDbTable.Column c : t.columns()) {
            if (!c.primaryKey()) {
                row.put(c.name(), columnOf(t, c.name()).text.apply(random));
            }
        }
        return row;
    }

    private Map<String, String> changes(TiDbTable t) {
        Map<String, String> changes = new HashMap<>();
        List<TiDbTable.Column> columns = t.columns();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            TiDbTable.Column c = columns.get(1 + random.nextInt(columns.size() - 1));
            boolean toNull = random.nextInt(4) == 0;
            changes.put(c.name(), toNull ? null : columnOf(t, c.name()).text.apply(random));
        }
        return changes;
    }

    private static ShopColumn columnOf(TiDbTable t, String name) {
        return columns(t.name()).stream()
                .filter(c -> c.name.equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static TiDbTable table(String name, List<ShopColumn> columns, List<String> later) {
        TiDbTable t = TiDbTable.of("shop", name);
        for (ShopColumn c : columns) {
            if (later.contains(c.name)) {
                continue;
            }
            t = c.primaryKey ? t.pk(c.name, c.tidbType) : t.column(c.name, c.tidbType);
        }
        return t;
    }

    private static ShopColumn col(
            String name,
            String tidbType,
            String flinkType,
            Function<Random, String> text,
            Function<String, Object> flinkValue) {
        return new ShopColumn(name, tidbType, flinkType, false, text, flinkValue);
    }

    private static LocalDateTime dateTime(Random random) {
        return LocalDateTime.of(2024, 6, 1, 0, 0)
                .plusSeconds(random.nextInt(30 * 24 * 3600))
                .plusNanos(random.nextInt(1000) * 1_000_000L);
    }

    /** Any bytes, as TiCDC's ISO-8859-1 text of a binary column. */
    private static String randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(8)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Bytes that are partly valid UTF-8 (printable and not), partly not: Go quotes each way. */
    private static String mixedBytes(Random random) {
        byte[] text = "测ü\u00a0a\"\\".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 4];
        System.arraycopy(text, 0, bytes, 2, text.length);
        bytes[0] = (byte) random.nextInt(256);
        bytes[1] = 0x07;
        bytes[bytes.length - 2] = (byte) (0x80 + random.nextInt(64));
        bytes[bytes.length - 1] = (byte) random.nextInt(32);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String isoText) {
        return isoText.getBytes(StandardCharsets.ISO_8859_1);
    }
}
