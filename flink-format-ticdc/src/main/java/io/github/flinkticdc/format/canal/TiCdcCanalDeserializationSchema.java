package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.BadMessageHandler;
import io.github.flinkticdc.format.common.ChangelogEmitter;
import io.github.flinkticdc.format.common.DdlGate;
import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.RowImageCollector;
import io.github.flinkticdc.format.common.TableFilter;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.convert.ValueConverters;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.canal.CanalEventKind;
import io.github.flinkticdc.format.protocol.canal.CanalJsonMessage;
import io.github.flinkticdc.format.protocol.canal.CanalJsonParser;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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
public final class TiCdcCanalDeserializationSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType physicalRowType;
    private final List<TiCdcMetadata> metadata;
    private final TypeInformation<RowData> producedTypeInfo;
    private final boolean ignoreParseErrors;
    private final TableFilter filter;
    private final ZoneId timestampZone;
    private final DdlHandling ddl;
    private final Compression compression;

    private transient CanalJsonParser parser;
    private transient CanalJsonMessage header;
    private transient RowImageCollector rows;
    private transient DecodeMetrics metrics;
    private transient BadMessageHandler badMessages;
    private transient DdlGate ddlGate;
    private transient ChangelogEmitter emitter;

    private TiCdcCanalDeserializationSchema(Builder builder) {
        this.physicalRowType = builder.physicalRowType;
        this.metadata = Collections.unmodifiableList(new ArrayList<>(builder.metadata));
        this.producedTypeInfo = builder.producedTypeInfo;
        this.ignoreParseErrors = builder.ignoreParseErrors;
        this.filter = new TableFilter(builder.databaseInclude, builder.tableInclude);
        this.timestampZone = builder.timestampZone;
        this.ddl = builder.ddl;
        this.compression = builder.compression;
    }

    /** A builder for a schema whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    @Override
    public void open(InitializationContext context) {
        parser = new CanalJsonParser();
        header =
                new CanalJsonMessage(
                        metadata.contains(TiCdcMetadata.PK_NAMES),
                        metadata.contains(TiCdcMetadata.SQL_TYPE),
                        metadata.contains(TiCdcMetadata.MYSQL_TYPE));
        rows =
                new RowImageCollector(
                        physicalRowType,
                        ValueConverters.forRow(physicalRowType, timestampZone),
                        metadata.size(),
                        filter);
        metrics = new DecodeMetrics(context.getMetricGroup());
        badMessages = new BadMessageHandler("canal-json", ignoreParseErrors, metrics);
        ddlGate = new DdlGate(ddl, filter, metrics);
        emitter = new ChangelogEmitter(physicalRowType.getFieldCount(), metadata, false);
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
     * @param origin where the message came from, or null
     */
    public void deserialize(byte[] message, Collector<RowData> out, String origin)
            throws IOException {
        if (message == null || message.length == 0) {
            metrics.tombstoneSkipped();
            return;
        }
        byte[] json = message;
        try {
            json = compression.decompress(message);
            rows.reset();
            parser.parse(json, header, rows);
            switch (header.kind()) {
                case WATERMARK:
                    metrics.watermarkEvent();
                    return;
                case DDL:
                    ddlGate.onDdl(
                            header.database(),
                            header.table(),
                            header.type(),
                            header.commitTs(),
                            header.sql(),
                            origin);
                    return;
                default:
                    emitRows(out);
            }
        } catch (MalformedMessageException | JsonProcessingException e) {
            badMessages.handle(describe(e, message), json, origin);
        }
    }

    private void emitRows(Collector<RowData> out) throws MalformedMessageException {
        if (!header.rowsAccepted()) {
            metrics.eventFiltered();
            return;
        }
        if (header.onlyHandleKey() || header.claimCheckLocation() != null) {
            throw new MalformedMessageException(
                    BadMessageHandler.incompleteRowReason(
                            header.claimCheckLocation(),
                            header.onlyHandleKey()
                                    ? "_tidb.onlyHandleKey"
                                    : "_tidb.claimCheckLocation"));
        }
        emitter.emit(change(header.kind()), header, rows, out);
    }

    private static ChangelogEmitter.Change change(CanalEventKind kind) {
        switch (kind) {
            case INSERT:
                return ChangelogEmitter.Change.INSERT;
            case UPDATE:
                return ChangelogEmitter.Change.UPDATE;
            default:
                return ChangelogEmitter.Change.DELETE;
        }
    }

    private String describe(IOException e, byte[] message) {
        if (!(e instanceof JsonProcessingException)) {
            return e.getMessage();
        }
        JsonProcessingException json = (JsonProcessingException) e;
        String reason =
                "not valid JSON at byte "
                        + json.getLocation().getByteOffset()
                        + ": "
                        + json.getOriginalMessage();
        if (compression == Compression.NONE && Compression.looksLikeLz4Frame(message)) {
            reason += " (the message starts like an LZ4 frame: set 'compression' = 'lz4')";
        }
        return reason;
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedTypeInfo;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TiCdcCanalDeserializationSchema that = (TiCdcCanalDeserializationSchema) o;
        return ignoreParseErrors == that.ignoreParseErrors
                && physicalRowType.equals(that.physicalRowType)
                && metadata.equals(that.metadata)
                && producedTypeInfo.equals(that.producedTypeInfo)
                && filter.equals(that.filter)
                && timestampZone.equals(that.timestampZone)
                && ddl == that.ddl
                && compression == that.compression;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                physicalRowType,
                metadata,
                producedTypeInfo,
                ignoreParseErrors,
                filter,
                timestampZone,
                ddl,
                compression);
    }

    /** Builds a {@link TiCdcCanalDeserializationSchema}; every setting has a default. */
    public static final class Builder {

        private final RowType physicalRowType;
        private List<TiCdcMetadata> metadata = Collections.emptyList();
        private TypeInformation<RowData> producedTypeInfo;
        private boolean ignoreParseErrors =
                TiCdcCanalFormatOptions.IGNORE_PARSE_ERRORS.defaultValue();
        private String databaseInclude;
        private String tableInclude;
        private ZoneId timestampZone =
                ZoneId.of(TiCdcCanalFormatOptions.TIMESTAMP_TIME_ZONE.defaultValue());
        private DdlHandling ddl = TiCdcCanalFormatOptions.DDL.defaultValue();
        private Compression compression = TiCdcCanalFormatOptions.COMPRESSION.defaultValue();

        private Builder(RowType physicalRowType) {
            this.physicalRowType = Objects.requireNonNull(physicalRowType);
        }

        /** Metadata columns to append after the physical ones, in this order. */
        public Builder setReadableMetadata(List<TiCdcMetadata> metadata) {
            this.metadata = Objects.requireNonNull(metadata);
            return this;
        }

        /**
         * The type information of the produced rows. By default it is derived from the physical row
         * type and the metadata columns (named by their keys).
         */
        public Builder setProducedTypeInfo(TypeInformation<RowData> producedTypeInfo) {
            this.producedTypeInfo = producedTypeInfo;
            return this;
        }

        /** See {@link TiCdcCanalFormatOptions#IGNORE_PARSE_ERRORS}. */
        public Builder setIgnoreParseErrors(boolean ignoreParseErrors) {
            this.ignoreParseErrors = ignoreParseErrors;
            return this;
        }

        /** See {@link TiCdcCanalFormatOptions#DATABASE_INCLUDE}; null reads every database. */
        public Builder setDatabaseInclude(String regex) {
            this.databaseInclude = regex;
            return this;
        }

        /** See {@link TiCdcCanalFormatOptions#TABLE_INCLUDE}; null reads every table. */
        public Builder setTableInclude(String regex) {
            this.tableInclude = regex;
            return this;
        }

        /** See {@link TiCdcCanalFormatOptions#TIMESTAMP_TIME_ZONE}. */
        public Builder setTimestampZone(ZoneId zone) {
            this.timestampZone = Objects.requireNonNull(zone);
            return this;
        }

        /** See {@link TiCdcCanalFormatOptions#DDL}. */
        public Builder setDdlHandling(DdlHandling ddl) {
            this.ddl = Objects.requireNonNull(ddl);
            return this;
        }

        /** See {@link TiCdcCanalFormatOptions#COMPRESSION}. */
        public Builder setCompression(Compression compression) {
            this.compression = Objects.requireNonNull(compression);
            return this;
        }

        /**
         * @throws ValidationException if a column's type cannot hold TiCDC values or a filter is
         *     not a valid regular expression
         */
        public TiCdcCanalDeserializationSchema build() {
            ValueConverters.forRow(physicalRowType, timestampZone);
            TableFilter.validateRegex(
                    TiCdcCanalFormatOptions.DATABASE_INCLUDE.key(), databaseInclude);
            TableFilter.validateRegex(TiCdcCanalFormatOptions.TABLE_INCLUDE.key(), tableInclude);
            if (producedTypeInfo == null) {
                producedTypeInfo = InternalTypeInfo.of(producedRowType());
            }
            return new TiCdcCanalDeserializationSchema(this);
        }

        private RowType producedRowType() {
            List<RowType.RowField> fields = new ArrayList<>(physicalRowType.getFields());
            for (TiCdcMetadata m : metadata) {
                fields.add(new RowType.RowField(m.key(), m.dataType().getLogicalType()));
            }
            return new RowType(fields);
        }
    }
}
