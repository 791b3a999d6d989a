package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.ChangelogDecoder;
import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.RowsOutput;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Decodes TiCDC canal-json messages (one Kafka record value each) into a Flink changelog: INSERT
 * becomes +I, UPDATE -U and +U, DELETE -D; DDL and WATERMARK events emit no row. The requested
 * metadata columns follow the physical ones.
 *
 * <p>For DataStream jobs, build one with {@link #builder(RowType)}:
 *
 * <pre>{@code
 * RowType rowType = (RowType) DataTypes.ROW(
 *         DataTypes.FIELD("id", DataTypes.BIGINT()),
 *         DataTypes.FIELD("name", DataTypes.STRING())).getLogicalType();
 * TiCdcCanalDeserializationSchema schema = TiCdcCanalDeserializationSchema.builder(rowType)
 *         .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *         .setTableInclude("orders")
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class TiCdcCanalDeserializationSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final ChangelogDecoder decoder;

    private transient RowsOutput rows;

    private TiCdcCanalDeserializationSchema(DecoderSettings settings) {
        this.decoder = new ChangelogDecoder(settings);
    }

    /** A builder for a schema whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
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
        return o instanceof TiCdcCanalDeserializationSchema
                && decoder.equals(((TiCdcCanalDeserializationSchema) o).decoder);
    }

    @Override
    public int hashCode() {
        return decoder.hashCode();
    }

    /** Builds a {@link TiCdcCanalDeserializationSchema}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcCanalDeserializationSchema> {

        private Builder(RowType physicalRowType) {
            super(TiCdcProtocol.CANAL_JSON, physicalRowType);
        }

        @Override
        protected TiCdcCanalDeserializationSchema build(DecoderSettings settings) {
            return new TiCdcCanalDeserializationSchema(settings);
        }
    }
}
