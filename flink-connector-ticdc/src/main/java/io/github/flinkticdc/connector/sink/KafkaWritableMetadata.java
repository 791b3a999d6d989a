package io.github.flinkticdc.connector.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka record fields a {@code ticdc} sink row can set ({@code METADATA FROM '<key>'}), as
 * Flink's {@code kafka} sink offers them. The timestamp has the key the {@code ticdc} source reads
 * it with, so that a table can be read and written with one declaration.
 */
@PublicEvolving
public enum KafkaWritableMetadata {
    /** The record's headers; a NULL map or value writes none, or a header without a value. */
    HEADERS("headers", DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.BYTES().nullable())),
    /** The record's timestamp; NULL lets the producer set the time of sending. */
    KAFKA_TIMESTAMP("kafka-timestamp", DataTypes.TIMESTAMP_LTZ(3));

    private final String key;
    private final DataType dataType;

    KafkaWritableMetadata(String key, DataType dataType) {
        this.key = key;
        this.dataType = dataType.nullable();
    }

    /** The key in {@code METADATA FROM}. */
    public String key() {
        return key;
    }

    /** The type of the metadata column. */
    public DataType dataType() {
        return dataType;
    }

    /** The item of {@code key}, or null if {@code key} is not a Kafka item. */
    public static KafkaWritableMetadata ofKeyOrNull(String key) {
        for (KafkaWritableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        return null;
    }

    /** The keys and types of all items, for {@code listWritableMetadata}. */
    public static Map<String, DataType> types() {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (KafkaWritableMetadata m : values()) {
            types.put(m.key, m.dataType);
        }
        return types;
    }

    /** The timestamp at {@code pos} of {@code row} in epoch milliseconds, or null. */
    static Long timestamp(RowData row, int pos) {
        return row.isNullAt(pos) ? null : row.getTimestamp(pos, 3).getMillisecond();
    }

    /** The headers at {@code pos} of {@code row}, in the map's order, or null. */
    static List<Header> headers(RowData row, int pos) {
        if (row.isNullAt(pos)) {
            return null;
        }
        MapData map = row.getMap(pos);
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        List<Header> headers = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            headers.add(
                    new RecordHeader(
                            keys.getString(i).toString(),
                            values.isNullAt(i) ? null : values.getBinary(i)));
        }
        return headers;
    }
}
