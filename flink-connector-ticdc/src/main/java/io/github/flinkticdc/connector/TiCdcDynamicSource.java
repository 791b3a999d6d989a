package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.ordering.CommitOrderOperator;
import io.github.flinkticdc.connector.ordering.CommitOrderedChangelog;
import io.github.flinkticdc.connector.source.KafkaMetadata;
import io.github.flinkticdc.connector.source.TiCdcEnvelopeDeserializationSchema;
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
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

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
        implements ScanTableSource,
                SupportsReadingMetadata,
                SupportsProjectionPushDown,
                SupportsWatermarkPushDown {

    private final DataType physicalDataType;
    private final TiCdcProtocol protocol;
    private final KafkaReadOptions kafka;
    private final DecoderOptions format;
    private final boolean upsert;
    private final Consistency consistency;
    private final boolean rowtimeIsCommitTime;
    private final String tableName;

    private DataType projectedPhysicalType;
    private int[] projection;
    private List<String> metadataKeys = List.of();
    private DataType producedDataType;
    private WatermarkStrategy<RowData> watermarkStrategy;

    /**
     * @param format the TiCDC format options
     * @param upsert whether TiCDC writes updates without the row before, so rows are upserts
     * @param rowtimeIsCommitTime whether the table's watermark is declared on its {@code
     *     commit-time} metadata column, which TiCDC's resolved ts gives exactly
     * @param tableName the table's identifier, naming the source operator
     */
    TiCdcDynamicSource(
            DataType physicalDataType,
            TiCdcProtocol protocol,
            KafkaReadOptions kafka,
            DecoderOptions format,
            boolean upsert,
            Consistency consistency,
            boolean rowtimeIsCommitTime,
            String tableName) {
        this.physicalDataType = physicalDataType;
        this.protocol = protocol;
        this.kafka = kafka;
        this.format = format;
        this.upsert = upsert;
        this.consistency = consistency;
        this.rowtimeIsCommitTime = rowtimeIsCommitTime;
        this.tableName = tableName;
        this.projectedPhysicalType = physicalDataType;
        this.projection = IntStream.range(0, DataType.getFieldCount(physicalDataType)).toArray();
        this.producedDataType = physicalDataType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return upsert ? ChangelogMode.upsert() : ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        KafkaSourceBuilder<RowData> builder = KafkaSource.builder();
        kafka.configure(builder);
        boolean bounded = kafka.bounded().kind() != OffsetsSpec.Kind.UNBOUNDED;
        StreamFactory streams =
                consistency == Consistency.EXACTLY_ONCE
                        ? commitOrdered(context, builder)
                        : asDecoded(context, builder);
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment env) {
                return streams.create(env, providerContext);
            }

            @Override
            public boolean isBounded() {
                return bounded;
            }
        };
    }

    /** Makes the source's operators when the planner translates the table. */
    @FunctionalInterface
    private interface StreamFactory {
        DataStream<RowData> create(StreamExecutionEnvironment env, ProviderContext uids);
    }

    /** {@code at-least-once}: the rows as decoded, with the declared watermark, if any. */
    private StreamFactory asDecoded(ScanContext context, KafkaSourceBuilder<RowData> builder) {
        KafkaSource<RowData> source =
                builder.setDeserializer(
                                createDeserializer(context.createTypeInformation(producedDataType)))
                        .build();
        WatermarkStrategy<RowData> watermarks =
                watermarkStrategy == null ? WatermarkStrategy.noWatermarks() : watermarkStrategy;
        return (env, uids) -> {
            DataStreamSource<RowData> stream =
                    env.fromSource(source, watermarks, "TiCdcSource-" + tableName);
            uids.generateUid(CommitOrderedChangelog.SOURCE_TRANSFORMATION).ifPresent(stream::uid);
            return stream;
        };
    }

    /**
     * {@code exactly-once}: the commit-ordered changelog. A row's identity, which tells TiCDC's
     * copies of it from other rows, is all its physical columns: they are decoded whatever the
     * query projects, and the commit-order operator projects them after. TiCDC's watermarks are
     * exact for the commit time; a watermark declared on another column is applied to the rows in
     * commit order.
     */
    private StreamFactory commitOrdered(ScanContext context, KafkaSourceBuilder<RowData> builder) {
        List<DataTypes.Field> fields = new ArrayList<>(DataType.getFields(physicalDataType));
        List<DataTypes.Field> produced = DataType.getFields(producedDataType);
        int physicalCount = fields.size();
        int[] outputFields = new int[produced.size()];
        for (int i = 0; i < produced.size(); i++) {
            if (i < projection.length) {
                outputFields[i] = projection[i];
            } else {
                outputFields[i] = fields.size();
                fields.add(produced.get(i));
            }
        }
        DataType decoded = DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).notNull();
        RowType decodedRow = (RowType) decoded.getLogicalType();
        TiCdcRecordDeserializationSchema rows =
                createDeserializer(physicalDataType, context.createTypeInformation(decoded));
        TypeInformation<RowData> outputType = context.createTypeInformation(producedDataType);
        WatermarkStrategy<RowData> declared = rowtimeIsCommitTime ? null : watermarkStrategy;
        return (env, uids) -> {
            SingleOutputStreamOperator<RowData> ordered =
                    CommitOrderedChangelog.create(
                            env,
                            builder,
                            new TiCdcEnvelopeDeserializationSchema(rows, decodedRow),
                            new CommitOrderOperator(
                                    decodedRow, physicalCount, format.ddl(), outputFields),
                            outputType,
                            tableName,
                            uids.generateUid(CommitOrderedChangelog.SOURCE_TRANSFORMATION),
                            uids::generateUid);
            return declared == null ? ordered : ordered.assignTimestampsAndWatermarks(declared);
        };
    }

    /** The deserializer of the source, producing rows of {@code producedType}. */
    TiCdcRecordDeserializationSchema createDeserializer(TypeInformation<RowData> producedType) {
        return createDeserializer(projectedPhysicalType, producedType);
    }

    /**
     * The deserializer of rows of {@code physical} columns and the metadata columns, of type {@code
     * producedType}.
     */
    private TiCdcRecordDeserializationSchema createDeserializer(
            DataType physical, TypeInformation<RowData> producedType) {
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
                        protocol, (RowType) physical.getLogicalType())
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

    /**
     * The strategy of the table's {@code WATERMARK} clause. Under {@code exactly-once} a watermark
     * on the {@code commit-time} column comes from TiCDC's resolved ts instead, with no delay.
     */
    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarkStrategy = watermarkStrategy;
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.projectedPhysicalType = Projection.of(projectedFields).project(physicalDataType);
        this.projection = Projection.of(projectedFields).toTopLevelIndexes();
        this.producedDataType = producedDataType;
    }

    @Override
    public DynamicTableSource copy() {
        TiCdcDynamicSource copy =
                new TiCdcDynamicSource(
                        physicalDataType,
                        protocol,
                        kafka,
                        format,
                        upsert,
                        consistency,
                        rowtimeIsCommitTime,
                        tableName);
        copy.projectedPhysicalType = projectedPhysicalType;
        copy.projection = projection;
        copy.metadataKeys = metadataKeys;
        copy.producedDataType = producedDataType;
        copy.watermarkStrategy = watermarkStrategy;
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
                && rowtimeIsCommitTime == that.rowtimeIsCommitTime
                && Objects.equals(watermarkStrategy, that.watermarkStrategy)
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
                rowtimeIsCommitTime,
                tableName,
                watermarkStrategy,
                projectedPhysicalType,
                metadataKeys,
                producedDataType);
    }

    @Override
    public String toString() {
        return asSummaryString() + " " + kafka;
    }
}
