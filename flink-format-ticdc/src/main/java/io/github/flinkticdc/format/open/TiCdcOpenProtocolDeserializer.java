package io.github.flinkticdc.format.open;

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
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Decodes TiCDC Open Protocol Kafka records into a Flink changelog. A record's key and value
 * together hold a batch of events (spec §3), so this is not a value-only {@link
 * DeserializationSchema}: the {@code ticdc} connector, or a user's own {@code
 * KafkaRecordDeserializationSchema}, hands it both.
 *
 * <p>Row events become +I, -U/+U or -D with the requested metadata after the physical columns; DDL
 * and resolved events emit no row. With TiCDC's {@code output-old-value=false} an update has no old
 * image and looks like an insert: build with {@link Builder#setUpsert(boolean) upsert} so that such
 * events become +U (an upsert by primary key) instead of +I.
 *
 * <p>With {@code ignore-parse-errors} a broken record framing skips the record, and a broken event
 * skips that event; the other events of the record are still emitted.
 */
@PublicEvolving
public final class TiCdcOpenProtocolDeserializer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ChangelogDecoder decoder;

    private transient RowsOutput rows;

    private TiCdcOpenProtocolDeserializer(DecoderSettings settings) {
        this.decoder = new ChangelogDecoder(settings);
    }

    /** A builder for a decoder whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    /** Prepares the decoder in its task; call once before decoding. */
    public void open(DeserializationSchema.InitializationContext context) {
        decoder.open(context.getMetricGroup());
        rows = new RowsOutput();
    }

    /** Decodes the events of one Kafka record. */
    public void deserialize(byte[] key, byte[] value, Collector<RowData> out) throws IOException {
        deserialize(key, value, out, null);
    }

    /**
     * Decodes the events of one Kafka record, naming {@code origin} (e.g. topic, partition and
     * offset) in errors.
     *
     * <p>Whatever reading the framing raises makes the record bad, and whatever reading one event
     * raises makes that event bad: each fails with what was wrong or, with {@code
     * ignore-parse-errors}, is skipped and counted. What the collector raises is not caught, and
     * neither is the failure that {@code ddl = fail} asks for.
     *
     * @param origin where the record came from, asked only on an error; or null
     */
    public void deserialize(
            byte[] key, byte[] value, Collector<RowData> out, Supplier<String> origin)
            throws IOException {
        decoder.decode(key, value, rows.to(out), origin);
    }

    /** The type of the rows it produces: physical columns, then metadata. */
    public TypeInformation<RowData> getProducedType() {
        return decoder.settings().producedTypeInfo();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiCdcOpenProtocolDeserializer
                && decoder.equals(((TiCdcOpenProtocolDeserializer) o).decoder);
    }

    @Override
    public int hashCode() {
        return decoder.hashCode();
    }

    /** Builds a {@link TiCdcOpenProtocolDeserializer}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcOpenProtocolDeserializer> {

        private Builder(RowType physicalRowType) {
            super(TiCdcProtocol.OPEN_PROTOCOL, physicalRowType);
        }

        /**
         * For TiCDC's {@code output-old-value=false}: emit row events without an old image as +U
         * (upserts by primary key) rather than +I, and updates without their -U. Default: false.
         */
        public Builder setUpsert(boolean upsert) {
            setUpsertMode(upsert);
            return this;
        }

        @Override
        protected TiCdcOpenProtocolDeserializer build(DecoderSettings settings) {
            return new TiCdcOpenProtocolDeserializer(settings);
        }
    }
}
