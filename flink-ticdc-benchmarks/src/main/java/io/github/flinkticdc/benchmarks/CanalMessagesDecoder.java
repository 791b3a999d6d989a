package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A value-only deserialization schema (Flink's {@code canal-json} or our {@code ticdc-canal}) fed
 * one canal-json message per change event, as a Kafka source feeds it record values.
 */
final class CanalMessagesDecoder extends RowDecoder {

    private final DeserializationSchema<RowData> schema;
    private final List<byte[]> messages;
    private final List<byte[]> readable;

    /**
     * @param readable the same messages uncompressed, for describing a failed check
     */
    CanalMessagesDecoder(
            DeserializationSchema<RowData> schema,
            RowType rowType,
            List<byte[]> messages,
            List<byte[]> readable)
            throws Exception {
        super(rowType);
        this.schema = schema;
        this.messages = messages;
        this.readable = readable;
        schema.open(new TestDecoderContext());
    }

    @Override
    int inputs() {
        return messages.size();
    }

    @Override
    int eventsIn(int input) {
        return 1;
    }

    @Override
    void decode(int input, Collector<RowData> out) throws IOException {
        schema.deserialize(messages.get(input), out);
    }

    @Override
    String describe(int input) {
        return new String(readable.get(input), StandardCharsets.UTF_8);
    }
}
