package io.github.flinkticdc.connector.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.table.data.RowData;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Objects;

/**
 * Makes the Kafka record of a changelog row for Flink's {@link KafkaSink}: the value as the value
 * schema encodes the row, no key (as TiCDC writes canal-json), the partition of the {@link
 * ChangePartitioner}, and the headers and timestamp of the row's {@link KafkaWritableMetadata}
 * columns, if any.
 */
@Internal
public final class TiCdcRecordSerializationSchema
        implements KafkaRecordSerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializationSchema<RowData> valueSchema;
    private final ChangePartitioner partitioner;
    private final int headersPos;
    private final int timestampPos;

    /**
     * @param valueSchema encodes a row, which holds the columns it reads first
     * @param headersPos the position of the row's {@code headers} column; -1 without one
     * @param timestampPos the position of the row's {@code kafka-timestamp} column; -1 without one
     */
    public TiCdcRecordSerializationSchema(
            String topic,
            SerializationSchema<RowData> valueSchema,
            ChangePartitioner partitioner,
            int headersPos,
            int timestampPos) {
        this.topic = Objects.requireNonNull(topic);
        this.valueSchema = Objects.requireNonNull(valueSchema);
        this.partitioner = Objects.requireNonNull(partitioner);
        this.headersPos = headersPos;
        this.timestampPos = timestampPos;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        valueSchema.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            RowData row, KafkaSinkContext context, Long timestamp) {
        // The value first: a key value without TiCDC text fails there, naming its column.
        byte[] value = valueSchema.serialize(row);
        return new ProducerRecord<>(
                topic,
                partitioner.partition(row, context.getPartitionsForTopic(topic)),
                timestampPos < 0 ? null : KafkaWritableMetadata.timestamp(row, timestampPos),
                null,
                value,
                headersPos < 0 ? null : KafkaWritableMetadata.headers(row, headersPos));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TiCdcRecordSerializationSchema)) {
            return false;
        }
        TiCdcRecordSerializationSchema that = (TiCdcRecordSerializationSchema) o;
        return topic.equals(that.topic)
                && valueSchema.equals(that.valueSchema)
                && partitioner.equals(that.partitioner)
                && headersPos == that.headersPos
                && timestampPos == that.timestampPos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, valueSchema, partitioner, headersPos, timestampPos);
    }
}
