package io.github.flinkticdc.format.open;

import io.github.flinkticdc.format.common.BadMessageHandler;
import io.github.flinkticdc.format.common.ChangelogEmitter;
import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderRuntime;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.open.OpenProtocolDdl;
import io.github.flinkticdc.format.protocol.open.OpenProtocolEventHeader;
import io.github.flinkticdc.format.protocol.open.OpenProtocolKey;
import io.github.flinkticdc.format.protocol.open.OpenProtocolRecordReader;
import io.github.flinkticdc.format.protocol.open.OpenProtocolRowKind;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
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
public final class TiCdcOpenProtocolDeserializer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DecoderSettings settings;
    private final boolean upsert;

    private transient OpenProtocolRecordReader reader;
    private transient OpenProtocolEventHeader header;
    private transient DecoderRuntime runtime;

    private TiCdcOpenProtocolDeserializer(DecoderSettings settings, boolean upsert) {
        this.settings = settings;
        this.upsert = upsert;
    }

    /**
     * A decoder with settings built elsewhere, e.g. by a connector's builder that reads several
     * protocols; its produced type is the caller's.
     */
    public static TiCdcOpenProtocolDeserializer fromSettings(
            DecoderSettings settings, boolean upsert) {
        return new TiCdcOpenProtocolDeserializer(settings, upsert);
    }

    /** A builder for a decoder whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    /** Prepares the decoder in its task; call once before decoding. */
    public void open(DeserializationSchema.InitializationContext context) {
        reader = new OpenProtocolRecordReader(settings.compression());
        header = new OpenProtocolEventHeader();
        runtime = settings.openRuntime(context.getMetricGroup(), "open-protocol", upsert);
    }

    /** Decodes the events of one Kafka record. */
    public void deserialize(byte[] key, byte[] value, Collector<RowData> out) throws IOException {
        deserialize(key, value, out, null);
    }

    /**
     * Decodes the events of one Kafka record, naming {@code origin} (e.g. topic, partition and
     * offset) in errors.
     *
     * @param origin where the record came from, asked only on an error; or null
     */
    public void deserialize(
            byte[] key, byte[] value, Collector<RowData> out, Supplier<String> origin)
            throws IOException {
        try {
            reader.reset(key, value);
        } catch (MalformedMessageException e) {
            runtime.badMessages().handle(e.getMessage(), key, origin);
            return;
        }
        while (true) {
            try {
                if (!reader.nextEvent()) {
                    return;
                }
                decodeEvent(out, origin);
            } catch (MalformedMessageException e) {
                runtime.badMessages().handle(e.getMessage(), value, origin);
            }
        }
    }

    private void decodeEvent(Collector<RowData> out, Supplier<String> origin) throws IOException {
        OpenProtocolKey key = reader.key();
        switch (key.type()) {
            case RESOLVED:
                runtime.metrics().watermarkEvent();
                return;
            case DDL:
                OpenProtocolDdl ddl = reader.readDdl();
                runtime.ddlGate()
                        .onDdl(
                                key.schema(),
                                key.table(),
                                "action type " + ddl.actionType(),
                                key.ts(),
                                ddl.query(),
                                origin);
                return;
            default:
                decodeRow(key, out);
        }
    }

    private void decodeRow(OpenProtocolKey key, Collector<RowData> out)
            throws MalformedMessageException {
        runtime.rows().reset();
        OpenProtocolRowKind kind = reader.readRow(runtime.rows());
        if (!settings.filter().accepts(key.schema(), key.table())) {
            runtime.metrics().eventFiltered();
            return;
        }
        if (key.isIncomplete()) {
            throw new MalformedMessageException(
                    "event "
                            + reader.eventIndex()
                            + " ("
                            + key
                            + "): "
                            + BadMessageHandler.incompleteRowReason(
                                    key.claimCheckLocation(), key.isClaimCheck() ? "ccl" : "ohk"));
        }
        header.set(key, kind);
        runtime.emitter().emit(change(kind), header, runtime.rows(), out);
    }

    /** The row kinds of both protocols are named after the change, INSERT/UPDATE/DELETE. */
    private static ChangelogEmitter.Change change(OpenProtocolRowKind kind) {
        return ChangelogEmitter.Change.valueOf(kind.name());
    }

    /** The type of the rows it produces: physical columns, then metadata. */
    public TypeInformation<RowData> getProducedType() {
        return settings.producedTypeInfo();
    }

    /** Whether updates without an old image are emitted as upserts (+U). */
    public boolean isUpsert() {
        return upsert;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TiCdcOpenProtocolDeserializer)) {
            return false;
        }
        TiCdcOpenProtocolDeserializer that = (TiCdcOpenProtocolDeserializer) o;
        return upsert == that.upsert && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, upsert);
    }

    /** Builds a {@link TiCdcOpenProtocolDeserializer}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcOpenProtocolDeserializer> {

        private boolean upsert;

        private Builder(RowType physicalRowType) {
            super(physicalRowType);
        }

        /**
         * For TiCDC's {@code output-old-value=false}: emit row events without an old image as +U
         * (upserts by primary key) rather than +I, and updates without their -U. Default: false.
         */
        public Builder setUpsert(boolean upsert) {
            this.upsert = upsert;
            return this;
        }

        @Override
        protected TiCdcOpenProtocolDeserializer build(DecoderSettings settings) {
            return new TiCdcOpenProtocolDeserializer(settings, upsert);
        }
    }
}
