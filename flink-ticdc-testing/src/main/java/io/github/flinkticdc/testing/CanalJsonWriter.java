package io.github.flinkticdc.testing;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Writes Kafka record values exactly as TiCDC's canal-json encoder does (spec §2): one event per
 * message, values as JSON strings, the field order of current TiCDC, {@code old} with every column
 * or only the changed ones, the {@code _tidb} extension with {@code commitTs}, {@code
 * TIDB_WATERMARK} messages, DDL events, Go's JSON escaping, and {@code
 * large-message-handle-compression}.
 *
 * <p>Immutable; the {@code with...} methods return a changed copy.
 */
public final class CanalJsonWriter {

    /** TiCDC's {@code large-message-handle-compression}, applied to every message. */
    public enum PayloadCompression {
        /** Plain JSON. */
        NONE,
        /** LZ4 frame format. */
        LZ4,
        /** Raw Snappy block format. */
        SNAPPY
    }

    private final boolean tidbExtension;
    private final boolean onlyUpdatedColumns;
    private final PayloadCompression compression;
    private final LongSupplier encodeClock;

    private CanalJsonWriter(
            boolean tidbExtension,
            boolean onlyUpdatedColumns,
            PayloadCompression compression,
            LongSupplier encodeClock) {
        this.tidbExtension = tidbExtension;
        this.onlyUpdatedColumns = onlyUpdatedColumns;
        this.compression = Objects.requireNonNull(compression);
        this.encodeClock = Objects.requireNonNull(encodeClock);
    }

    /**
     * A writer configured as {@code enable-tidb-extension=true}, full {@code old}, no compression;
     * {@code ts} is the wall clock.
     */
    public static CanalJsonWriter create() {
        return new CanalJsonWriter(true, false, PayloadCompression.NONE, System::currentTimeMillis);
    }

    /** TiCDC's {@code enable-tidb-extension}. */
    public CanalJsonWriter withTidbExtension(boolean enabled) {
        return new CanalJsonWriter(enabled, onlyUpdatedColumns, compression, encodeClock);
    }

    /** TiCDC's {@code only-output-updated-columns}. */
    public CanalJsonWriter withOnlyUpdatedColumns(boolean enabled) {
        return new CanalJsonWriter(tidbExtension, enabled, compression, encodeClock);
    }

    /** TiCDC's {@code large-message-handle-compression}. */
    public CanalJsonWriter withCompression(PayloadCompression compression) {
        return new CanalJsonWriter(tidbExtension, onlyUpdatedColumns, compression, encodeClock);
    }

    /** Source of the {@code ts} field (when TiCDC encoded the message, in epoch ms). */
    public CanalJsonWriter withEncodeClock(LongSupplier clock) {
        return new CanalJsonWriter(tidbExtension, onlyUpdatedColumns, compression, clock);
    }

    public boolean tidbExtension() {
        return tidbExtension;
    }

    /** A TiDB TSO: physical milliseconds in the high bits, an 18-bit logical counter below. */
    public static long tso(long physicalMillis, int logical) {
        if (logical < 0 || logical >= (1 << 18)) {
            throw new IllegalArgumentException("logical part out of range: " + logical);
        }
        return (physicalMillis << 18) | logical;
    }

    /** The physical part of a TSO in epoch milliseconds (canal-json's {@code es}). */
    public static long physicalMillis(long tso) {
        return tso >>> 18;
    }

    /** An INSERT of {@code row} (column name to text; see {@link TiDbTable#row}). */
    public byte[] insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return dml(table, "INSERT", commitTs, row, null);
    }

    /** An UPDATE from {@code before} to {@code after}. */
    public byte[] update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return dml(table, "UPDATE", commitTs, after, Objects.requireNonNull(before));
    }

    /** A DELETE of {@code row}. */
    public byte[] delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return dml(table, "DELETE", commitTs, row, null);
    }

    /** A DDL event; {@code table} is empty for schema-level DDL. TiCDC sends it to partition 0. */
    public byte[] ddl(String database, String table, CanalDdlType type, String sql, long commitTs) {
        return encode(
                g -> {
                    header(g, database, table, null, true, type.name(), commitTs);
                    g.writeStringField("sql", sql);
                    g.writeNullField("sqlType");
                    g.writeNullField("mysqlType");
                    g.writeNullField("data");
                    g.writeNullField("old");
                    tidb(g, "commitTs", commitTs);
                });
    }

    /** A {@code TIDB_WATERMARK}; only TiCDC with the TiDB extension sends these. */
    public byte[] watermark(long watermarkTs) {
        if (!tidbExtension) {
            throw new IllegalStateException(
                    "TiCDC writes watermarks only with enable-tidb-extension=true");
        }
        return encode(
                g -> {
                    header(g, "", "", null, false, "TIDB_WATERMARK", watermarkTs);
                    g.writeStringField("sql", "");
                    g.writeNullField("sqlType");
                    g.writeNullField("mysqlType");
                    g.writeNullField("data");
                    g.writeNullField("old");
                    tidb(g, "watermarkTs", watermarkTs);
                });
    }

    private byte[] dml(
            TiDbTable table,
            String type,
            long commitTs,
            Map<String, String> row,
            Map<String, String> old) {
        return encode(
                g -> {
                    header(g, table.database(), table.name(), table, false, type, commitTs);
                    g.writeStringField("sql", "");
                    g.writeObjectFieldStart("sqlType");
                    for (TiDbTable.Column c : table.columns()) {
                        g.writeNumberField(c.name(), c.sqlType(value(row, c)));
                    }
                    g.writeEndObject();
                    g.writeObjectFieldStart("mysqlType");
                    for (TiDbTable.Column c : table.columns()) {
                        g.writeStringField(c.name(), c.mysqlType());
                    }
                    g.writeEndObject();
                    if (old == null) {
                        g.writeNullField("old");
                    } else {
                        g.writeArrayFieldStart("old");
                        image(g, table, old, onlyUpdatedColumns ? row : null);
                        g.writeEndArray();
                    }
                    g.writeArrayFieldStart("data");
                    image(g, table, row, null);
                    g.writeEndArray();
                    tidb(g, "commitTs", commitTs);
                });
    }

    private void header(
            JsonGenerator g,
            String database,
            String table,
            TiDbTable pkSource,
            boolean isDdl,
            String type,
            long ts)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", 0);
        g.writeStringField("database", database);
        g.writeStringField("table", table);
        if (pkSource == null) {
            g.writeNullField("pkNames");
        } else {
            g.writeArrayFieldStart("pkNames");
            for (String pk : pkSource.pkNames()) {
                g.writeString(pk);
            }
            g.writeEndArray();
        }
        g.writeBooleanField("isDdl", isDdl);
        g.writeStringField("type", type);
        g.writeNumberField("es", physicalMillis(ts));
        g.writeNumberField("ts", encodeClock.getAsLong());
    }

    private void tidb(JsonGenerator g, String field, long tso) throws IOException {
        if (tidbExtension) {
            g.writeObjectFieldStart("_tidb");
            g.writeNumberField(field, tso);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Writes one image; with {@code unlessEqualTo} only the columns whose value differs. */
    private static void image(
            JsonGenerator g,
            TiDbTable table,
            Map<String, String> row,
            Map<String, String> unlessEqualTo)
            throws IOException {
        g.writeStartObject();
        for (TiDbTable.Column c : table.columns()) {
            String value = value(row, c);
            if (unlessEqualTo != null && Objects.equals(value, unlessEqualTo.get(c.name()))) {
                continue;
            }
            if (value == null) {
                g.writeNullField(c.name());
            } else {
                g.writeStringField(c.name(), value);
            }
        }
        g.writeEndObject();
    }

    private static String value(Map<String, String> row, TiDbTable.Column column) {
        if (!row.containsKey(column.name())) {
            throw new IllegalArgumentException("Row has no value for column " + column.name());
        }
        return row.get(column.name());
    }

    private byte[] encode(GoJson.Body body) {
        return GoJson.write(body, compression);
    }
}
