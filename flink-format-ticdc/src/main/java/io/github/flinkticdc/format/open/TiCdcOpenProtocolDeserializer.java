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

import org.apache.flink.annotation.PublicEvolving;
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
@PublicEvolving
public final class TiCdcOpenProtocolDeserializer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DecoderSettings settings;
    private final boolean upsert;

    private transient OpenProtocolRecordReader reader;
    private transient OpenProtocolEventHeader header;
    private transient DecoderRuntime runtime;

    // The event nextEvent() moved to: a DDL's statement, or a row's kind and whether it is wanted.
    private transient OpenProtocolDdl ddl;
    private transient OpenProtocolRowKind rowKind;
    private transient boolean rowAccepted;

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
        try {
            reader.reset(key, value);
        } catch (IOException | RuntimeException e) {
            runtime.badMessages().handle(BadMessageHandler.reason(e), reader.excerpt(), origin, e);
            return;
        }
        while (nextEvent(origin)) {
            switch (reader.key().type()) {
                case RESOLVED:
                    runtime.metrics().watermarkEvent();
                    break;
                case DDL:
                    OpenProtocolKey eventKey = reader.key();
                    runtime.ddlGate()
                            .onDdl(
                                    eventKey.schema(),
                                    eventKey.table(),
                                    "action type " + ddl.actionType(),
                                    eventKey.ts(),
                                    ddl.query(),
                                    origin);
                    break;
                default:
                    if (rowAccepted) {
                        runtime.emitter().emit(change(rowKind), header, runtime.rows(), out);
                    } else {
                        runtime.metrics().eventFiltered();
                    }
            }
        }
    }

    /**
     * Moves to the next event of the record that decodes, skipping bad ones (which fail unless
     * parse errors are ignored); false after the last.
     */
    private boolean nextEvent(Supplier<String> origin) throws IOException {
        while (true) {
            try {
                if (!reader.nextEvent()) {
                    return false;
                }
                decodeEvent();
                return true;
            } catch (IOException | RuntimeException e) {
                runtime.badMessages()
                        .handle(BadMessageHandler.reason(e), reader.excerpt(), origin, e);
            }
        }
    }

    /** Reads the current event's value: the DDL, or the row with its kind and the filter's say. */
    private void decodeEvent() throws IOException {
        OpenProtocolKey key = reader.key();
        switch (key.type()) {
            case DDL:
                ddl = reader.readDdl();
                return;
            case ROW:
                decodeRow(key);
                return;
            default:
                // A resolved event is all key: its ts is the resolved ts.
        }
    }

    private void decodeRow(OpenProtocolKey key) throws MalformedMessageException {
        runtime.rows().reset();
        rowKind = reader.readRow(runtime.rows());
        rowAccepted = settings.filter().accepts(key.schema(), key.table());
        if (rowAccepted && key.isIncomplete()) {
            throw new MalformedMessageException(
                    "event "
                            + reader.eventIndex()
                            + " ("
                            + key
                            + "): "
                            + BadMessageHandler.incompleteRowReason(
                                    key.claimCheckLocation(), key.isClaimCheck() ? "ccl" : "ohk"));
        }
        header.set(key, rowKind);
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
