package io.github.flinkticdc.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The row checksum TiDB writes and TiCDC's integrity check sends with each row image, computed for
 * the test changefeeds straight from the documented byte layout (TiCDC's "Algorithm for checksum
 * calculation", TiDB's {@code rowcodec} checksum encoding): every non-NULL column, in the table's
 * column order, appended to one buffer, and the CRC-32 (IEEE) of the whole buffer.
 *
 * <p>Kept apart from the reader's own computation on purpose: the two must agree on TiDB's layout
 * without sharing code. Values are the test changefeeds' TiDB text: binary columns one char per
 * byte, TIMESTAMP as the wall clock in the zone TiCDC names.
 */
public final class TiDbRowChecksum {

    private static final DateTimeFormatter WALL_CLOCK =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .toFormatter(Locale.ROOT);

    private TiDbRowChecksum() {}

    /**
     * @param timestampLocation the zone the row's TIMESTAMP values are wall clocks in
     * @return the checksum, unsigned
     */
    public static long of(TiDbTable table, Map<String, String> row, String timestampLocation) {
        ByteArrayOutputStream layout = new ByteArrayOutputStream();
        for (TiDbTable.Column c : table.columns()) {
            String value = row.get(c.name());
            if (value != null) {
                layout.writeBytes(encode(c.mysqlType(), value, timestampLocation));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(layout.toByteArray());
        return crc.getValue();
    }

    private static byte[] encode(String mysqlType, String value, String timestampLocation) {
        if (SqlTypes.isBinary(mysqlType)) {
            return lengthAndBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        }
        boolean unsigned = mysqlType.contains("unsigned");
        switch (SqlTypes.bareName(mysqlType)) {
            case "tinyint":
            case "smallint":
            case "mediumint":
            case "int":
            case "bigint":
            case "year":
                return eightBytes(unsigned ? Long.parseUnsignedLong(value) : Long.parseLong(value));
            case "bit":
            case "enum":
            case "set":
                return eightBytes(Long.parseUnsignedLong(value));
            case "float":
                return eightBytes(doubleBits((double) Float.parseFloat(value)));
            case "double":
                return eightBytes(doubleBits(Double.parseDouble(value)));
            case "timestamp":
                return lengthAndBytes(inUtc(value, timestampLocation));
            case "vector":
                return vector(value);
            case "geometry":
                return new byte[0];
            default:
                // Strings, DECIMAL, DATE, DATETIME, TIME, JSON: their text.
                return lengthAndBytes(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long doubleBits(double value) {
        return Double.isFinite(value) ? Double.doubleToLongBits(value) : 0;
    }

    private static byte[] eightBytes(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static byte[] lengthAndBytes(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(bytes.length)
                .put(bytes)
                .array();
    }

    private static byte[] vector(String text) {
        String body = text.substring(1, text.length() - 1).trim();
        String[] elements = body.isEmpty() ? new String[0] : body.split(",");
        ByteBuffer buffer =
                ByteBuffer.allocate(4 + 4 * elements.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(elements.length);
        for (String e : elements) {
            buffer.putFloat(Float.parseFloat(e.trim()));
        }
        return buffer.array();
    }

    /** TiDB hashes a TIMESTAMP as its UTC wall clock, with as many fraction digits. */
    private static byte[] inUtc(String wallClock, String location) {
        String text = wallClock;
        if (!wallClock.startsWith("0000-00-00")) {
            LocalDateTime utc =
                    LocalDateTime.parse(wallClock, WALL_CLOCK)
                            .atZone(ZoneId.of(location))
                            .withZoneSameInstant(ZoneOffset.UTC)
                            .toLocalDateTime();
            int dot = wallClock.indexOf('.');
            String fraction =
                    dot < 0
                            ? ""
                            : String.format(Locale.ROOT, ".%09d", utc.getNano())
                                    .substring(0, wallClock.length() - dot);
            text =
                    utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT))
                            + fraction;
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
