package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Writes Kafka record values as TiCDC's simple protocol does in JSON (spec §4.1): one message per
 * record, the field order of TiCDC's encoder, values as strings (binary columns base64, TIMESTAMP
 * as an object with its zone), {@code old} as the full row, WATERMARK, DDL and BOOTSTRAP messages,
 * {@code large-message-handle-compression} and, as TiCDC's integrity check does, row checksums.
 *
 * <p>A table's {@code schemaVersion} is derived from its definition, so a DDL that changes the
 * table changes it; a table DDL carries both schemas, as TiCDC's does. Immutable; the {@code
 * with...} methods return a changed copy.
 */
public final class SimpleWriter {

    private final PayloadCompression compression;
    private final String timestampLocation;
    private final LongSupplier encodeClock;
    private final boolean checksums;

    private SimpleWriter(
            PayloadCompression compression,
            String timestampLocation,
            LongSupplier encodeClock,
            boolean checksums) {
        this.compression = Objects.requireNonNull(compression);
        this.timestampLocation = Objects.requireNonNull(timestampLocation);
        this.encodeClock = Objects.requireNonNull(encodeClock);
        this.checksums = checksums;
    }

    /**
     * No compression, TIMESTAMP values in UTC, {@code buildTs} from the wall clock, no checksums.
     */
    public static SimpleWriter create() {
        return new SimpleWriter(PayloadCompression.NONE, "UTC", System::currentTimeMillis, false);
    }

    /** TiCDC's {@code large-message-handle-compression}. */
    public SimpleWriter withCompression(PayloadCompression compression) {
        return new SimpleWriter(compression, timestampLocation, encodeClock, checksums);
    }

    /** The zone TiCDC runs in, which it names in each TIMESTAMP value. */
    public SimpleWriter withTimestampLocation(String location) {
        return new SimpleWriter(compression, location, encodeClock, checksums);
    }

    /** Source of {@code buildTs} (when TiCDC encoded the message, in epoch ms). */
    public SimpleWriter withEncodeClock(LongSupplier clock) {
        return new SimpleWriter(compression, timestampLocation, clock, checksums);
    }

    /**
     * Each row message carries the {@code checksum} object of TiCDC's integrity check ({@code
     * integrity-check-level = "correctness"}), with the {@link TiDbRowChecksum} of each image.
     */
    public SimpleWriter withChecksums() {
        return new SimpleWriter(compression, timestampLocation, encodeClock, true);
    }

    /** The {@code schemaVersion} the rows of {@code table} name: one per table definition. */
    public static long schemaVersion(TiDbTable table) {
        return (table.columns().hashCode() & 0xffffffffL) + 1;
    }

    public byte[] insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return dml(table, "INSERT", commitTs, row, null);
    }

    public byte[] update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return dml(table, "UPDATE", commitTs, after, Objects.requireNonNull(before));
    }

    /** A DELETE: TiCDC writes the deleted row as {@code old}. */
    public byte[] delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return dml(table, "DELETE", commitTs, null, row);
    }

    /** A database-level DDL, which names no table schema; TiCDC sends it to every partition. */
    public byte[] ddl(CanalDdlType type, String sql, long commitTs) {
        return ddl(type, sql, commitTs, null, null);
    }

    /**
     * A DDL that changes {@code before} into {@code after}, with both schemas, as TiCDC writes it
     * ({@code tableSchema}, {@code preTableSchema}; a CREATE has no schema before).
     */
    public byte[] tableDdl(
            TiDbTable before, TiDbTable after, CanalDdlType type, String sql, long commitTs) {
        return ddl(type, sql, commitTs, after, type == CanalDdlType.CREATE ? null : before);
    }

    private byte[] ddl(
            CanalDdlType type, String sql, long commitTs, TiDbTable after, TiDbTable before) {
        return GoJson.write(
                g -> {
                    start(g, type.name());
                    g.writeStringField("sql", sql);
                    g.writeNumberField("commitTs", commitTs);
                    g.writeNumberField("buildTs", encodeClock.getAsLong());
                    if (after != null) {
                        g.writeFieldName("tableSchema");
                        tableSchema(g, after);
                    }
                    if (before != null) {
                        g.writeFieldName("preTableSchema");
                        tableSchema(g, before);
                    }
                    g.writeEndObject();
                },
                compression);
    }

    public byte[] watermark(long ts) {
        return GoJson.write(
                g -> {
                    start(g, "WATERMARK");
                    g.writeNumberField("commitTs", ts);
                    g.writeNumberField("buildTs", encodeClock.getAsLong());
                    g.writeEndObject();
                },
                compression);
    }

    /** The table's schema, as TiCDC sends it at start and then periodically. */
    public byte[] bootstrap(TiDbTable table) {
        return GoJson.write(
                g -> {
                    start(g, "BOOTSTRAP");
                    g.writeNumberField("commitTs", 0);
                    g.writeNumberField("buildTs", encodeClock.getAsLong());
                    g.writeFieldName("tableSchema");
                    tableSchema(g, table);
                    g.writeEndObject();
                },
                compression);
    }

    private byte[] dml(
            TiDbTable table,
            String type,
            long commitTs,
            Map<String, String> data,
            Map<String, String> old) {
        return GoJson.write(
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("version", 1);
                    g.writeStringField("database", table.database());
                    g.writeStringField("table", table.name());
                    g.writeNumberField("tableID", schemaVersion(table) % 100_000);
                    g.writeStringField("type", type);
                    g.writeNumberField("commitTs", commitTs);
                    g.writeNumberField("buildTs", encodeClock.getAsLong());
                    g.writeNumberField("schemaVersion", schemaVersion(table));
                    if (checksums) {
                        checksum(g, table, data, old);
                    }
                    if (data != null) {
                        g.writeFieldName("data");
                        image(g, table, data);
                    }
                    if (old != null) {
                        g.writeFieldName("old");
                        image(g, table, old);
                    }
                    g.writeEndObject();
                },
                compression);
    }

    /** TiCDC writes 0 for an image the event does not have; TiDB 8.4+ writes version 2. */
    private void checksum(
            JsonGenerator g, TiDbTable table, Map<String, String> data, Map<String, String> old)
            throws IOException {
        g.writeObjectFieldStart("checksum");
        g.writeNumberField("version", 2);
        g.writeBooleanField("corrupted", false);
        g.writeNumberField(
                "current", data == null ? 0 : TiDbRowChecksum.of(table, data, timestampLocation));
        g.writeNumberField(
                "previous", old == null ? 0 : TiDbRowChecksum.of(table, old, timestampLocation));
        g.writeEndObject();
    }

    private static void start(JsonGenerator g, String type) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", 1);
        g.writeStringField("type", type);
    }

    private void image(JsonGenerator g, TiDbTable table, Map<String, String> row)
            throws IOException {
        g.writeStartObject();
        for (TiDbTable.Column c : table.columns()) {
            if (!row.containsKey(c.name())) {
                throw new IllegalArgumentException("Row has no value for column " + c.name());
            }
            String value = row.get(c.name());
            String type = baseType(c);
            if (value == null) {
                g.writeNullField(c.name());
            } else if (SqlTypes.isBinary(type)) {
                g.writeStringField(
                        c.name(),
                        Base64.getEncoder()
                                .encodeToString(value.getBytes(StandardCharsets.ISO_8859_1)));
            } else if (type.equals("timestamp")) {
                g.writeObjectFieldStart(c.name());
                g.writeStringField("location", timestampLocation);
                g.writeStringField("value", value);
                g.writeEndObject();
            } else {
                g.writeStringField(c.name(), value);
            }
        }
        g.writeEndObject();
    }

    private static void tableSchema(JsonGenerator g, TiDbTable table) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", table.database());
        g.writeStringField("table", table.name());
        g.writeNumberField("tableID", schemaVersion(table) % 100_000);
        g.writeNumberField("version", schemaVersion(table));
        g.writeArrayFieldStart("columns");
        for (TiDbTable.Column c : table.columns()) {
            String type = baseType(c);
            boolean text =
                    type.contains("char")
                            || type.contains("text")
                            || type.equals("enum")
                            || type.equals("set")
                            || type.equals("json");
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeObjectFieldStart("dataType");
            g.writeStringField("mysqlType", type);
            g.writeStringField("charset", text ? "utf8mb4" : "binary");
            g.writeStringField("collate", text ? "utf8mb4_bin" : "binary");
            if (c.mysqlType().toLowerCase(Locale.ROOT).contains("unsigned")) {
                g.writeBooleanField("unsigned", true);
            }
            g.writeEndObject();
            g.writeBooleanField("nullable", !c.primaryKey());
            g.writeNullField("default");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("indexes");
        g.writeStartObject();
        g.writeStringField("name", "primary");
        g.writeBooleanField("unique", true);
        g.writeBooleanField("primary", true);
        g.writeBooleanField("nullable", false);
        g.writeArrayFieldStart("columns");
        for (String pk : table.pkNames()) {
            g.writeString(pk);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The type name without length or sign, as the simple protocol's {@code mysqlType}. */
    private static String baseType(TiDbTable.Column column) {
        String type = column.mysqlType().toLowerCase(Locale.ROOT);
        int cut = type.indexOf('(');
        type = cut < 0 ? type : type.substring(0, cut);
        return type.replace(" unsigned", "").trim();
    }
}
