package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.function.Supplier;

/** Open Protocol: the key holds the event keys of the batch, the value their values. */
final class OpenProtocolRecordDecoder implements RecordDecoder {

    private static final long serialVersionUID = 1L;

    private final TiCdcOpenProtocolDeserializer deserializer;

    OpenProtocolRecordDecoder(TiCdcOpenProtocolDeserializer deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        deserializer.open(context);
    }

    @Override
    public void decode(byte[] key, byte[] value, Collector<RowData> out, Supplier<String> origin)
            throws IOException {
        deserializer.deserialize(key, value, out, origin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenProtocolRecordDecoder
                && deserializer.equals(((OpenProtocolRecordDecoder) o).deserializer);
    }

    @Override
    public int hashCode() {
        return deserializer.hashCode();
    }

    @Override
    public String toString() {
        return "open-protocol" + (deserializer.isUpsert() ? " (upsert)" : "");
    }
}
