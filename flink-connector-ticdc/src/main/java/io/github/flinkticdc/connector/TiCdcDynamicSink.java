package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.sink.ChangePartitioner;
import io.github.flinkticdc.connector.sink.KafkaWritableMetadata;
import io.github.flinkticdc.connector.sink.TiCdcRecordSerializationSchema;
import io.github.flinkticdc.format.canal.TableNames;
import io.github.flinkticdc.format.canal.TiCdcCanalEncodingFormat;
import io.github.flinkticdc.format.common.TiCdcMetadata;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsWritingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code 'connector' = 'ticdc'} table sink: Flink's {@link KafkaSink} writing each change as a
 * TiCDC canal-json message (the {@code ticdc-canal} format's encoding), with the TiCDC metadata
 * columns given to the format and the Kafka ones to the record. Each change goes to the partition
 * of its row's primary key ({@link ChangePartitioner}).
 */
@Internal
public class TiCdcDynamicSink implements DynamicTableSink, SupportsWritingMetadata {

    private final DataType physicalDataType;
    private final int[] primaryKey;
    private final KafkaWriteOptions kafka;
    private final String database;
    private final String table;
    private final ZoneId timestampZone;
    private final Integer parallelism;

    private List<String> metadataKeys = List.of();

    /**
     * @param primaryKey the positions of the primary key's columns; empty without one
     * @param database the TiDB database written when a row gives none
     * @param table the TiDB table written when a row gives none
     * @param parallelism the sink's parallelism; null for that of its input
     */
    TiCdcDynamicSink(
            DataType physicalDataType,
            int[] primaryKey,
            KafkaWriteOptions kafka,
            String database,
            String table,
            ZoneId timestampZone,
            Integer parallelism) {
        this.physicalDataType = physicalDataType;
        this.primaryKey = primaryKey.clone();
        this.kafka = kafka;
        this.database = database;
        this.table = table;
        this.timestampZone = timestampZone;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return ChangelogMode.all();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(
                kafka.configure(KafkaSink.builder())
                        .setRecordSerializer(recordSerializer(context))
                        .build(),
                parallelism);
    }

    /**
     * The planner appends the metadata columns to the physical ones in the order of {@link
     * #listWritableMetadata}: the format's first, which its encoder reads right after the physical
     * columns, then Kafka's.
     */
    TiCdcRecordSerializationSchema recordSerializer(Context context) {
        RowType physical = (RowType) physicalDataType.getLogicalType();
        List<String> formatKeys = new ArrayList<>();
        int columns = physical.getFieldCount();
        int headersPos = -1;
        int timestampPos = -1;
        for (int i = 0; i < metadataKeys.size(); i++) {
            KafkaWritableMetadata item = KafkaWritableMetadata.ofKeyOrNull(metadataKeys.get(i));
            if (item == KafkaWritableMetadata.HEADERS) {
                headersPos = columns + i;
            } else if (item == KafkaWritableMetadata.KAFKA_TIMESTAMP) {
                timestampPos = columns + i;
            } else if (headersPos < 0 && timestampPos < 0) {
                formatKeys.add(metadataKeys.get(i));
            } else {
                throw new IllegalStateException(
                        "Metadata keys out of the order of listWritableMetadata: " + metadataKeys);
            }
        }
        TiCdcCanalEncodingFormat format = encodingFormat();
        format.applyWritableMetadata(formatKeys);
        SerializationSchema<RowData> value = format.createRuntimeEncoder(context, physicalDataType);
        List<TiCdcMetadata> formatMetadata = new ArrayList<>(formatKeys.size());
        for (String key : formatKeys) {
            formatMetadata.add(TiCdcMetadata.ofKey(key));
        }
        TableNames names = TableNames.of(database, table, formatMetadata, columns);
        return new TiCdcRecordSerializationSchema(
                kafka.topic(),
                value,
                new ChangePartitioner(physical, primaryKey, timestampZone, names),
                headersPos,
                timestampPos);
    }

    private TiCdcCanalEncodingFormat encodingFormat() {
        List<String> fieldNames = DataType.getFieldNames(physicalDataType);
        List<String> keyNames = new ArrayList<>();
        for (int column : primaryKey) {
            keyNames.add(fieldNames.get(column));
        }
        return new TiCdcCanalEncodingFormat(database, table, keyNames, timestampZone);
    }

    KafkaWriteOptions kafkaOptions() {
        return kafka;
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        Map<String, DataType> metadata =
                new LinkedHashMap<>(encodingFormat().listWritableMetadata());
        metadata.putAll(KafkaWritableMetadata.types());
        return metadata;
    }

    @Override
    public void applyWritableMetadata(List<String> metadataKeys, DataType consumedDataType) {
        this.metadataKeys = List.copyOf(metadataKeys);
    }

    @Override
    public DynamicTableSink copy() {
        TiCdcDynamicSink copy =
                new TiCdcDynamicSink(
                        physicalDataType,
                        primaryKey,
                        kafka,
                        database,
                        table,
                        timestampZone,
                        parallelism);
        copy.metadataKeys = metadataKeys;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "TiCDC (canal-json)";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TiCdcDynamicSink that = (TiCdcDynamicSink) o;
        return physicalDataType.equals(that.physicalDataType)
                && Arrays.equals(primaryKey, that.primaryKey)
                && kafka.equals(that.kafka)
                && database.equals(that.database)
                && table.equals(that.table)
                && timestampZone.equals(that.timestampZone)
                && Objects.equals(parallelism, that.parallelism)
                && metadataKeys.equals(that.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                physicalDataType,
                Arrays.hashCode(primaryKey),
                kafka,
                database,
                table,
                timestampZone,
                parallelism,
                metadataKeys);
    }

    @Override
    public String toString() {
        return asSummaryString() + " " + kafka;
    }
}
