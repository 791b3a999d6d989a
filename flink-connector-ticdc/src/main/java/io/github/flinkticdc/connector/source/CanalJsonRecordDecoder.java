package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.function.Supplier;

/** canal-json: TiCDC writes a null key, so only the value is decoded. */
final class CanalJsonRecordDecoder implements RecordDecoder {

    private static final long serialVersionUID = 1L;

    private final TiCdcCanalDeserializationSchema schema;

    CanalJsonRecordDecoder(TiCdcCanalDeserializationSchema schema) {
        this.schema = schema;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        schema.open(context);
    }

    @Override
    public void decode(byte[] key, byte[] value, Collector<RowData> out, Supplier<String> origin)
            throws IOException {
        schema.deserialize(value, out, origin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanalJsonRecordDecoder
                && schema.equals(((CanalJsonRecordDecoder) o).schema);
    }

    @Override
    public int hashCode() {
        return schema.hashCode();
    }

    @Override
    public String toString() {
        return "canal-json";
    }
}
