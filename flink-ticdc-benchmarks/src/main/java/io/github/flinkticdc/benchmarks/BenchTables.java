package io.github.flinkticdc.benchmarks;

import org.apache.flink.table.api.DataTypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The three tables the cases read: a narrow one (3 columns), the {@code shop.orders} table of the
 * earlier benchmark (12 columns) and a wide one (40 columns of every kind of TiDB type TiCDC writes
 * as text).
 *
 * <p>Values are what TiDB holds and TiCDC prints: decimals with exactly their scale, DATETIME with
 * and without a fraction, TIMESTAMP in the TiCDC server's zone without an offset, ENUM as its
 * 1-based index and SET as its bitmask (TiCDC's default; only {@code content-compatible=true}
 * writes the labels), binary columns as bytes.
 *
 * <p>Flink's {@code canal-json} reads some wide columns into other values than TiCDC means, so its
 * declared row leaves them out (each is marked where it is defined): {@code active} (TINYINT(1) as
 * BOOLEAN: Flink reads "1" as false), {@code seen_at} (TIMESTAMP as TIMESTAMP_LTZ: Flink wants a
 * "Z" suffix and has no time-zone option, so it fails), and the binary columns {@code uuid}, {@code
 * token} and {@code payload} (Flink base64-decodes BYTES, which fails on TiCDC's ISO-8859-1 text
 * or, worse, yields other bytes).
 */
final class BenchTables {

    private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};
    private static final String[] REGIONS = {"EU", "US", "CN", "JP"};
    private static final String[] CITIES = {"Berlin", "São Paulo", "上海", "Zürich", "Austin"};

    /** {@code shop.stock}: a key and two values. */
    static final BenchTable NARROW =
            new BenchTable(
                    "shop",
                    "stock",
                    List.of(
                            BenchColumn.of("id", "bigint", DataTypes.BIGINT().notNull(), id()),
                            BenchColumn.of("sku", "varchar", DataTypes.STRING(), word("sku-")),
                            BenchColumn.of("qty", "int", DataTypes.INT(), integer(10_000))
                                    .changedByUpdates()));

    /** {@code shop.orders}: an order as a shop writes it. */
    static final BenchTable ORDERS =
            new BenchTable(
                    "shop",
                    "orders",
                    List.of(
                            BenchColumn.of("id", "bigint", DataTypes.BIGINT().notNull(), id()),
                            BenchColumn.of(
                                    "customer_id", "bigint", DataTypes.BIGINT(), integer(50_000)),
                            BenchColumn.of("status", "varchar", DataTypes.STRING(), oneOf(STATUSES))
                                    .changedByUpdates(),
                            BenchColumn.of(
                                            "amount",
                                            "decimal",
                                            DataTypes.DECIMAL(10, 2),
                                            decimal(10_000_000, 2))
                                    .changedByUpdates(),
                            BenchColumn.of("quantity", "int", DataTypes.INT(), integer(20)),
                            BenchColumn.of(
                                    "unit_price",
                                    "double",
                                    DataTypes.DOUBLE(),
                                    decimal(100_000, 2)),
                            BenchColumn.of(
                                            "note",
                                            "text",
                                            DataTypes.STRING(),
                                            (r, id) -> "gift wrap, leave at the door")
                                    .nullOneIn(3),
                            BenchColumn.of(
                                    "created_at", "datetime", DataTypes.TIMESTAMP(3), dateTime(0)),
                            BenchColumn.of(
                                            "updated_at",
                                            "timestamp",
                                            DataTypes.TIMESTAMP(3),
                                            dateTime(3))
                                    .changedByUpdates(),
                            BenchColumn.of("ship_date", "date", DataTypes.DATE(), date()),
                            BenchColumn.of("region", "char", DataTypes.STRING(), oneOf(REGIONS)),
                            BenchColumn.of("version", "bigint", DataTypes.BIGINT(), integer(100))
                                    .changedByUpdates()));

    /** {@code shop.accounts}: 40 columns of mixed types. */
    static final BenchTable WIDE =
            new BenchTable(
                    "shop",
                    "accounts",
                    List.of(
                            BenchColumn.of("id", "bigint", DataTypes.BIGINT().notNull(), id()),
                            BenchColumn.of("tenant_id", "int", DataTypes.INT(), integer(1000)),
                            BenchColumn.of("tiny", "tinyint", DataTypes.TINYINT(), integer(127)),
                            BenchColumn.of(
                                    "small", "smallint", DataTypes.SMALLINT(), integer(32_000)),
                            BenchColumn.of(
                                    "medium", "mediumint", DataTypes.INT(), integer(8_000_000)),
                            BenchColumn.of(
                                    "big_unsigned",
                                    "bigint unsigned",
                                    DataTypes.DECIMAL(20, 0),
                                    (r, id) -> new BigInteger(Long.SIZE, r)),
                            BenchColumn.of(
                                    "int_unsigned",
                                    "int unsigned",
                                    DataTypes.BIGINT(),
                                    (r, id) -> Integer.toUnsignedString(r.nextInt())),
                            BenchColumn.of(
                                            "price",
                                            "decimal",
                                            DataTypes.DECIMAL(12, 2),
                                            decimal(1_000_000_000, 2))
                                    .changedByUpdates(),
                            BenchColumn.of(
                                    "rate",
                                    "decimal",
                                    DataTypes.DECIMAL(20, 6),
                                    decimal(1_000_000_000, 6)),
                            BenchColumn.of("weight", "float", DataTypes.FLOAT(), decimal(1000, 1)),
                            BenchColumn.of(
                                    "score",
                                    "double",
                                    DataTypes.DOUBLE(),
                                    decimal(1_000_000_000, 9)),
                            BenchColumn.of("name", "varchar", DataTypes.STRING(), word("user-")),
                            BenchColumn.of("code", "char", DataTypes.STRING(), word("C")),
                            BenchColumn.of(
                                            "description",
                                            "text",
                                            DataTypes.STRING(),
                                            (r, id) ->
                                                    "Prefers e-mail, \"quiet\" hours 22-07;"
                                                            + " notes: größe M, 尺寸 中")
                                    .nullOneIn(4),
                            BenchColumn.of(
                                    "email",
                                    "varchar",
                                    DataTypes.STRING(),
                                    (r, id) -> "user" + id + "@example.com"),
                            BenchColumn.of(
                                    "phone",
                                    "varchar",
                                    DataTypes.STRING(),
                                    (r, id) -> "+49 30 " + (1_000_000 + r.nextInt(9_000_000))),
                            BenchColumn.of("city", "varchar", DataTypes.STRING(), oneOf(CITIES)),
                            BenchColumn.of(
                                    "created_at", "datetime", DataTypes.TIMESTAMP(0), dateTime(0)),
                            BenchColumn.of(
                                            "updated_at",
                                            "datetime",
                                            DataTypes.TIMESTAMP(6),
                                            dateTime(6))
                                    .changedByUpdates(),
                            BenchColumn.of(
                                    "shipped_at", "timestamp", DataTypes.TIMESTAMP(3), dateTime(3)),
                            // Flink reads no TIMESTAMP text into TIMESTAMP_LTZ (no zone option).
                            BenchColumn.of(
                                            "seen_at",
                                            "timestamp",
                                            DataTypes.TIMESTAMP_LTZ(3),
                                            dateTime(3))
                                    .notReadAlikeByFlink()
                                    .changedByUpdates(),
                            BenchColumn.of("birthday", "date", DataTypes.DATE(), date()),
                            BenchColumn.of("open_time", "time", DataTypes.TIME(0), time()),
                            BenchColumn.of(
                                    "model_year",
                                    "year",
                                    DataTypes.INT(),
                                    (r, id) -> 1990 + r.nextInt(37)),
                            BenchColumn.of(
                                            "status",
                                            "enum",
                                            DataTypes.STRING(),
                                            (r, id) -> 1 + r.nextInt(4))
                                    .changedByUpdates(),
                            BenchColumn.of(
                                    "permissions", "set", DataTypes.BIGINT(), integer(1 << 6)),
                            BenchColumn.of("bits", "bit", DataTypes.BIGINT(), integer(256)),
                            BenchColumn.of(
                                            "attrs",
                                            "json",
                                            DataTypes.STRING(),
                                            (r, id) ->
                                                    "{\"plan\": \"pro\", \"seats\": "
                                                            + r.nextInt(100)
                                                            + "}")
                                    .nullOneIn(5),
                            // Flink reads TINYINT(1) "1" as false (Boolean.parseBoolean).
                            BenchColumn.of(
                                            "active",
                                            "tinyint",
                                            DataTypes.BOOLEAN(),
                                            (r, id) -> r.nextInt(2))
                                    .notReadAlikeByFlink(),
                            // Flink base64-decodes BYTES; TiCDC writes binary as ISO-8859-1.
                            BenchColumn.of("uuid", "binary", DataTypes.BYTES(), bytes(16))
                                    .notReadAlikeByFlink(),
                            BenchColumn.of("token", "varbinary", DataTypes.BYTES(), bytes(24))
                                    .notReadAlikeByFlink(),
                            BenchColumn.of("payload", "blob", DataTypes.BYTES(), bytes(64))
                                    .notReadAlikeByFlink()
                                    .nullOneIn(3),
                            BenchColumn.of(
                                    "ratio", "double", DataTypes.DOUBLE(), decimal(10_000, 4)),
                            BenchColumn.of("qty", "int", DataTypes.INT(), integer(10_000))
                                    .changedByUpdates(),
                            BenchColumn.of(
                                    "total",
                                    "decimal",
                                    DataTypes.DECIMAL(16, 4),
                                    decimal(1_000_000_000, 4)),
                            BenchColumn.of("country", "char", DataTypes.STRING(), oneOf(REGIONS)),
                            BenchColumn.of("zip", "varchar", DataTypes.STRING(), integer(99_999)),
                            BenchColumn.of(
                                    "lat", "double", DataTypes.DOUBLE(), decimal(90_000_000, 6)),
                            BenchColumn.of(
                                    "lon", "double", DataTypes.DOUBLE(), decimal(180_000_000, 6)),
                            BenchColumn.of("version", "bigint", DataTypes.BIGINT(), integer(100))
                                    .changedByUpdates()));

    private BenchTables() {}

    private static BenchColumn.Values id() {
        return (r, id) -> id;
    }

    private static BenchColumn.Values integer(int bound) {
        return (r, id) -> r.nextInt(bound);
    }

    /** A decimal below {@code bound / 10^scale} with exactly {@code scale} digits. */
    private static BenchColumn.Values decimal(long bound, int scale) {
        return (r, id) ->
                BigDecimal.valueOf(Math.floorMod(r.nextLong(), bound), scale).toPlainString();
    }

    private static BenchColumn.Values word(String prefix) {
        return (r, id) -> prefix + Integer.toString(r.nextInt(1 << 30), 36);
    }

    private static BenchColumn.Values oneOf(String[] choices) {
        return (r, id) -> choices[r.nextInt(choices.length)];
    }

    private static BenchColumn.Values date() {
        return (r, id) ->
                String.format(Locale.ROOT, "2026-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
    }

    private static BenchColumn.Values time() {
        return (r, id) ->
                String.format(
                        Locale.ROOT, "%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
    }

    /** DATETIME or TIMESTAMP text as TiCDC prints it, with {@code fraction} digits. */
    private static BenchColumn.Values dateTime(int fraction) {
        BenchColumn.Values date = date();
        BenchColumn.Values time = time();
        return (r, id) -> {
            String text = date.next(r, id) + " " + time.next(r, id);
            if (fraction == 0) {
                return text;
            }
            int digits = r.nextInt((int) Math.pow(10, fraction));
            return text + String.format(Locale.ROOT, ".%0" + fraction + "d", digits);
        };
    }

    private static BenchColumn.Values bytes(int length) {
        return (r, id) -> {
            byte[] value = new byte[length];
            r.nextBytes(value);
            return value;
        };
    }
}
