package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a {@link TiCdcOpenProtocolDeserializer} the way a Flink source does (through {@link
 * DecoderHarness}'s context) and decodes records with it.
 */
public final class OpenProtocolHarness {

    private final TiCdcOpenProtocolDeserializer deserializer;
    private final DecoderHarness context;

    public OpenProtocolHarness(TiCdcOpenProtocolDeserializer deserializer) throws Exception {
        this.deserializer = deserializer;
        this.context = new DecoderHarness(new OpenAdapter(deserializer));
    }

    /** The rows one record decodes to. */
    public List<RowData> decode(byte[] key, byte[] value, String origin) throws IOException {
        List<RowData> rows = new ArrayList<>();
        deserializer.deserialize(
                key,
                value,
                new Collector<>() {
                    @Override
                    public void collect(RowData row) {
                        rows.add(row);
                    }

                    @Override
                    public void close() {}
                },
                origin == null ? null : () -> origin);
        return rows;
    }

    public long counter(String name) {
        return context.counter(name);
    }

    /** Lets {@link DecoderHarness} open the deserializer with its counting context. */
    private static final class OpenAdapter implements DeserializationSchema<RowData> {
        private final TiCdcOpenProtocolDeserializer deserializer;

        private OpenAdapter(TiCdcOpenProtocolDeserializer deserializer) {
            this.deserializer = deserializer;
        }

        @Override
        public void open(InitializationContext context) {
            deserializer.open(context);
        }

        @Override
        public RowData deserialize(byte[] message) {
            throw new UnsupportedOperationException("Open Protocol needs the record key");
        }

        @Override
        public boolean isEndOfStream(RowData nextElement) {
            return false;
        }

        @Override
        public org.apache.flink.api.common.typeinfo.TypeInformation<RowData> getProducedType() {
            return deserializer.getProducedType();
        }
    }
}
