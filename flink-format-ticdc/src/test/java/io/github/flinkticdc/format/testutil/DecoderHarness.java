package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a {@link DeserializationSchema} the way a Flink source does and decodes messages with it,
 * keeping the counters it registers so that tests can check what was skipped.
 */
public final class DecoderHarness {

    private final DeserializationSchema<RowData> schema;
    private final TestDecoderContext context = new TestDecoderContext();

    public DecoderHarness(DeserializationSchema<RowData> schema) throws Exception {
        this.schema = schema;
        schema.open(context);
    }

    /** The rows one message decodes to. */
    public List<RowData> decode(byte[] message) throws IOException {
        List<RowData> rows = new ArrayList<>();
        schema.deserialize(message, new ListCollector<>(rows));
        return rows;
    }

    /** The current value of a counter the schema registered. */
    public long counter(String name) {
        return context.counter(name);
    }
}
