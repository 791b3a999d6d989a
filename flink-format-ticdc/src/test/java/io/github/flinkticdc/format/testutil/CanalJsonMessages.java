package io.github.flinkticdc.format.testutil;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;

import java.nio.charset.StandardCharsets;

/**
 * Single-column canal-json messages for unit tests of value rules, with the value given as the raw
 * JSON token TiCDC writes (so that escapes are exactly those of the wire).
 */
public final class CanalJsonMessages {

    /** The columns of {@link #ORDERS_HEADER}'s table: {@code id INT, name STRING}. */
    public static final RowType ORDERS_ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("name", DataTypes.STRING()))
                            .getLogicalType();

    /** The fields of a row event of table {@code shop.orders} before its type and images. */
    public static final String ORDERS_HEADER =
            "\"database\":\"shop\",\"table\":\"orders\",\"pkNames\":[\"id\"],\"isDdl\":false,"
                    + "\"es\":1,\"ts\":2,\"sql\":\"\",\"sqlType\":{\"id\":4,\"name\":12},"
                    + "\"mysqlType\":{\"id\":\"int\",\"name\":\"varchar\"}";

    private CanalJsonMessages() {}

    /** An INSERT of one column {@code c} of TiDB type {@code mysqlType}. */
    public static byte[] insert(String mysqlType, String wireJsonValue) {
        return insert("c", mysqlType, wireJsonValue);
    }

    /** An INSERT of one column with the TiDB extension (commitTs 429918007904436226). */
    public static byte[] insert(String column, String mysqlType, String wireJsonValue) {
        String json =
                "{\"id\":0,\"database\":\"db\",\"table\":\"t\",\"pkNames\":[],\"isDdl\":false,"
                        + "\"type\":\"INSERT\",\"es\":1640007049196,\"ts\":1640007050284,"
                        + "\"sql\":\"\",\"sqlType\":{\""
                        + column
                        + "\":12},\"mysqlType\":{\""
                        + column
                        + "\":\""
                        + mysqlType.replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\"},\"old\":null,\"data\":[{\""
                        + column
                        + "\":"
                        + wireJsonValue
                        + "}],\"_tidb\":{\"commitTs\":429918007904436226}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON string token of a text value. */
    public static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
