package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes TiCDC Open Protocol events and records as TiCDC's encoder does (spec §3): event key JSON
 * ({@code ts}, {@code scm}, {@code tbl}, {@code ptn} of partitioned tables, {@code t}), row values
 * {@code u} / {@code p} / {@code d} with each column's type code {@code t}, flags {@code f}, handle
 * marker {@code h} and value {@code v} encoded by type (integers as JSON numbers, unsigned BIGINT
 * above 2^63 - 1 too; binary CHAR/VARCHAR Go-quoted; TEXT and BLOB base64), DDL and resolved
 * events, {@code output-old-value}, per-value {@code large-message-handle-compression}, and the
 * record framing (version 1, 8-byte big-endian lengths) that batches several events.
 *
 * <p>Row values take the text form of {@link TiDbTable#row} (binary columns as ISO-8859-1 text), so
 * one table model feeds both protocols. JSON strings are escaped as Jackson does; Go also escapes
 * {@code < > &}, which reads back as the same text.
 *
 * <p>Immutable; the {@code with...} methods return a changed copy.
 */
public final class OpenProtocolWriter {

    /** TiCDC's default {@code max-batch-size}: events per record. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 16;

    private static final JsonFactory JSON = new JsonFactory();
    private static final long BATCH_VERSION = 1;

    private static final int FLAG_BINARY = 0x01;
    private static final int FLAG_HANDLE_KEY = 0x02;
    private static final int FLAG_PRIMARY_KEY = 0x08;
    private static final int FLAG_NULLABLE = 0x40;
    private static final int FLAG_UNSIGNED = 0x80;

    private final boolean outputOldValue;
    private final PayloadCompression compression;
    private final int maxBatchSize;

    private OpenProtocolWriter(
            boolean outputOldValue, PayloadCompression compression, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size must be positive: " + maxBatchSize);
        }
        this.outputOldValue = outputOldValue;
        this.compression = Objects.requireNonNull(compression);
        this.maxBatchSize = maxBatchSize;
    }

    /** TiCDC's defaults: old values written, no compression, 16 events per record at most. */
    public static OpenProtocolWriter create() {
        return new OpenProtocolWriter(true, PayloadCompression.NONE, DEFAULT_MAX_BATCH_SIZE);
    }

    /** TiCDC's {@code [sink.open] output-old-value}: false writes updates without {@code p}. */
    public OpenProtocolWriter withOutputOldValue(boolean enabled) {
        return new OpenProtocolWriter(enabled, compression, maxBatchSize);
    }

    /** TiCDC's {@code large-message-handle-compression}, applied to each event value. */
    public OpenProtocolWriter withCompression(PayloadCompression compression) {
        return new OpenProtocolWriter(outputOldValue, compression, maxBatchSize);
    }

    /** TiCDC's {@code max-batch-size}: at most this many row events per record. */
    public OpenProtocolWriter withMaxBatchSize(int maxBatchSize) {
        return new OpenProtocolWriter(outputOldValue, compression, maxBatchSize);
    }

    public boolean outputOldValue() {
        return outputOldValue;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** The event key of a row event; {@code row} chooses the physical partition ({@code ptn}). */
    public byte[] rowKey(TiDbTable table, long commitTs, Map<String, String> row) {
        return json(
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("ts", commitTs);
                    g.writeStringField("scm", table.database());
                    g.writeStringField("tbl", table.name());
                    Long partitionId = table.partitionIdOf(row);
                    if (partitionId != null) {
                        g.writeNumberField("ptn", partitionId);
                    }
                    g.writeNumberField("t", 1);
                    g.writeEndObject();
                });
    }

    /** The value of an INSERT. */
    public byte[] insert(TiDbTable table, Map<String, String> row) {
        return value(
                g -> {
                    g.writeStartObject();
                    image(g, "u", table, row);
                    g.writeEndObject();
                });
    }

    /** The value of an UPDATE; without {@code p} under {@code output-old-value=false}. */
    public byte[] update(TiDbTable table, Map<String, String> before, Map<String, String> after) {
        return value(
                g -> {
                    g.writeStartObject();
                    image(g, "u", table, after);
                    if (outputOldValue) {
                        image(g, "p", table, before);
                    }
                    g.writeEndObject();
                });
    }

    /** The value of a DELETE (every column, TiCDC's default). */
    public byte[] delete(TiDbTable table, Map<String, String> row) {
        return value(
                g -> {
                    g.writeStartObject();
                    image(g, "d", table, row);
                    g.writeEndObject();
                });
    }

    /** The event key of a DDL; {@code table} is empty for schema-level DDL. */
    public byte[] ddlKey(String database, String table, long commitTs) {
        return json(
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("ts", commitTs);
                    if (!database.isEmpty()) {
                        g.writeStringField("scm", database);
                    }
                    if (!table.isEmpty()) {
                        g.writeStringField("tbl", table);
                    }
                    g.writeNumberField("t", 2);
                    g.writeEndObject();
                });
    }

    /** The value of a DDL: its text and TiDB's ActionType code. */
    public byte[] ddl(String sql, int actionType) {
        return value(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("q", sql);
                    g.writeNumberField("t", actionType);
                    g.writeEndObject();
                });
    }

    /** The event key of a resolved event; its value is empty. */
    public byte[] resolvedKey(long resolvedTs) {
        return json(
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("ts", resolvedTs);
                    g.writeNumberField("t", 3);
                    g.writeEndObject();
                });
    }

    /** A record key: the batch version, then each event key with its length. */
    public static byte[] recordKey(List<byte[]> eventKeys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(BATCH_VERSION));
        eventKeys.forEach(key -> entry(out, key));
        return out.toByteArray();
    }

    /** A record value: each event value with its length (an empty one for a resolved event). */
    public static byte[] recordValue(List<byte[]> eventValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        eventValues.forEach(value -> entry(out, value));
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(word(bytes.length));
        out.writeBytes(bytes);
    }

    private static byte[] word(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static void image(
            JsonGenerator g, String field, TiDbTable table, Map<String, String> row)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (TiDbTable.Column c : table.columns()) {
            if (!row.containsKey(c.name())) {
                throw new IllegalArgumentException("Row has no value for column " + c.name());
            }
            OpenProtocolType type = OpenProtocolType.of(c.mysqlType());
            g.writeObjectFieldStart(c.name());
            g.writeNumberField("t", type.code);
            if (c.primaryKey()) {
                g.writeBooleanField("h", true);
            }
            g.writeNumberField("f", flags(c, type));
            g.writeFieldName("v");
            writeValue(g, type, row.get(c.name()));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static int flags(TiDbTable.Column column, OpenProtocolType type) {
        int flags = type.binary ? FLAG_BINARY : 0;
        flags |= column.primaryKey() ? FLAG_HANDLE_KEY | FLAG_PRIMARY_KEY : FLAG_NULLABLE;
        if (column.mysqlType().contains("unsigned") || type.unsigned) {
            flags |= FLAG_UNSIGNED;
        }
        return flags;
    }

    private static void writeValue(JsonGenerator g, OpenProtocolType type, String text)
            throws IOException {
        if (text == null) {
            g.writeNull();
            return;
        }
        switch (type.encoding) {
            case INTEGER:
                g.writeNumber(new BigInteger(text));
                break;
            case FLOAT:
                g.writeNumber(text);
                break;
            case GO_QUOTED:
                g.writeString(GoQuotedBytes.quote(text.getBytes(StandardCharsets.ISO_8859_1)));
                break;
            case BASE64_BYTES:
                g.writeString(
                        Base64.getEncoder()
                                .encodeToString(text.getBytes(StandardCharsets.ISO_8859_1)));
                break;
            case BASE64_TEXT:
                g.writeString(
                        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
                break;
            default:
                g.writeString(text);
        }
    }

    private byte[] value(Body body) {
        return PayloadCompressor.compress(compression, json(body));
    }

    private static byte[] json(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (JsonGenerator g = JSON.createGenerator(bytes)) {
                body.write(g);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator generator) throws IOException;
    }
}
