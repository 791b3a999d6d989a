package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.Tso;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The metadata a TiCDC row event offers as columns ({@code METADATA FROM '<key>'}, or {@code
 * 'value.<key>'} under Flink's {@code kafka} connector). Both rows of an UPDATE carry the same
 * values. An item the protocol does not carry is NULL.
 */
@PublicEvolving
public enum TiCdcMetadata {
    /** The TiDB database. */
    DATABASE("database", DataTypes.STRING().nullable(), h -> string(h.database())),
    /** The TiDB table. */
    TABLE("table", DataTypes.STRING().nullable(), h -> string(h.table())),
    /** {@code INSERT}, {@code UPDATE} or {@code DELETE}. */
    EVENT_TYPE(
            "event-type",
            DataTypes.STRING().nullable(),
            h -> StringData.fromString(h.kind().name())),
    /** The commit TSO; NULL for canal-json without TiCDC's TiDB extension. */
    COMMIT_TS("commit-ts", DataTypes.BIGINT().nullable(), RowChange::commitTs),
    /** The physical part of the commit TSO; canal {@code es} when there is no TSO. */
    COMMIT_TIME(
            "commit-time",
            DataTypes.TIMESTAMP_LTZ(3).nullable(),
            h ->
                    h.commitTs() != null
                            ? TimestampData.fromEpochMillis(Tso.physicalMillis(h.commitTs()))
                            : millis(h.eventTimeMillis())),
    /** Canal {@code es}: the commit time in milliseconds (Flink canal-json's key). */
    EVENT_TIMESTAMP(
            "event-timestamp",
            DataTypes.TIMESTAMP_LTZ(3).nullable(),
            h -> millis(h.eventTimeMillis())),
    /** Canal {@code ts}: when TiCDC encoded the message (Flink canal-json's key). */
    INGESTION_TIMESTAMP(
            "ingestion-timestamp",
            DataTypes.TIMESTAMP_LTZ(3).nullable(),
            h -> millis(h.encodeTimeMillis())),
    /** Canal {@code pkNames}. */
    PK_NAMES(
            "pk-names",
            DataTypes.ARRAY(DataTypes.STRING()).nullable(),
            h -> h.pkNames() == null ? null : new GenericArrayData(strings(h.pkNames()))),
    /** Canal {@code sqlType}: column to java.sql.Types code. */
    SQL_TYPE(
            "sql-type",
            DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.INT().nullable()).nullable(),
            h -> h.sqlTypes() == null ? null : new GenericMapData(stringKeys(h.sqlTypes()))),
    /** Canal {@code mysqlType}: column to MySQL type. */
    MYSQL_TYPE(
            "mysql-type",
            DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.STRING().nullable()).nullable(),
            h -> h.mysqlTypes() == null ? null : new GenericMapData(stringEntries(h.mysqlTypes()))),
    /** Open protocol {@code ptn}: the physical partition of a partitioned table. */
    TABLE_PARTITION_ID(
            "table-partition-id", DataTypes.BIGINT().nullable(), RowChange::tablePartitionId);

    /** The items TiCDC's canal-json carries: all but the table partition id. */
    public static final Set<TiCdcMetadata> CANAL_JSON =
            EnumSet.complementOf(EnumSet.of(TABLE_PARTITION_ID));

    /**
     * The items TiCDC's simple protocol carries: the row's table and change, its commit TSO and
     * time, and {@code buildTs} as the ingestion timestamp.
     */
    public static final Set<TiCdcMetadata> SIMPLE =
            EnumSet.of(DATABASE, TABLE, EVENT_TYPE, COMMIT_TS, COMMIT_TIME, INGESTION_TIMESTAMP);

    /**
     * The items TiCDC's debezium protocol carries: database, table, event type, {@code
     * source.commit_ts} (commit-ts, commit-time), {@code source.ts_ms} (event-timestamp) and {@code
     * payload.ts_ms} (ingestion-timestamp).
     */
    public static final Set<TiCdcMetadata> DEBEZIUM =
            EnumSet.of(
                    DATABASE,
                    TABLE,
                    EVENT_TYPE,
                    COMMIT_TS,
                    COMMIT_TIME,
                    EVENT_TIMESTAMP,
                    INGESTION_TIMESTAMP);

    private final String key;
    private final DataType dataType;
    private final Function<RowChange, Object> reader;

    TiCdcMetadata(String key, DataType dataType, Function<RowChange, Object> reader) {
        this.key = key;
        this.dataType = dataType;
        this.reader = reader;
    }

    /** The key in {@code METADATA FROM}. */
    public String key() {
        return key;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The value for an event, as Flink's internal data. */
    public Object read(RowChange change) {
        return reader.apply(change);
    }

    /** The item with this key. */
    public static TiCdcMetadata ofKey(String key) {
        for (TiCdcMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown TiCDC metadata key: " + key);
    }

    /** Key to type of {@code items}, in enum order, for {@code listReadableMetadata}. */
    public static Map<String, DataType> types(Set<TiCdcMetadata> items) {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (TiCdcMetadata m : values()) {
            if (items.contains(m)) {
                types.put(m.key, m.dataType);
            }
        }
        return types;
    }

    private static StringData string(String value) {
        return value == null ? null : StringData.fromString(value);
    }

    private static TimestampData millis(Long epochMillis) {
        return epochMillis == null ? null : TimestampData.fromEpochMillis(epochMillis);
    }

    private static StringData[] strings(List<String> values) {
        StringData[] data = new StringData[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = string(values.get(i));
        }
        return data;
    }

    private static Map<StringData, Integer> stringKeys(Map<String, Integer> values) {
        Map<StringData, Integer> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(StringData.fromString(k), v));
        return data;
    }

    private static Map<StringData, StringData> stringEntries(Map<String, String> values) {
        Map<StringData, StringData> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(StringData.fromString(k), string(v)));
        return data;
    }
}
