package io.github.flinkticdc.benchmarks.endtoend;

import io.github.flinkticdc.testing.TiDbTable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The one TiDB table of the end-to-end benchmark, {@code shop.orders}: twelve columns of the types
 * an order table has (BIGINT, VARCHAR, DECIMAL, INT, DOUBLE, TEXT, DATETIME, TIMESTAMP, DATE,
 * CHAR), with the Flink columns every case declares for it and the values of its rows.
 *
 * <p>The Flink types are ones that Flink's own {@code canal-json} also reads correctly, so that
 * every case does the same work on the same values and a faster case is not one that skipped a
 * conversion.
 */
final class OrdersTable {

    static final TiDbTable TABLE =
            TiDbTable.of("shop", "orders")
                    .pk("id", "bigint")
                    .column("customer_id", "bigint")
                    .column("status", "varchar")
                    .column("amount", "decimal")
                    .column("quantity", "int")
                    .column("unit_price", "double")
                    .column("note", "text")
                    .column("created_at", "datetime")
                    .column("updated_at", "timestamp")
                    .column("ship_date", "date")
                    .column("region", "char")
                    .column("version", "bigint");

    /** The Flink columns, in table order; a query selects all of them. */
    static final String FLINK_COLUMNS =
            "id BIGINT, customer_id BIGINT, status STRING, amount DECIMAL(10, 2), quantity INT,"
                    + " unit_price DOUBLE, note STRING, created_at TIMESTAMP(3),"
                    + " updated_at TIMESTAMP(3), ship_date DATE, region STRING, version BIGINT";

    /** The column names, for {@code SELECT}. */
    static final String COLUMN_NAMES =
            "id, customer_id, status, amount, quantity, unit_price, note, created_at, updated_at,"
                    + " ship_date, region, version";

    private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};
    private static final String[] REGIONS = {"EU", "US", "CN", "JP"};

    private OrdersTable() {}

    /** A new order, as TiCDC writes its values (text); {@code version} is its transaction. */
    static Map<String, String> newRow(long id, long version, Random random) {
        int quantity = 1 + random.nextInt(20);
        double unitPrice = Math.round(random.nextDouble() * 100_000) / 100.0;
        return TABLE.row(
                id,
                random.nextInt(50_000),
                STATUSES[random.nextInt(STATUSES.length)],
                String.format(Locale.ROOT, "%.2f", quantity * unitPrice),
                quantity,
                unitPrice,
                random.nextInt(3) == 0 ? "gift wrap, leave at the door" : "",
                String.format(
                        Locale.ROOT,
                        "2026-02-%02d %02d:%02d:%02d",
                        1 + random.nextInt(28),
                        random.nextInt(24),
                        random.nextInt(60),
                        random.nextInt(60)),
                updatedAt(random),
                String.format(Locale.ROOT, "2026-04-%02d", 1 + random.nextInt(28)),
                REGIONS[random.nextInt(REGIONS.length)],
                version);
    }

    /** What an UPDATE of an order changes: its status, when, and the version. */
    static Map<String, String> changes(long version, Random random) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("status", STATUSES[random.nextInt(STATUSES.length)]);
        changes.put("updated_at", updatedAt(random));
        changes.put("version", Long.toString(version));
        return changes;
    }

    private static String updatedAt(Random random) {
        return String.format(
                Locale.ROOT,
                "2026-03-%02d %02d:%02d:%02d.%03d",
                1 + random.nextInt(28),
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(60),
                random.nextInt(1000));
    }
}
