package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.ordering.CommitOrderedChangelog;
import io.github.flinkticdc.connector.source.KafkaMetadata;
import io.github.flinkticdc.connector.source.TiCdcRecordDeserializationSchema;
import io.github.flinkticdc.format.common.DecoderOptions;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code 'connector' = 'ticdc'} table source: Flink's {@link KafkaSource} with a {@link
 * TiCdcRecordDeserializationSchema}. Reads only the projected columns, and the TiCDC and Kafka
 * metadata columns the query uses.
 *
 * <p>The source is built as a {@link DataStream} whose operators get uids from the planner ({@link
 * ProviderContext#generateUid}), as Flink's {@code kafka} connector does: operators that follow the
 * source later keep savepoints of today's jobs restorable.
 */
@Internal
public class TiCdcDynamicSource
        implements ScanTableSource, SupportsReadingMetadata, SupportsProjectionPushDown {

    /** The name of the source's transformation in its uid. */
    static final String SOURCE_TRANSFORMATION = "ticdc-source";

    private final DataType physicalDataType;
    private final TiCdcProtocol protocol;
    private final KafkaReadOptions kafka;
    private final DecoderOptions format;
    private final boolean upsert;
    private final Consistency consistency;
    private final String tableName;

    private DataType projectedPhysicalType;
    private List<String> metadataKeys = List.of();
    private DataType producedDataType;

    /**
     * @param format the TiCDC format options
     * @param upsert whether TiCDC writes updates without the row before, so rows are upserts
     * @param tableName the table's identifier, naming the source operator
     */
    TiCdcDynamicSource(
            DataType physicalDataType,
            TiCdcProtocol protocol,
            KafkaReadOptions kafka,
            DecoderOptions format,
            boolean upsert,
            Consistency consistency,
            String tableName) {
        this.physicalDataType = physicalDataType;
        this.protocol = protocol;
        this.kafka = kafka;
        this.format = format;
        this.upsert = upsert;
        this.consistency = consistency;
        this.tableName = tableName;
        this.projectedPhysicalType = physicalDataType;
        this.producedDataType = physicalDataType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return upsert ? ChangelogMode.upsert() : ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        TypeInformation<RowData> producedType = context.createTypeInformation(producedDataType);
        TiCdcRecordDeserializationSchema rows = createDeserializer(producedType);
        KafkaSourceBuilder<RowData> builder = KafkaSource.builder();
        kafka.configure(builder);
        boolean bounded = kafka.bounded().kind() != OffsetsSpec.Kind.UNBOUNDED;
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment env) {
                if (consistency == Consistency.EXACTLY_ONCE) {
                    return CommitOrderedChangelog.create(
                            env,
                            builder,
                            rows,
                            (RowType) producedDataType.getLogicalType(),
                            producedType,
                            projectedPhysicalType.getChildren().size(),
                            tableName,
                            providerContext.generateUid(SOURCE_TRANSFORMATION),
                            providerContext::generateUid);
                }
                DataStreamSource<RowData> stream =
                        env.fromSource(
                                builder.setDeserializer(rows).build(),
                                WatermarkStrategy.noWatermarks(),
                                "TiCdcSource-" + tableName);
                providerContext.generateUid(SOURCE_TRANSFORMATION).ifPresent(stream::uid);
                return stream;
            }

            @Override
            public boolean isBounded() {
                return bounded;
            }
        };
    }

    /** The deserializer of the source, producing rows of {@code producedType}. */
    TiCdcRecordDeserializationSchema createDeserializer(TypeInformation<RowData> producedType) {
        // The planner orders metadata keys as listReadableMetadata lists them: TiCDC keys first,
        // then Kafka keys, which is the order the deserializer appends them in.
        List<TiCdcMetadata> formatMetadata = new ArrayList<>();
        List<KafkaMetadata> kafkaMetadata = new ArrayList<>();
        for (String key : metadataKeys) {
            KafkaMetadata k = KafkaMetadata.ofKeyOrNull(key);
            if (k != null) {
                kafkaMetadata.add(k);
            } else if (kafkaMetadata.isEmpty()) {
                formatMetadata.add(TiCdcMetadata.ofKey(key));
            } else {
                throw new IllegalStateException(
                        "Metadata keys out of the order of listReadableMetadata: " + metadataKeys);
            }
        }
        return TiCdcRecordDeserializationSchema.builder(
                        protocol, (RowType) projectedPhysicalType.getLogicalType())
                .setFormatOptions(format)
                .setUpsert(upsert)
                .setReadableMetadata(formatMetadata)
                .setKafkaMetadata(kafkaMetadata)
                .setProducedTypeInfo(producedType)
                .build();
    }

    KafkaReadOptions kafkaOptions() {
        return kafka;
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata =
                new LinkedHashMap<>(TiCdcMetadata.types(EnumSet.allOf(TiCdcMetadata.class)));
        metadata.putAll(KafkaMetadata.types());
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadataKeys = List.copyOf(metadataKeys);
        this.producedDataType = producedDataType;
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.projectedPhysicalType = Projection.of(projectedFields).project(physicalDataType);
        this.producedDataType = producedDataType;
    }

    @Override
    public DynamicTableSource copy() {
        TiCdcDynamicSource copy =
                new TiCdcDynamicSource(
                        physicalDataType, protocol, kafka, format, upsert, consistency, tableName);
        copy.projectedPhysicalType = projectedPhysicalType;
        copy.metadataKeys = metadataKeys;
        copy.producedDataType = producedDataType;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "TiCDC (" + protocol + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TiCdcDynamicSource that = (TiCdcDynamicSource) o;
        return physicalDataType.equals(that.physicalDataType)
                && protocol == that.protocol
                && kafka.equals(that.kafka)
                && format.equals(that.format)
                && upsert == that.upsert
                && consistency == that.consistency
                && tableName.equals(that.tableName)
                && projectedPhysicalType.equals(that.projectedPhysicalType)
                && metadataKeys.equals(that.metadataKeys)
                && producedDataType.equals(that.producedDataType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                physicalDataType,
                protocol,
                kafka,
                format,
                upsert,
                consistency,
                tableName,
                projectedPhysicalType,
                metadataKeys,
                producedDataType);
    }

    @Override
    public String toString() {
        return asSummaryString() + " " + kafka;
    }
}
