package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.convert.ValueConverters;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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

    private final RowType physicalRowType;
    private List<TiCdcMetadata> metadata = Collections.emptyList();
    private TypeInformation<RowData> producedTypeInfo;
    private boolean ignoreParseErrors = TiCdcFormatOptions.IGNORE_PARSE_ERRORS.defaultValue();
    private String databaseInclude;
    private String tableInclude;
    private ZoneId timestampZone = ZoneId.of(TiCdcFormatOptions.TIMESTAMP_TIME_ZONE.defaultValue());
    private DdlHandling ddl = TiCdcFormatOptions.DDL.defaultValue();
    private Compression compression = TiCdcFormatOptions.COMPRESSION.defaultValue();

    protected DecoderBuilder(RowType physicalRowType) {
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
        this.ignoreParseErrors = ignoreParseErrors;
        return self();
    }

    /** Regular expression that must match the whole database name; null (default) reads all. */
    public B setDatabaseInclude(String regex) {
        this.databaseInclude = regex;
        return self();
    }

    /** Regular expression that must match the whole table name; null (default) reads all. */
    public B setTableInclude(String regex) {
        this.tableInclude = regex;
        return self();
    }

    /** The zone TiCDC wrote TIMESTAMP values in, for TIMESTAMP_LTZ columns. Default: UTC. */
    public B setTimestampZone(ZoneId zone) {
        this.timestampZone = Objects.requireNonNull(zone);
        return self();
    }

    /** What to do with DDL events. Default: skip. */
    public B setDdlHandling(DdlHandling ddl) {
        this.ddl = Objects.requireNonNull(ddl);
        return self();
    }

    /** TiCDC's {@code large-message-handle-compression}. Default: none. */
    public B setCompression(Compression compression) {
        this.compression = Objects.requireNonNull(compression);
        return self();
    }

    /**
     * @throws ValidationException if a column's type cannot hold TiCDC values or a filter is not a
     *     valid regular expression
     */
    public final T build() {
        ValueConverters.forRow(physicalRowType, timestampZone);
        TableFilter.validateRegex("database.include", databaseInclude);
        TableFilter.validateRegex("table.include", tableInclude);
        return build(
                new DecoderSettings(
                        physicalRowType,
                        metadata,
                        producedTypeInfo != null
                                ? producedTypeInfo
                                : InternalTypeInfo.of(producedRowType()),
                        ignoreParseErrors,
                        new TableFilter(databaseInclude, tableInclude),
                        timestampZone,
                        ddl,
                        compression));
    }

    /** Creates the decoder from validated settings. */
    protected abstract T build(DecoderSettings settings);

    @SuppressWarnings("unchecked")
    private B self() {
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
