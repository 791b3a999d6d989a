package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.BadMessageHandler;
import io.github.flinkticdc.format.common.ChangelogEmitter;
import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderRuntime;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.canal.CanalEventKind;
import io.github.flinkticdc.format.protocol.canal.CanalJsonMessage;
import io.github.flinkticdc.format.protocol.canal.CanalJsonParser;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.List;
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

    private final DecoderSettings settings;

    private transient CanalJsonParser parser;
    private transient CanalJsonMessage header;
    private transient DecoderRuntime runtime;

    private TiCdcCanalDeserializationSchema(DecoderSettings settings) {
        this.settings = settings;
    }

    /**
     * A schema with settings built elsewhere, e.g. by a connector's builder that reads several
     * protocols; its produced type is the caller's.
     */
    public static TiCdcCanalDeserializationSchema fromSettings(DecoderSettings settings) {
        return new TiCdcCanalDeserializationSchema(settings);
    }

    /** A builder for a schema whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    @Override
    public void open(InitializationContext context) {
        List<TiCdcMetadata> metadata = settings.metadata();
        parser = new CanalJsonParser();
        header =
                new CanalJsonMessage(
                        metadata.contains(TiCdcMetadata.PK_NAMES),
                        metadata.contains(TiCdcMetadata.SQL_TYPE),
                        metadata.contains(TiCdcMetadata.MYSQL_TYPE));
        runtime = settings.openRuntime(context.getMetricGroup(), "canal-json", false);
        runtime.rows().setTypeNames(parser::mysqlTypeOf);
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
        if (message == null || message.length == 0) {
            runtime.metrics().tombstoneSkipped();
            return;
        }
        if (!decode(message, origin)) {
            return;
        }
        switch (header.kind()) {
            case WATERMARK:
                runtime.metrics().watermarkEvent();
                return;
            case DDL:
                runtime.ddlGate()
                        .onDdl(
                                header.database(),
                                header.table(),
                                header.type(),
                                header.commitTs(),
                                header.sql(),
                                origin);
                return;
            default:
                if (header.rowsAccepted()) {
                    runtime.emitter().emit(change(header.kind()), header, runtime.rows(), out);
                } else {
                    runtime.metrics().eventFiltered();
                }
        }
    }

    /** Reads the message into the header and rows; false when it was bad and skipped. */
    private boolean decode(byte[] message, Supplier<String> origin) throws IOException {
        byte[] json = message;
        try {
            json = settings.compression().decompress(message);
            runtime.rows().reset();
            parser.parse(json, header, runtime.rows());
            if (header.kind().isRow() && header.rowsAccepted()) {
                requireCompleteRow();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            runtime.badMessages().handle(describe(e, message), MessageExcerpt.of(json), origin, e);
            return false;
        }
    }

    private void requireCompleteRow() throws MalformedMessageException {
        if (header.onlyHandleKey() || header.claimCheckLocation() != null) {
            throw new MalformedMessageException(
                    BadMessageHandler.incompleteRowReason(
                            header.claimCheckLocation(),
                            header.onlyHandleKey()
                                    ? "_tidb.onlyHandleKey"
                                    : "_tidb.claimCheckLocation"));
        }
    }

    /** The row kinds of both protocols are named after the change, INSERT/UPDATE/DELETE. */
    private static ChangelogEmitter.Change change(CanalEventKind kind) {
        return ChangelogEmitter.Change.valueOf(kind.name());
    }

    /** What was wrong, with a hint when the bytes look like another configuration's. */
    private String describe(Exception e, byte[] message) {
        String reason = BadMessageHandler.reason(e);
        if (settings.compression() == Compression.NONE && Compression.looksLikeLz4Frame(message)) {
            reason += " (the message starts like an LZ4 frame: set 'compression' = 'lz4')";
        } else if (message[0] == 0) {
            reason +=
                    " (an Open Protocol record starts with zero bytes: if the topic is written with"
                            + " TiCDC's protocol=open-protocol, read it with 'connector' = 'ticdc'"
                            + " and 'protocol' = 'open-protocol')";
        }
        return reason;
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return settings.producedTypeInfo();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiCdcCanalDeserializationSchema
                && settings.equals(((TiCdcCanalDeserializationSchema) o).settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    /** Builds a {@link TiCdcCanalDeserializationSchema}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcCanalDeserializationSchema> {

        private Builder(RowType physicalRowType) {
            super(physicalRowType);
        }

        @Override
        protected TiCdcCanalDeserializationSchema build(DecoderSettings settings) {
            return new TiCdcCanalDeserializationSchema(settings);
        }
    }
}
