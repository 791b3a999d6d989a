package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Writes Kafka record keys and values as TiCDC's debezium encoder does (spec §4.2, TiCDC 8.x and
 * the new architecture): {@code {"payload": ..., "schema": ...}} with the schema after the payload
 * (or none, {@code debezium-disable-schema=true}), values in Debezium's MySQL mapping (DATE as
 * epoch days, DATETIME as epoch milli- or microseconds, TIMESTAMP as a UTC instant, TIME as
 * microseconds, binary as base64, BIT as little-endian bytes, DECIMAL as a double, BIGINT UNSIGNED
 * wrapped), Go's JSON escaping, {@code tidb_type} and {@code op=m} watermarks with {@code
 * enable-tidb-extension=true}, DDL messages, and {@code large-message-handle-compression}. The key
 * holds the primary key.
 *
 * <p>Rows are the canonical text of {@link TiDbTable#row}. As TiCDC does, a zero DATE or DATETIME
 * is written as null and a zero TIMESTAMP as the epoch. A DATETIME's fsp is read from its fraction
 * (more than 3 digits: microseconds); a BIT is written as BIT(64); ENUM and SET, whose labels a
 * {@link TiDbTable} does not hold, are not supported. Immutable; the {@code with...} methods return
 * a changed copy.
 */
public final class DebeziumWriter {

    private static final String CLUSTER = "default";
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final BigInteger UNSIGNED_MAX =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final boolean schema;
    private final boolean tidbExtension;
    private final PayloadCompression compression;
    private final ZoneId timeZone;
    private final LongSupplier encodeClock;

    private DebeziumWriter(
            boolean schema,
            boolean tidbExtension,
            PayloadCompression compression,
            ZoneId timeZone,
            LongSupplier encodeClock) {
        this.schema = schema;
        this.tidbExtension = tidbExtension;
        this.compression = Objects.requireNonNull(compression);
        this.timeZone = Objects.requireNonNull(timeZone);
        this.encodeClock = Objects.requireNonNull(encodeClock);
    }

    /**
     * A writer with the schema, {@code enable-tidb-extension=true}, no compression, TiCDC's time
     * zone UTC; {@code ts_ms} is the wall clock.
     */
    public static DebeziumWriter create() {
        return new DebeziumWriter(
                true, true, PayloadCompression.NONE, ZoneOffset.UTC, System::currentTimeMillis);
    }

    /** The opposite of TiCDC's {@code debezium-disable-schema}. */
    public DebeziumWriter withSchema(boolean enabled) {
        return new DebeziumWriter(enabled, tidbExtension, compression, timeZone, encodeClock);
    }

    /** TiCDC's {@code enable-tidb-extension}: {@code tidb_type} and watermarks. */
    public DebeziumWriter withTidbExtension(boolean enabled) {
        return new DebeziumWriter(schema, enabled, compression, timeZone, encodeClock);
    }

    /** TiCDC's {@code large-message-handle-compression}, applied to keys and values. */
    public DebeziumWriter withCompression(PayloadCompression compression) {
        return new DebeziumWriter(schema, tidbExtension, compression, timeZone, encodeClock);
    }

    /** The TiCDC server's time zone, in which the rows' TIMESTAMP text is a wall clock. */
    public DebeziumWriter withTimeZone(ZoneId zone) {
        return new DebeziumWriter(schema, tidbExtension, compression, zone, encodeClock);
    }

    /** Source of {@code payload.ts_ms} (when TiCDC encoded the message, in epoch ms). */
    public DebeziumWriter withEncodeClock(LongSupplier clock) {
        return new DebeziumWriter(schema, tidbExtension, compression, timeZone, clock);
    }

    public boolean tidbExtension() {
        return tidbExtension;
    }

    /** The record key of a row: its primary-key columns. */
    public byte[] key(TiDbTable table, Map<String, String> row) {
        return encode(
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("payload");
                    for (TiDbTable.Column c : table.columns()) {
                        if (c.primaryKey()) {
                            writeValue(g, c, row.get(c.name()));
                        }
                    }
                    g.writeEndObject();
                    if (schema) {
                        g.writeObjectFieldStart("schema");
                        g.writeStringField("type", "struct");
                        g.writeStringField("name", name(table) + ".Key");
                        g.writeArrayFieldStart("fields");
                        for (TiDbTable.Column c : table.columns()) {
                            if (c.primaryKey()) {
                                writeColumnSchema(g, c, List.of(row));
                            }
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                });
    }

    /** An insert ({@code op} c). */
    public byte[] insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return dml(table, commitTs, "c", null, row);
    }

    /** An update ({@code op} u) with the row before (TiCDC's default output-old-value). */
    public byte[] update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return dml(table, commitTs, "u", Objects.requireNonNull(before), after);
    }

    /** A delete ({@code op} d). */
    public byte[] delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return dml(table, commitTs, "d", row, null);
    }

    /** The key of a DDL message: the database. */
    public byte[] ddlKey(String database) {
        return encode(
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("payload");
                    g.writeStringField("databaseName", database);
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    /** A DDL message; {@code table} is empty for a schema-level DDL. */
    public byte[] ddl(String database, String table, CanalDdlType type, String sql, long commitTs) {
        return encode(
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("payload");
                    source(g, database, table, commitTs);
                    g.writeNumberField("ts_ms", encodeClock.getAsLong());
                    g.writeStringField("databaseName", database);
                    g.writeNullField("schemaName");
                    g.writeStringField("ddl", sql);
                    g.writeArrayFieldStart("tableChanges");
                    if (!table.isEmpty() && type != CanalDdlType.TRUNCATE) {
                        g.writeStartObject();
                        g.writeStringField("type", tableChangeType(type));
                        g.writeStringField("id", "\"" + database + "\".\"" + table + "\"");
                        g.writeNullField("table");
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    if (schema) {
                        g.writeObjectFieldStart("schema");
                        g.writeStringField("type", "struct");
                        g.writeStringField("name", "io.debezium.connector.mysql.SchemaChangeValue");
                        g.writeArrayFieldStart("fields");
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                });
    }

    /** The key of a watermark: an empty payload. */
    public byte[] watermarkKey() {
        return encode(
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("payload");
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    /** TiCDC's watermark ({@code op} m); only with the TiDB extension. */
    public byte[] watermark(long ts) {
        if (!tidbExtension) {
            throw new IllegalStateException(
                    "TiCDC writes debezium watermarks only with enable-tidb-extension=true");
        }
        return encode(
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("payload");
                    source(g, "", "", ts);
                    g.writeNumberField("ts_ms", encodeClock.getAsLong());
                    g.writeNullField("transaction");
                    g.writeStringField("op", "m");
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    private byte[] dml(
            TiDbTable table,
            long commitTs,
            String op,
            Map<String, String> before,
            Map<String, String> after) {
        return encode(
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("payload");
                    source(g, table.database(), table.name(), commitTs);
                    g.writeNumberField("ts_ms", encodeClock.getAsLong());
                    g.writeNullField("transaction");
                    g.writeStringField("op", op);
                    image(g, "before", table, before);
                    image(g, "after", table, after);
                    g.writeEndObject();
                    if (schema) {
                        envelopeSchema(
                                g,
                                table,
                                before == null
                                        ? List.of(after)
                                        : after == null ? List.of(before) : List.of(before, after));
                    }
                    g.writeEndObject();
                });
    }

    private void source(JsonGenerator g, String database, String table, long commitTs)
            throws IOException {
        g.writeObjectFieldStart("source");
        g.writeStringField("version", "2.4.0.Final");
        g.writeStringField("connector", "TiCDC");
        g.writeStringField("name", CLUSTER);
        g.writeNumberField("ts_ms", commitTs >>> 18);
        g.writeStringField("snapshot", "false");
        g.writeStringField("db", database);
        g.writeStringField("table", table);
        g.writeNumberField("server_id", 0);
        g.writeNullField("gtid");
        g.writeStringField("file", "");
        g.writeNumberField("pos", 0);
        g.writeNumberField("row", 0);
        g.writeNumberField("thread", 0);
        g.writeNullField("query");
        g.writeNumberField("commit_ts", commitTs);
        g.writeStringField("cluster_id", CLUSTER);
        g.writeEndObject();
    }

    private void image(JsonGenerator g, String field, TiDbTable table, Map<String, String> row)
            throws IOException {
        if (row == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        for (TiDbTable.Column c : table.columns()) {
            if (!row.containsKey(c.name())) {
                throw new IllegalArgumentException("Row has no value for column " + c.name());
            }
            writeValue(g, c, row.get(c.name()));
        }
        g.writeEndObject();
    }

    private void envelopeSchema(JsonGenerator g, TiDbTable table, List<Map<String, String>> rows)
            throws IOException {
        g.writeObjectFieldStart("schema");
        g.writeStringField("type", "struct");
        g.writeBooleanField("optional", false);
        g.writeStringField("name", name(table) + ".Envelope");
        g.writeNumberField("version", 1);
        g.writeArrayFieldStart("fields");
        for (String image : new String[] {"before", "after"}) {
            g.writeStartObject();
            g.writeStringField("type", "struct");
            g.writeBooleanField("optional", true);
            g.writeStringField("name", name(table) + ".Value");
            g.writeStringField("field", image);
            g.writeArrayFieldStart("fields");
            for (TiDbTable.Column c : table.columns()) {
                writeColumnSchema(g, c, rows);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        for (String[] field : new String[][] {{"op", "string"}, {"ts_ms", "int64"}}) {
            g.writeStartObject();
            g.writeStringField("type", field[1]);
            g.writeBooleanField("optional", false);
            g.writeStringField("field", field[0]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeColumnSchema(
            JsonGenerator g, TiDbTable.Column c, List<Map<String, String>> rows)
            throws IOException {
        g.writeStartObject();
        if (tidbExtension) {
            g.writeStringField("tidb_type", c.mysqlType());
        }
        String[] typeAndName = schemaType(c, rows);
        g.writeStringField("type", typeAndName[0]);
        g.writeBooleanField("optional", !c.primaryKey());
        if (typeAndName[1] != null) {
            g.writeStringField("name", typeAndName[1]);
            g.writeNumberField("version", 1);
        }
        if ("bit".equals(bare(c))) {
            g.writeObjectFieldStart("parameters");
            g.writeStringField("length", "64");
            g.writeEndObject();
        }
        g.writeStringField("field", c.name());
        g.writeEndObject();
    }

    /** Debezium's {@code type} and logical {@code name} of a column, as TiCDC writes them. */
    private static String[] schemaType(TiDbTable.Column c, List<Map<String, String>> rows) {
        boolean unsigned = c.mysqlType().contains("unsigned");
        switch (bare(c)) {
            case "tinyint":
                return new String[] {"int16", null};
            case "smallint":
                return new String[] {unsigned ? "int32" : "int16", null};
            case "mediumint":
                return new String[] {"int32", null};
            case "int":
                return new String[] {unsigned ? "int64" : "int32", null};
            case "bigint":
                return new String[] {"int64", null};
            case "float":
                return new String[] {"float", null};
            case "double":
            case "decimal":
                return new String[] {"double", null};
            case "date":
                return new String[] {"int32", "io.debezium.time.Date"};
            case "datetime":
                return new String[] {
                    "int64",
                    micros(c, rows)
                            ? "io.debezium.time.MicroTimestamp"
                            : "io.debezium.time.Timestamp"
                };
            case "timestamp":
                return new String[] {"string", "io.debezium.time.ZonedTimestamp"};
            case "time":
                return new String[] {"int64", "io.debezium.time.MicroTime"};
            case "year":
                return new String[] {"int32", "io.debezium.time.Year"};
            case "bit":
                return new String[] {"bytes", "io.debezium.data.Bits"};
            case "json":
                return new String[] {"string", "io.debezium.data.Json"};
            case "vector":
                return new String[] {"string", "io.debezium.data.TiDBVectorFloat32"};
            case "enum":
            case "set":
                throw unsupported(c);
            default:
                return new String[] {"string", null};
        }
    }

    /** TiCDC writes a DATETIME of fsp above 3 in microseconds: its text has more digits. */
    private static boolean micros(TiDbTable.Column c, List<Map<String, String>> rows) {
        for (Map<String, String> row : rows) {
            String text = row == null ? null : row.get(c.name());
            int dot = text == null ? -1 : text.indexOf('.');
            if (dot >= 0 && text.length() - dot - 1 > 3) {
                return true;
            }
        }
        return false;
    }

    private void writeValue(JsonGenerator g, TiDbTable.Column c, String text) throws IOException {
        g.writeFieldName(c.name());
        if (text == null || (isZeroDate(text) && !"timestamp".equals(bare(c)))) {
            // TiCDC writes a zero DATE or DATETIME of a nullable column as null.
            g.writeNull();
            return;
        }
        switch (bare(c)) {
            case "tinyint":
            case "smallint":
            case "mediumint":
            case "int":
            case "bigint":
                g.writeRawValue(integer(text));
                break;
            case "float":
            case "double":
                g.writeRawValue(text);
                break;
            case "decimal":
                g.writeRawValue(asGoDouble(Double.parseDouble(text)));
                break;
            case "date":
                g.writeNumber(LocalDate.parse(text).toEpochDay());
                break;
            case "datetime":
                LocalDateTime dt = dateTime(text);
                long seconds = dt.toEpochSecond(ZoneOffset.UTC);
                g.writeNumber(
                        fraction(text) > 3
                                ? seconds * 1_000_000 + dt.getNano() / 1_000
                                : seconds * 1_000 + dt.getNano() / 1_000_000);
                break;
            case "timestamp":
                // TiCDC writes a zero TIMESTAMP as the epoch.
                g.writeString(isZeroDate(text) ? "1970-01-01T00:00:00Z" : instant(text));
                break;
            case "time":
                g.writeNumber(timeMicros(text));
                break;
            case "year":
                g.writeRawValue(text);
                break;
            case "bit":
                g.writeString(Base64.getEncoder().encodeToString(littleEndian(text)));
                break;
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                g.writeString(
                        Base64.getEncoder()
                                .encodeToString(text.getBytes(StandardCharsets.ISO_8859_1)));
                break;
            case "enum":
            case "set":
                throw unsupported(c);
            default:
                g.writeString(text);
        }
    }

    /**
     * An integer as TiCDC's debezium encoder writes it: a BIGINT UNSIGNED above 2^63 - 1 wrapped to
     * a negative int64, its maximum as -1.
     */
    private static String integer(String text) {
        BigInteger value = new BigInteger(text);
        if (value.equals(UNSIGNED_MAX)) {
            return "-1";
        }
        return value.bitLength() < 64 ? text : Long.toString(value.longValue());
    }

    /** A double as Go's encoder writes it: shortest digits, without exponent below 1e21. */
    private static String asGoDouble(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            return new BigDecimal(Double.toString(value)).toBigInteger().toString();
        }
        return Math.abs(value) < 1e21 && Math.abs(value) >= 1e-6
                ? new BigDecimal(Double.toString(value)).toPlainString()
                : Double.toString(value).replace("E", "e");
    }

    /** MySQL's zero date, or a date with a zero month or day, which no calendar has. */
    private static boolean isZeroDate(String text) {
        return text.length() >= 10
                && text.charAt(4) == '-'
                && (text.startsWith("00", 5) || text.startsWith("00", 8));
    }

    private static LocalDateTime dateTime(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static int fraction(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : text.length() - dot - 1;
    }

    /** A TIMESTAMP's wall clock in TiCDC's zone as the UTC instant, with its fraction digits. */
    private String instant(String text) {
        LocalDateTime utc =
                dateTime(text)
                        .atZone(timeZone)
                        .withZoneSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime();
        String iso = utc.format(ISO_SECONDS);
        int digits = fraction(text);
        if (digits > 0) {
            iso += "." + String.format("%09d", utc.getNano()).substring(0, digits);
        }
        return iso + "Z";
    }

    private static long timeMicros(String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        String[] seconds = parts[2].split("\\.");
        long micros =
                ((Long.parseLong(parts[0]) * 60 + Long.parseLong(parts[1])) * 60
                                + Long.parseLong(seconds[0]))
                        * 1_000_000;
        if (seconds.length > 1) {
            micros += Long.parseLong((seconds[1] + "000000").substring(0, 6));
        }
        return negative ? -micros : micros;
    }

    /** A BIT value's bytes as TiCDC writes them for a BIT(64): least significant first. */
    public static byte[] bitBytes(String text) {
        return littleEndian(text);
    }

    private static byte[] littleEndian(String text) {
        long value = new BigInteger(text).longValue();
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    private static String tableChangeType(CanalDdlType type) {
        switch (type) {
            case CREATE:
                return "CREATE";
            case ERASE:
                return "DROP";
            default:
                return "ALTER";
        }
    }

    private static String name(TiDbTable table) {
        return CLUSTER + "." + table.database() + "." + table.name();
    }

    private static String bare(TiDbTable.Column c) {
        int space = c.mysqlType().indexOf(' ');
        return space < 0 ? c.mysqlType() : c.mysqlType().substring(0, space);
    }

    private static IllegalArgumentException unsupported(TiDbTable.Column c) {
        return new IllegalArgumentException(
                "DebeziumWriter cannot write column "
                        + c
                        + ": TiCDC writes ENUM and SET labels, which a TiDbTable does not hold");
    }

    private byte[] encode(GoJson.Body body) {
        return GoJson.write(body, compression);
    }
}
