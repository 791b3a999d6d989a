package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.ChangelogDecoder;
import io.github.flinkticdc.format.common.ChangelogOutput;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.RowsOutput;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the Kafka records of a TiCDC topic, key and value, into a Flink changelog ({@link
 * RowData} with its {@link org.apache.flink.types.RowKind}): INSERT becomes +I, UPDATE -U and +U,
 * DELETE -D; DDL, resolved and WATERMARK events emit no row. Errors name the record's topic,
 * partition and offset.
 *
 * <p>For users who build their own {@code KafkaSource} ({@link TiCdcSource} builds one for you):
 *
 * <pre>{@code
 * RowType rowType = (RowType) DataTypes.ROW(
 *         DataTypes.FIELD("id", DataTypes.BIGINT()),
 *         DataTypes.FIELD("name", DataTypes.STRING())).getLogicalType();
 * KafkaSource<RowData> source = KafkaSource.<RowData>builder()
 *         .setBootstrapServers("kafka:9092")
 *         .setTopics("tidb-shop")
 *         .setStartingOffsets(OffsetsInitializer.earliest())
 *         .setDeserializer(
 *                 TiCdcRecordDeserializationSchema.builder(TiCdcProtocol.OPEN_PROTOCOL, rowType)
 *                         .setTableInclude("orders")
 *                         .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *                         .setKafkaMetadata(List.of(KafkaMetadata.PARTITION, KafkaMetadata.OFFSET))
 *                         .build())
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class TiCdcRecordDeserializationSchema
        implements KafkaRecordDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final ChangelogDecoder decoder;
    private final List<KafkaMetadata> kafkaMetadata;
    private final TypeInformation<RowData> producedType;

    private transient KafkaMetadataAppender appender;

    private transient RowsOutput rows;

    TiCdcRecordDeserializationSchema(
            ChangelogDecoder decoder,
            List<KafkaMetadata> kafkaMetadata,
            TypeInformation<RowData> producedType) {
        this.decoder = decoder;
        this.kafkaMetadata = List.copyOf(kafkaMetadata);
        this.producedType = producedType;
    }

    /**
     * A builder for a schema reading {@code protocol}, whose physical columns are the fields of
     * {@code physicalRowType} (matched to TiDB columns by name).
     */
    public static Builder builder(TiCdcProtocol protocol, RowType physicalRowType) {
        return new Builder(protocol, physicalRowType);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        decoder.open(context.getMetricGroup());
        rows = new RowsOutput();
        appender = kafkaMetadata.isEmpty() ? null : new KafkaMetadataAppender(kafkaMetadata);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out)
            throws IOException {
        deserialize(record, rows.to(out));
    }

    /**
     * Decodes one record into {@code out}: its rows (with the Kafka metadata columns), progress and
     * DDL events, for a reader that needs more than the rows.
     */
    @Internal
    public void deserialize(ConsumerRecord<byte[], byte[]> record, ChangelogOutput out)
            throws IOException {
        decoder.decode(
                record.key(),
                record.value(),
                appender == null ? out : appender.forRecord(record, out),
                () -> origin(record));
    }

    /** How errors name a record. */
    static String origin(ConsumerRecord<?, ?> record) {
        return "topic "
                + record.topic()
                + " partition "
                + record.partition()
                + " offset "
                + record.offset();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TiCdcRecordDeserializationSchema)) {
            return false;
        }
        TiCdcRecordDeserializationSchema that = (TiCdcRecordDeserializationSchema) o;
        return decoder.equals(that.decoder)
                && kafkaMetadata.equals(that.kafkaMetadata)
                && producedType.equals(that.producedType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(decoder, kafkaMetadata, producedType);
    }

    @Override
    public String toString() {
        return "TiCdcRecordDeserializationSchema{"
                + decoder
                + ", kafka metadata "
                + kafkaMetadata
                + "}";
    }

    /**
     * Builds a {@link TiCdcRecordDeserializationSchema}; every setting but the protocol has a
     * default.
     */
    public static final class Builder
            extends TiCdcDecodingBuilder<Builder, TiCdcRecordDeserializationSchema> {

        private Builder(TiCdcProtocol protocol, RowType physicalRowType) {
            super(protocol, physicalRowType);
        }

        @Override
        protected TiCdcRecordDeserializationSchema build(DecoderSettings settings) {
            return recordSchema(settings);
        }
    }
}
