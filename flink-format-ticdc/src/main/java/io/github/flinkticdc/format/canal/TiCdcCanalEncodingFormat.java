package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The encoding format of {@code ticdc-canal}: every row kind, the writable metadata of {@link
 * TiCdcCanalSerializationSchema}, and a {@code pkNames} of the table's primary key columns that the
 * written value holds.
 */
@Internal
public final class TiCdcCanalEncodingFormat
        implements EncodingFormat<SerializationSchema<RowData>> {

    private final String database;
    private final String table;
    private final List<String> primaryKey;
    private final ZoneId timestampZone;

    private List<String> metadataKeys = Collections.emptyList();

    /**
     * @param database the database name written when a row gives none
     * @param table the table name written when a row gives none
     * @param primaryKey the table's primary key columns; empty without one
     */
    public TiCdcCanalEncodingFormat(
            String database, String table, List<String> primaryKey, ZoneId timestampZone) {
        this.database = Objects.requireNonNull(database);
        this.table = Objects.requireNonNull(table);
        this.primaryKey = List.copyOf(primaryKey);
        this.timestampZone = Objects.requireNonNull(timestampZone);
    }

    @Override
    public SerializationSchema<RowData> createRuntimeEncoder(
            DynamicTableSink.Context context, DataType physicalDataType) {
        RowType rowType = (RowType) physicalDataType.getLogicalType();
        // The connector may write only some columns in the value (Kafka's value.fields-include):
        // pkNames names those of the key that the message holds.
        List<String> writtenKey = new ArrayList<>(primaryKey);
        writtenKey.retainAll(rowType.getFieldNames());
        List<TiCdcMetadata> metadata = new ArrayList<>();
        for (String key : metadataKeys) {
            metadata.add(TiCdcMetadata.ofKey(key));
        }
        return TiCdcCanalSerializationSchema.builder(rowType, database, table)
                .setPrimaryKey(writtenKey)
                .setWritableMetadata(metadata)
                .setTimestampZone(timestampZone)
                .build();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.all();
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        return TiCdcMetadata.types(TiCdcCanalSerializationSchema.WRITABLE_METADATA);
    }

    @Override
    public void applyWritableMetadata(List<String> metadataKeys) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
    }

    /** Equal formats write the same messages. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TiCdcCanalEncodingFormat)) {
            return false;
        }
        TiCdcCanalEncodingFormat that = (TiCdcCanalEncodingFormat) o;
        return database.equals(that.database)
                && table.equals(that.table)
                && primaryKey.equals(that.primaryKey)
                && timestampZone.equals(that.timestampZone)
                && metadataKeys.equals(that.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(database, table, primaryKey, timestampZone, metadataKeys);
    }
}
