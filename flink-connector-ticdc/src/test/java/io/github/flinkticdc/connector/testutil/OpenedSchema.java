package io.github.flinkticdc.connector.testutil;

import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.table.data.RowData;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link KafkaRecordDeserializationSchema} opened as the KafkaSource opens it, decoding records
 * and keeping the counters it registers.
 */
public final class OpenedSchema {

    private final KafkaRecordDeserializationSchema<RowData> schema;
    private final TestDecoderContext context = new TestDecoderContext();

    public OpenedSchema(KafkaRecordDeserializationSchema<RowData> schema) throws Exception {
        this.schema = schema;
        schema.open(context);
    }

    /** The rows one record decodes to. */
    public List<RowData> decode(ConsumerRecord<byte[], byte[]> record) throws IOException {
        List<RowData> rows = new ArrayList<>();
        schema.deserialize(record, new ListCollector<>(rows));
        return rows;
    }

    /** The value of a counter the schema registered. */
    public long counter(String name) {
        return context.counter(name);
    }
}
