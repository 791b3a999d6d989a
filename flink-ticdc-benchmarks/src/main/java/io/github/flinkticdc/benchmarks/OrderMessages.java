package io.github.flinkticdc.benchmarks;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * TiCDC canal-json messages (with the TiDB extension) for a 12-column {@code shop.orders} table, in
 * the field order current TiCDC writes: 70% INSERT, 20% UPDATE with the full old row, 10% DELETE.
 * Deterministic, so runs compare.
 */
final class OrderMessages {

    /** The Flink row both decoders produce; only types that Flink's canal-json reads correctly. */
    static final DataType ROW =
            DataTypes.ROW(
                            DataTypes.FIELD("id", DataTypes.BIGINT()),
                            DataTypes.FIELD("customer_id", DataTypes.BIGINT()),
                            DataTypes.FIELD("status", DataTypes.STRING()),
                            DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)),
                            DataTypes.FIELD("quantity", DataTypes.INT()),
                            DataTypes.FIELD("unit_price", DataTypes.DOUBLE()),
                            DataTypes.FIELD("note", DataTypes.STRING()),
                            DataTypes.FIELD("created_at", DataTypes.TIMESTAMP(3)),
                            DataTypes.FIELD("updated_at", DataTypes.TIMESTAMP(3)),
                            DataTypes.FIELD("ship_date", DataTypes.DATE()),
                            DataTypes.FIELD("region", DataTypes.STRING()),
                            DataTypes.FIELD("version", DataTypes.BIGINT()))
                    .notNull();

    private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};
    private static final String[] REGIONS = {"EU", "US", "CN", "JP"};
    private static final String TYPES =
            "\"sqlType\":{\"id\":-5,\"customer_id\":-5,\"status\":12,\"amount\":3,\"quantity\":4,"
                    + "\"unit_price\":8,\"note\":2005,\"created_at\":93,\"updated_at\":93,"
                    + "\"ship_date\":91,\"region\":1,\"version\":-5},"
                    + "\"mysqlType\":{\"id\":\"bigint\",\"customer_id\":\"bigint\","
                    + "\"status\":\"varchar\",\"amount\":\"decimal\",\"quantity\":\"int\","
                    + "\"unit_price\":\"double\",\"note\":\"text\",\"created_at\":\"datetime\","
                    + "\"updated_at\":\"timestamp\",\"ship_date\":\"date\",\"region\":\"char\","
                    + "\"version\":\"bigint\"}";

    private OrderMessages() {}

    static List<byte[]> generate(int count) {
        Random random = new Random(42);
        List<byte[]> messages = new ArrayList<>(count);
        long commitTs = 464073967049113629L;
        for (int i = 0; i < count; i++) {
            commitTs += 1 + random.nextInt(1 << 20);
            int kind = random.nextInt(10);
            String row = row(i, random, 1);
            String json;
            if (kind < 7) {
                json = message("INSERT", commitTs, row, null);
            } else if (kind < 9) {
                json = message("UPDATE", commitTs, row(i, random, 2), row);
            } else {
                json = message("DELETE", commitTs, row, null);
            }
            messages.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }

    private static String message(String type, long commitTs, String data, String old) {
        long es = commitTs >>> 18;
        return "{\"id\":0,\"database\":\"shop\",\"table\":\"orders\",\"pkNames\":[\"id\"],"
                + "\"isDdl\":false,\"type\":\""
                + type
                + "\",\"es\":"
                + es
                + ",\"ts\":"
                + (es + 37)
                + ",\"sql\":\"\","
                + TYPES
                + ",\"old\":"
                + (old == null ? "null" : "[" + old + "]")
                + ",\"data\":["
                + data
                + "],\"_tidb\":{\"commitTs\":"
                + commitTs
                + "}}";
    }

    private static String row(int id, Random random, int version) {
        int quantity = 1 + random.nextInt(20);
        double unitPrice = Math.round(random.nextDouble() * 100_000) / 100.0;
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%d\",\"customer_id\":\"%d\",\"status\":\"%s\",\"amount\":\"%.2f\","
                        + "\"quantity\":\"%d\",\"unit_price\":\"%s\",\"note\":\"%s\","
                        + "\"created_at\":\"2026-02-%02d %02d:%02d:%02d\","
                        + "\"updated_at\":\"2026-03-%02d %02d:%02d:%02d.%03d\","
                        + "\"ship_date\":\"2026-04-%02d\",\"region\":\"%s\",\"version\":\"%d\"}",
                1_000_000 + id,
                random.nextInt(50_000),
                STATUSES[random.nextInt(STATUSES.length)],
                quantity * unitPrice,
                quantity,
                unitPrice,
                random.nextInt(3) == 0 ? "gift wrap, leave at the door" : "",
                1 + random.nextInt(28),
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(60),
                1 + random.nextInt(28),
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(60),
                random.nextInt(1000),
                1 + random.nextInt(28),
                REGIONS[random.nextInt(REGIONS.length)],
                version);
    }
}
