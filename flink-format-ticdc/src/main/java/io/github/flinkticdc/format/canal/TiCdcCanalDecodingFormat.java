package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.protocol.canal.CanalJsonMessage;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code ticdc-canal} decoding format: projection, metadata and the changelog it emits. */
public class TiCdcCanalDecodingFormat
        implements ProjectableDecodingFormat<DeserializationSchema<RowData>> {

    private final boolean ignoreParseErrors;
    private final String databaseInclude;
    private final String tableInclude;
    private final ZoneId timestampZone;
    private final DdlHandling ddl;
    private final Compression compression;

    private List<String> metadataKeys = Collections.emptyList();

    public TiCdcCanalDecodingFormat(
            boolean ignoreParseErrors,
            String databaseInclude,
            String tableInclude,
            ZoneId timestampZone,
            DdlHandling ddl,
            Compression compression) {
        this.ignoreParseErrors = ignoreParseErrors;
        this.databaseInclude = databaseInclude;
        this.tableInclude = tableInclude;
        this.timestampZone = timestampZone;
        this.ddl = ddl;
        this.compression = compression;
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
        DataType projected = Projection.of(projections).project(physicalDataType);
        List<ReadableMetadata> metadata = new ArrayList<>();
        List<DataTypes.Field> fields = new ArrayList<>(DataType.getFields(projected));
        for (String key : metadataKeys) {
            ReadableMetadata m = ReadableMetadata.ofKey(key);
            metadata.add(m);
            fields.add(DataTypes.FIELD(key, m.dataType));
        }
        TypeInformation<RowData> producedTypeInfo =
                context.createTypeInformation(
                        DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).notNull());
        return TiCdcCanalDeserializationSchema.builder((RowType) projected.getLogicalType())
                .setReadableMetadata(metadata)
                .setProducedTypeInfo(producedTypeInfo)
                .setIgnoreParseErrors(ignoreParseErrors)
                .setDatabaseInclude(databaseInclude)
                .setTableInclude(tableInclude)
                .setTimestampZone(timestampZone)
                .setDdlHandling(ddl)
                .setCompression(compression)
                .build();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.newBuilder()
                .addContainedKind(RowKind.INSERT)
                .addContainedKind(RowKind.UPDATE_BEFORE)
                .addContainedKind(RowKind.UPDATE_AFTER)
                .addContainedKind(RowKind.DELETE)
                .build();
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        for (ReadableMetadata m : ReadableMetadata.values()) {
            metadata.put(m.key, m.dataType);
        }
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TiCdcCanalDecodingFormat that = (TiCdcCanalDecodingFormat) o;
        return ignoreParseErrors == that.ignoreParseErrors
                && Objects.equals(databaseInclude, that.databaseInclude)
                && Objects.equals(tableInclude, that.tableInclude)
                && timestampZone.equals(that.timestampZone)
                && ddl == that.ddl
                && compression == that.compression
                && metadataKeys.equals(that.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                ignoreParseErrors,
                databaseInclude,
                tableInclude,
                timestampZone,
                ddl,
                compression,
                metadataKeys);
    }

    /** Metadata a {@code ticdc-canal} table can read ({@code METADATA FROM 'value.<key>'}). */
    public enum ReadableMetadata {
        /** {@code database}. */
        DATABASE("database", DataTypes.STRING().nullable(), m -> string(m.database())),
        /** {@code table}. */
        TABLE("table", DataTypes.STRING().nullable(), m -> string(m.table())),
        /** {@code INSERT}, {@code UPDATE} or {@code DELETE}. */
        EVENT_TYPE("event-type", DataTypes.STRING().nullable(), m -> string(m.type())),
        /** {@code _tidb.commitTs}: the commit TSO; NULL without TiCDC's TiDB extension. */
        COMMIT_TS("commit-ts", DataTypes.BIGINT().nullable(), CanalJsonMessage::commitTs),
        /** The physical part of the commit TSO; from {@code es} without the extension. */
        COMMIT_TIME(
                "commit-time",
                DataTypes.TIMESTAMP_LTZ(3).nullable(),
                m ->
                        m.commitTs() != null
                                ? TimestampData.fromEpochMillis(Tso.physicalMillis(m.commitTs()))
                                : millis(m.es())),
        /** {@code es}: the commit time in milliseconds (Flink canal-json's key). */
        EVENT_TIMESTAMP(
                "event-timestamp", DataTypes.TIMESTAMP_LTZ(3).nullable(), m -> millis(m.es())),
        /** {@code ts}: when TiCDC encoded the message (Flink canal-json's key). */
        INGESTION_TIMESTAMP(
                "ingestion-timestamp", DataTypes.TIMESTAMP_LTZ(3).nullable(), m -> millis(m.ts())),
        /** {@code pkNames}. */
        PK_NAMES(
                "pk-names",
                DataTypes.ARRAY(DataTypes.STRING()).nullable(),
                m -> m.pkNames() == null ? null : new GenericArrayData(strings(m.pkNames()))),
        /** {@code sqlType}: column to java.sql.Types code. */
        SQL_TYPE(
                "sql-type",
                DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.INT().nullable()).nullable(),
                m -> m.sqlTypes() == null ? null : new GenericMapData(stringKeys(m.sqlTypes()))),
        /** {@code mysqlType}: column to MySQL type. */
        MYSQL_TYPE(
                "mysql-type",
                DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.STRING().nullable())
                        .nullable(),
                m ->
                        m.mysqlTypes() == null
                                ? null
                                : new GenericMapData(stringEntries(m.mysqlTypes())));

        final String key;
        final DataType dataType;
        private final Reader reader;

        ReadableMetadata(String key, DataType dataType, Reader reader) {
            this.key = key;
            this.dataType = dataType;
            this.reader = reader;
        }

        /** The key after {@code value.} in {@code METADATA FROM}. */
        public String key() {
            return key;
        }

        public DataType dataType() {
            return dataType;
        }

        Object read(CanalJsonMessage message) {
            return reader.read(message);
        }

        static ReadableMetadata ofKey(String key) {
            for (ReadableMetadata m : values()) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("Unknown ticdc-canal metadata key: " + key);
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

        @FunctionalInterface
        private interface Reader {
            Object read(CanalJsonMessage message);
        }
    }
}
