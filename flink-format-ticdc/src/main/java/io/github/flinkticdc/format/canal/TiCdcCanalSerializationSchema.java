package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcFormatOptions;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.convert.ColumnEncodings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Encodes a Flink changelog as TiCDC canal-json with the TiDB extension, as TiCDC writes it (one
 * event per message, values as TiCDC renders them), so that any reader of TiCDC's canal-json,
 * {@link TiCdcCanalDeserializationSchema} included, reads it.
 *
 * <p>Each row is one message: +I and +U become INSERT events, -U and -D DELETE events of the row
 * they carry. An UPDATE event with {@code old} would need the -U and the +U of one update in one
 * message, which a schema that sees one row at a time and must write a message for each cannot
 * pair; TiCDC itself writes a key-changing update as such a DELETE and INSERT, so every reader of
 * TiCDC's output handles them.
 *
 * <p>Metadata columns follow the physical ones in the row, in the order given to {@link
 * Builder#setWritableMetadata}: {@link TiCdcMetadata#COMMIT_TS} becomes {@code _tidb.commitTs} (and
 * {@code es} its physical time); a row without one is written without {@code _tidb}, with {@code
 * es} the time of writing. {@link TiCdcMetadata#DATABASE} and {@link TiCdcMetadata#TABLE} name the
 * row's table, where not null, instead of the builder's names.
 *
 * <pre>{@code
 * TiCdcCanalSerializationSchema schema =
 *         TiCdcCanalSerializationSchema.builder(rowType, "shop", "orders")
 *                 .setPrimaryKey(List.of("order_id"))
 *                 .setWritableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *                 .build();
 * }</pre>
 */
@PublicEvolving
public final class TiCdcCanalSerializationSchema implements SerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    /** The metadata a row can give its message. */
    public static final Set<TiCdcMetadata> WRITABLE_METADATA =
            Collections.unmodifiableSet(
                    EnumSet.of(
                            TiCdcMetadata.DATABASE, TiCdcMetadata.TABLE, TiCdcMetadata.COMMIT_TS));

    private final RowType physicalRowType;
    private final List<TiCdcMetadata> metadata;
    private final String database;
    private final String table;
    private final List<String> primaryKey;
    private final ZoneId timestampZone;

    private transient CanalJsonRowEncoder encoder;

    private TiCdcCanalSerializationSchema(Builder builder) {
        this.physicalRowType = builder.physicalRowType;
        this.metadata = List.copyOf(builder.metadata);
        this.database = builder.database;
        this.table = builder.table;
        this.primaryKey = List.copyOf(builder.primaryKey);
        this.timestampZone = builder.timestampZone;
    }

    /**
     * A builder for a schema whose physical columns are the fields of {@code physicalRowType},
     * written as a table {@code database}.{@code table} of TiDB.
     */
    public static Builder builder(RowType physicalRowType, String database, String table) {
        return new Builder(physicalRowType, database, table);
    }

    @Override
    public void open(InitializationContext context) {
        encoder = newEncoder();
    }

    /**
     * @throws IllegalArgumentException if a value has no TiCDC text (NaN or infinity, a date
     *     outside years 0 to 9999, a NULL vector element) or the commit TSO is negative
     */
    @Override
    public byte[] serialize(RowData row) {
        if (encoder == null) {
            encoder = newEncoder();
        }
        return encoder.encode(row);
    }

    private CanalJsonRowEncoder newEncoder() {
        return new CanalJsonRowEncoder(
                physicalRowType, metadata, database, table, primaryKey, timestampZone);
    }

    /** Equal schemas write the same messages. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TiCdcCanalSerializationSchema)) {
            return false;
        }
        TiCdcCanalSerializationSchema that = (TiCdcCanalSerializationSchema) o;
        return physicalRowType.equals(that.physicalRowType)
                && metadata.equals(that.metadata)
                && database.equals(that.database)
                && table.equals(that.table)
                && primaryKey.equals(that.primaryKey)
                && timestampZone.equals(that.timestampZone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(physicalRowType, metadata, database, table, primaryKey, timestampZone);
    }

    /**
     * Builds a {@link TiCdcCanalSerializationSchema}; every setting but the names has a default.
     */
    public static final class Builder {

        private final RowType physicalRowType;
        private final String database;
        private final String table;
        private List<String> primaryKey = List.of();
        private List<TiCdcMetadata> metadata = List.of();
        private ZoneId timestampZone =
                ZoneId.of(TiCdcFormatOptions.TIMESTAMP_TIME_ZONE.defaultValue());

        private Builder(RowType physicalRowType, String database, String table) {
            this.physicalRowType = Objects.requireNonNull(physicalRowType, "physicalRowType");
            this.database = Objects.requireNonNull(database, "database");
            this.table = Objects.requireNonNull(table, "table");
        }

        /** The primary key's columns, for {@code pkNames}. Default: none ({@code []}). */
        public Builder setPrimaryKey(List<String> columns) {
            this.primaryKey = List.copyOf(columns);
            return this;
        }

        /**
         * Metadata columns that follow the physical ones in each row, in this order; each one of
         * {@link #WRITABLE_METADATA}. Default: none.
         */
        public Builder setWritableMetadata(List<TiCdcMetadata> metadata) {
            this.metadata = List.copyOf(metadata);
            return this;
        }

        /**
         * The zone TIMESTAMP_LTZ values are written in, as TiCDC writes TIMESTAMP columns in its
         * server's zone; a reader must read them in the same zone. Default: UTC.
         */
        public Builder setTimestampZone(ZoneId zone) {
            this.timestampZone = Objects.requireNonNull(zone);
            return this;
        }

        /**
         * @throws ValidationException if a column's type has no TiDB counterpart, a metadata item
         *     cannot be written or is given twice, or a primary key column is not in the row
         */
        public TiCdcCanalSerializationSchema build() {
            ColumnEncodings.forRow(physicalRowType, timestampZone);
            Set<TiCdcMetadata> seen = EnumSet.noneOf(TiCdcMetadata.class);
            for (TiCdcMetadata m : metadata) {
                if (!WRITABLE_METADATA.contains(m) || !seen.add(m)) {
                    throw new ValidationException(
                            String.format(
                                    "Metadata '%s' cannot be written%s; ticdc-canal writes %s,"
                                            + " each once.",
                                    m.key(),
                                    seen.contains(m) ? " twice" : "",
                                    keys(WRITABLE_METADATA)));
                }
            }
            Set<String> columns = new HashSet<>(physicalRowType.getFieldNames());
            for (String column : primaryKey) {
                if (!columns.contains(column)) {
                    throw new ValidationException(
                            String.format(
                                    "Primary key column '%s' is not a column of the row %s.",
                                    column, physicalRowType.getFieldNames()));
                }
            }
            return new TiCdcCanalSerializationSchema(this);
        }

        private static List<String> keys(Set<TiCdcMetadata> items) {
            List<String> keys = new ArrayList<>();
            for (TiCdcMetadata m : items) {
                keys.add("'" + m.key() + "'");
            }
            return keys;
        }
    }
}
