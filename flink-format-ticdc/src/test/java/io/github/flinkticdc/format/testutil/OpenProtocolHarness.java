package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Opens a {@link TiCdcOpenProtocolDeserializer} as a Flink source does and decodes records. */
public final class OpenProtocolHarness {

    private final TiCdcOpenProtocolDeserializer deserializer;
    private final TestDecoderContext context = new TestDecoderContext();

    public OpenProtocolHarness(TiCdcOpenProtocolDeserializer deserializer) {
        this.deserializer = deserializer;
        deserializer.open(context);
    }

    /** The rows one record decodes to; {@code origin} names it in errors (or null). */
    public List<RowData> decode(byte[] key, byte[] value, String origin) throws IOException {
        List<RowData> rows = new ArrayList<>();
        deserializer.deserialize(
                key, value, new ListCollector<>(rows), origin == null ? null : () -> origin);
        return rows;
    }

    public long counter(String name) {
        return context.counter(name);
    }
}
