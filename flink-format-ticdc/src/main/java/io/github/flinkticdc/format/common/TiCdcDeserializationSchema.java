package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Decodes the messages of a TiCDC protocol that puts one event in each Kafka record value (the key
 * is not read) into a Flink changelog: INSERT becomes +I, UPDATE -U and +U, DELETE -D; DDL and
 * watermark events emit no row. The requested metadata columns follow the physical ones.
 *
 * <p>Each protocol has its subclass with a builder: {@code TiCdcCanalDeserializationSchema} for
 * canal-json, and one per value-only protocol.
 */
@PublicEvolving
public abstract class TiCdcDeserializationSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final ChangelogDecoder decoder;

    private transient RowsOutput rows;

    protected TiCdcDeserializationSchema(DecoderSettings settings) {
        this.decoder = new ChangelogDecoder(settings);
    }

    @Override
    public void open(InitializationContext context) {
        decoder.open(context.getMetricGroup());
        rows = new RowsOutput();
    }

    @Override
    public RowData deserialize(byte[] message) {
        throw new UnsupportedOperationException(
                "A TiCDC message can hold an UPDATE (two rows): call"
                        + " deserialize(byte[], Collector) instead.");
    }

    @Override
    public void deserialize(byte[] message, Collector<RowData> out) throws IOException {
        deserialize(message, out, null);
    }

    /**
     * Decodes one message, naming {@code origin} (e.g. topic, partition and offset) in errors.
     *
     * <p>Whatever decoding the message raises is one bad message: it fails with what was wrong or,
     * with {@code ignore-parse-errors}, is skipped and counted. What the collector raises is not
     * caught, and neither is the failure that {@code ddl = fail} asks for.
     *
     * @param origin where the message came from, asked only on an error; or null
     */
    public void deserialize(byte[] message, Collector<RowData> out, Supplier<String> origin)
            throws IOException {
        decoder.decode(null, message, rows.to(out), origin);
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return decoder.settings().producedTypeInfo();
    }

    @Override
    public boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && decoder.equals(((TiCdcDeserializationSchema) o).decoder);
    }

    @Override
    public int hashCode() {
        return decoder.hashCode();
    }
}
