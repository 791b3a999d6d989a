package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.convert.ValueConverters;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The settings every TiCDC decoder builder offers, with the defaults of the format options.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <T> what it builds
 */
@PublicEvolving
public abstract class DecoderBuilder<B extends DecoderBuilder<B, T>, T> {

    private final TiCdcProtocol protocol;
    private final RowType physicalRowType;
    private List<TiCdcMetadata> metadata = Collections.emptyList();
    private TypeInformation<RowData> producedTypeInfo;
    private boolean upsert;
    private DecoderOptions options = DecoderOptions.DEFAULTS;

    protected DecoderBuilder(TiCdcProtocol protocol, RowType physicalRowType) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.physicalRowType = Objects.requireNonNull(physicalRowType);
    }

    /** Metadata columns to append after the physical ones, in this order. */
    public B setReadableMetadata(List<TiCdcMetadata> metadata) {
        this.metadata = Objects.requireNonNull(metadata);
        return self();
    }

    /**
     * The type information of the produced rows. By default it is derived from the physical row
     * type and the metadata columns (named by their keys).
     */
    public B setProducedTypeInfo(TypeInformation<RowData> producedTypeInfo) {
        this.producedTypeInfo = producedTypeInfo;
        return self();
    }

    /** Skip (and count) messages that cannot be decoded instead of failing. Default: false. */
    public B setIgnoreParseErrors(boolean ignoreParseErrors) {
        options = options.withIgnoreParseErrors(ignoreParseErrors);
        return self();
    }

    /** Regular expression that must match the whole database name; null (default) reads all. */
    public B setDatabaseInclude(String regex) {
        options = options.withDatabaseInclude(regex);
        return self();
    }

    /** Regular expression that must match the whole table name; null (default) reads all. */
    public B setTableInclude(String regex) {
        options = options.withTableInclude(regex);
        return self();
    }

    /** The zone TiCDC wrote TIMESTAMP values in, for TIMESTAMP_LTZ columns. Default: UTC. */
    public B setTimestampZone(ZoneId zone) {
        options = options.withTimestampZone(zone);
        return self();
    }

    /** What to do with DDL events. Default: skip. */
    public B setDdlHandling(DdlHandling ddl) {
        options = options.withDdl(ddl);
        return self();
    }

    /** TiCDC's {@code large-message-handle-compression}. Default: none. */
    public B setCompression(Compression compression) {
        options = options.withCompression(compression);
        return self();
    }

    /**
     * The locations (URI prefixes) claim-check objects may be read from; without any (the default),
     * a claim-check row is an error. See {@link TiCdcFormatOptions#CLAIM_CHECK_ALLOWED_LOCATIONS}.
     */
    public B setClaimCheckAllowedLocations(List<String> locations) {
        options = options.withClaimCheck(c -> c.withAllowedLocations(locations));
        return self();
    }

    /** The largest claim-check object read. Default: 64 MiB. */
    public B setClaimCheckMaxObjectSize(MemorySize size) {
        options = options.withClaimCheck(c -> c.withMaxObjectSize(size));
        return self();
    }

    /** TiCDC's {@code claim-check-raw-value} (canal-json and simple only). Default: false. */
    public B setClaimCheckRawValue(boolean rawValue) {
        options = options.withClaimCheck(c -> c.withRawValue(rawValue));
        return self();
    }

    /**
     * Verify the row checksums of TiCDC's integrity check (simple protocol only). Default: false.
     * See {@link TiCdcFormatOptions#CHECKSUM_VERIFY}.
     */
    public B setChecksumVerify(boolean verify) {
        options = options.withChecksumVerify(verify);
        return self();
    }

    /** Every format option at once, as a table's options gave them. */
    @Internal
    public B setFormatOptions(DecoderOptions options) {
        this.options = Objects.requireNonNull(options);
        return self();
    }

    /**
     * For protocols whose updates can arrive without the row before ({@link
     * TiCdcProtocol#canOmitOldImage()}): emit rows as upserts (+U, -D) by primary key.
     */
    protected final void setUpsertMode(boolean upsert) {
        this.upsert = upsert;
    }

    /**
     * @throws ValidationException if a column's type cannot hold TiCDC values, a filter is not a
     *     valid regular expression, or upsert mode is set for a protocol that has none
     */
    public final T build() {
        return build(settings());
    }

    /**
     * The validated settings, for a builder that makes more than one thing of them.
     *
     * @throws ValidationException as {@link #build()}
     */
    protected final DecoderSettings settings() {
        ValueConverters.forRow(physicalRowType, options.timestampZone());
        options.validate();
        if (upsert && !protocol.canOmitOldImage()) {
            throw new ValidationException(
                    "Upsert mode is for TiCDC's Open Protocol with output-old-value=false; "
                            + protocol
                            + " always carries the row before an update.");
        }
        options.validateFor(protocol);
        return new DecoderSettings(
                protocol,
                physicalRowType,
                metadata,
                producedTypeInfo != null
                        ? producedTypeInfo
                        : InternalTypeInfo.of(producedRowType()),
                upsert,
                options);
    }

    /** Creates the decoder from validated settings. */
    protected abstract T build(DecoderSettings settings);

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * The row the built decoder produces when no type information is set: the physical columns,
     * then the metadata columns named by their keys.
     */
    protected RowType producedRowType() {
        List<RowType.RowField> fields = new ArrayList<>(physicalRowType.getFields());
        for (TiCdcMetadata m : metadata) {
            fields.add(new RowType.RowField(m.key(), m.dataType().getLogicalType()));
        }
        return new RowType(fields);
    }
}
