package io.github.flinkticdc.testing;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder opened the way a Flink source opens it, with a {@link TestDecoderContext}, so that a
 * test decodes one input at a time into a list of rows and reads the counters the decoder
 * registered. It is built from how the decoder opens and how it decodes one input, so that the same
 * harness serves every decoder shape: a value-only {@link DeserializationSchema}, a key and value
 * deserializer, a Kafka record deserialization schema.
 *
 * @param <I> what one decode call reads: a message, a key and value, a Kafka record
 */
public final class DecoderHarness<I> {

    /** How a decoder is opened in its task, e.g. {@code schema::open}. */
    @FunctionalInterface
    public interface Open {
        void open(DeserializationSchema.InitializationContext context) throws Exception;
    }

    /** How a decoder decodes one input into a collector, e.g. {@code schema::deserialize}. */
    @FunctionalInterface
    public interface Decode<I> {
        void decode(I input, Collector<RowData> out) throws IOException;
    }

    private final Decode<I> decode;
    private final TestDecoderContext context = new TestDecoderContext();

    /** Opens the decoder with a fresh {@link TestDecoderContext}. */
    public DecoderHarness(Open open, Decode<I> decode) throws Exception {
        this.decode = decode;
        open.open(context);
    }

    /** A harness for a value-only deserialization schema, decoding one message at a time. */
    public static DecoderHarness<byte[]> of(DeserializationSchema<RowData> schema)
            throws Exception {
        return new DecoderHarness<>(schema::open, schema::deserialize);
    }

    /** The rows one input decodes to. */
    public List<RowData> decode(I input) throws IOException {
        List<RowData> rows = new ArrayList<>();
        decode.decode(input, new ListCollector<>(rows));
        return rows;
    }

    /**
     * The current value of a counter the decoder registered.
     *
     * @throws IllegalArgumentException if it registered none by that name
     */
    public long counter(String name) {
        return context.counter(name);
    }
}
