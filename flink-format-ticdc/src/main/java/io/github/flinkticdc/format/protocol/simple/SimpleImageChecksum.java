package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.Base64Text;
import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.RowChecksum;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.ValueText;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Recomputes TiDB's {@link RowChecksum} of one simple-protocol row image ({@code data} or {@code
 * old}) from the text TiCDC wrote and the table's schema: every column of the image, whether the
 * consumer reads it or not, in the schema's column order (the order TiCDC computes it in); a column
 * the image leaves out, or NULL, adds nothing. A TIMESTAMP counts as its wall clock in UTC, a
 * binary column as the bytes its base64 holds, ENUM, SET and BIT as their numbers. Not thread-safe:
 * one per parser.
 */
final class SimpleImageChecksum {

    private static final FieldNames TIMESTAMP_FIELDS = new FieldNames("location", "value");

    private final JsonScanner image = new JsonScanner();
    private final JsonScanner column = new JsonScanner();
    private final ValueText value = new ValueText();
    private final RowChecksum checksum = new RowChecksum();
    private final TimestampZones utc;

    /** Per schema column, where its value starts in the message; valid when stamped this pass. */
    private int[] valueStarts = new int[16];

    private int[] stamps = new int[16];
    private int stamp;
    private float[] vector = new float[16];

    /**
     * @param localZone the zone of a TIMESTAMP whose location is {@code Local}: the TiCDC server's,
     *     which the reader is told in {@code timestamp.time-zone}
     */
    SimpleImageChecksum(ZoneId localZone) {
        this.utc = new TimestampZones(ZoneOffset.UTC, localZone);
    }

    /**
     * The checksum of the image object in {@code [start, end)} of {@code bytes}.
     *
     * @param field {@code data} or {@code old}, for error messages
     * @throws MalformedMessageException if the image names a column the schema does not have, or
     *     twice, or a value is not of its column's type
     */
    long compute(SimpleTableSchema schema, byte[] bytes, int start, int end, String field)
            throws MalformedMessageException {
        int columns = schema.columns().size();
        if (valueStarts.length < columns) {
            valueStarts = new int[columns];
            stamps = new int[columns];
        }
        if (++stamp == 0) {
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
        locateValues(schema, bytes, start, end, field);
        checksum.reset();
        for (int i = 0; i < columns; i++) {
            if (stamps[i] == stamp) {
                column.reset(bytes, valueStarts[i], end - valueStarts[i]);
                add(schema.columns().get(i), column.next(), field);
            }
        }
        return checksum.value();
    }

    /** Notes where each column's value starts, by the column's place in the schema. */
    private void locateValues(
            SimpleTableSchema schema, byte[] bytes, int start, int end, String field)
            throws MalformedMessageException {
        image.reset(bytes, start, end - start);
        image.next();
        while (image.next() == Token.FIELD_NAME) {
            String name = image.text();
            int index = schema.indexOf(name);
            if (index < 0) {
                throw new MalformedMessageException(
                        "column '"
                                + MessageExcerpt.truncate(name, 64)
                                + "' of '"
                                + field
                                + "' is not in the table schema of "
                                + schema.describe()
                                + " that TiCDC sent, so the row's checksum cannot be computed");
            }
            if (stamps[index] == stamp) {
                throw new MalformedMessageException(
                        "'" + field + "' gives column '" + name + "' twice");
            }
            image.next();
            stamps[index] = stamp;
            valueStarts[index] = image.tokenStart();
            image.skipChildren();
        }
    }

    private void add(SimpleColumn c, Token token, String field) throws MalformedMessageException {
        if (token == Token.NULL) {
            return;
        }
        Encoding encoding = Encoding.of(c);
        if (encoding == Encoding.TIMESTAMP) {
            addTimestamp(c, token, field);
            return;
        }
        if (token != Token.STRING) {
            throw refused(
                    c,
                    field,
                    "holds "
                            + ScannedFields.describe(token)
                            + "; TiCDC writes a TiDB "
                            + c.columnType().name()
                            + " as a string",
                    null);
        }
        CharSequence text = column.text(value);
        try {
            switch (encoding) {
                case SIGNED:
                    checksum.addInt64(Long.parseLong(text.toString()));
                    break;
                case UNSIGNED:
                    checksum.addInt64(Long.parseUnsignedLong(text.toString()));
                    break;
                case FLOAT:
                    checksum.addDouble(Float.parseFloat(text.toString()));
                    break;
                case DOUBLE:
                    checksum.addDouble(Double.parseDouble(text.toString()));
                    break;
                case TEXT:
                    addUtf8(value);
                    break;
                case BINARY:
                    byte[] decoded = Base64Text.bytes(text, field + "." + c.name());
                    checksum.addBytes(decoded, 0, decoded.length);
                    break;
                case VECTOR:
                    addVector(text.toString());
                    break;
                case NONE:
                    break;
                default:
                    throw refused(
                            c,
                            field,
                            "is TiDB "
                                    + c.columnType().name()
                                    + ", a type whose checksum this reader cannot compute",
                            null);
            }
        } catch (NumberFormatException e) {
            throw refused(
                    c,
                    field,
                    "is TiDB "
                            + c.columnType().name()
                            + " but holds '"
                            + MessageExcerpt.truncate(text.toString(), 64)
                            + "', so the row's checksum cannot be computed",
                    e);
        }
    }

    private void addUtf8(ValueText text) {
        if (text.isRawUtf8()) {
            checksum.addBytes(
                    text.utf8Bytes(), text.utf8Start(), text.utf8End() - text.utf8Start());
        } else {
            byte[] utf8 = text.toUtf8();
            checksum.addBytes(utf8, 0, utf8.length);
        }
    }

    /** TiDB hashes a TIMESTAMP as its wall clock in UTC, with the column's fraction digits. */
    private void addTimestamp(SimpleColumn c, Token token, String field)
            throws MalformedMessageException {
        if (token != Token.START_OBJECT) {
            throw refused(
                    c,
                    field,
                    "is a TIMESTAMP, which TiCDC writes as an object with 'location' and 'value'",
                    null);
        }
        String location = null;
        String wallClock = null;
        for (int f = TIMESTAMP_FIELDS.next(column, 0);
                f != FieldNames.END;
                f = TIMESTAMP_FIELDS.next(column, f + 1)) {
            column.next();
            if (f == 0) {
                location = ScannedFields.stringOrNull(column, c.name() + ".location");
            } else if (f == 1) {
                wallClock = ScannedFields.stringOrNull(column, c.name() + ".value");
            } else {
                column.skipChildren();
            }
        }
        if (location == null || wallClock == null) {
            throw refused(
                    c, field, "is a TIMESTAMP object without 'location' and 'value' strings", null);
        }
        byte[] text = utc.toTarget(location, wallClock).getBytes(StandardCharsets.UTF_8);
        checksum.addBytes(text, 0, text.length);
    }

    private static MalformedMessageException refused(
            SimpleColumn c, String field, String what, Throwable cause) {
        return new MalformedMessageException(
                "column '" + c.name() + "' of '" + field + "' " + what, cause);
    }

    /** TiDB's text of a VECTOR: {@code [1,2.5,-3]}. */
    private void addVector(String text) {
        if (text.length() < 2 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
            throw new NumberFormatException("not a vector");
        }
        String body = text.substring(1, text.length() - 1);
        int count = 0;
        if (!body.isEmpty()) {
            // Each element takes a character at least: the array grows with the text only.
            for (String element : body.split(",", -1)) {
                if (count == vector.length) {
                    vector = Arrays.copyOf(vector, count * 2);
                }
                vector[count++] = Float.parseFloat(element);
            }
        }
        checksum.addVector(vector, count);
    }

    /** How TiDB encodes a column's value for the checksum, by the simple protocol's type name. */
    private enum Encoding {
        SIGNED,
        UNSIGNED,
        FLOAT,
        DOUBLE,
        TEXT,
        BINARY,
        TIMESTAMP,
        VECTOR,
        NONE,
        UNKNOWN;

        static Encoding of(SimpleColumn c) {
            if (c.binary()) {
                return BINARY;
            }
            if (c.timestamp()) {
                return TIMESTAMP;
            }
            switch (c.mysqlType()) {
                case "tinyint":
                case "smallint":
                case "mediumint":
                case "int":
                case "bigint":
                case "year":
                    return c.unsigned() ? UNSIGNED : SIGNED;
                case "bit":
                case "enum":
                case "set":
                    return UNSIGNED;
                case "float":
                    return FLOAT;
                case "double":
                    return DOUBLE;
                case "char":
                case "varchar":
                case "tinytext":
                case "text":
                case "mediumtext":
                case "longtext":
                case "decimal":
                case "date":
                case "datetime":
                case "time":
                case "json":
                    return TEXT;
                case "vector":
                    return VECTOR;
                case "geometry":
                case "null":
                    return NONE;
                default:
                    return UNKNOWN;
            }
        }
    }
}
