package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.Utf8Json;
import io.github.flinkticdc.format.protocol.ValueText;

import org.apache.flink.table.data.StringData;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * STRING and BYTES. TiCDC writes a binary column's bytes as one char per byte (ISO-8859-1), text as
 * UTF-8, an ENUM as its index and a SET as its bitmask.
 *
 * <p>Text in a {@link ValueText} over a message's UTF-8 without escapes is taken from those bytes,
 * copied (the reader reuses the message buffer), without decoding it to a String.
 */
final class TextConverters {

    /**
     * Text as is; binary bytes read as UTF-8, refused when they are not UTF-8; ENUM/SET labels when
     * the message lists them.
     */
    static final ValueConverter STRING = TextConverters::toStringData;

    /** A binary column's bytes; the UTF-8 bytes of anything else. */
    static final ValueConverter BYTES =
            (text, type) -> type.kind() == ColumnType.Kind.BINARY ? latin1Bytes(text) : utf8(text);

    private TextConverters() {}

    private static StringData toStringData(CharSequence text, ColumnType type)
            throws ValueConversionException {
        switch (type.kind()) {
            case BINARY:
                return StringData.fromBytes(utf8OfBinary(latin1Bytes(text)));
            case ENUM:
                return type.elements().isEmpty()
                        ? utf8StringData(text)
                        : StringData.fromString(enumLabel(text, type.elements()));
            case SET:
                return type.elements().isEmpty()
                        ? utf8StringData(text)
                        : StringData.fromString(setLabels(text, type.elements()));
            default:
                return utf8StringData(text);
        }
    }

    private static StringData utf8StringData(CharSequence text) {
        return text instanceof ValueText
                ? StringData.fromBytes(((ValueText) text).toUtf8())
                : StringData.fromString(text.toString());
    }

    private static byte[] utf8(CharSequence text) {
        return text instanceof ValueText
                ? ((ValueText) text).toUtf8()
                : text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A binary column's bytes as they are when they are UTF-8. Others would be read with U+FFFD in
     * place of the bytes that are not, a silently different value: the column wants {@code BYTES}.
     */
    private static byte[] utf8OfBinary(byte[] bytes) throws ValueConversionException {
        int invalid = Utf8Json.firstNotUtf8(bytes, 0, bytes.length);
        if (invalid >= 0) {
            throw new ValueConversionException(
                    String.format(
                            "binary column bytes are not UTF-8 (byte %d is 0x%02X), so STRING"
                                    + " cannot hold them; declare the column BYTES",
                            invalid, bytes[invalid] & 0xFF));
        }
        return bytes;
    }

    /** The bytes behind TiCDC's one-char-per-byte text of a binary column. */
    static byte[] latin1Bytes(CharSequence text) throws ValueConversionException {
        byte[] bytes = text instanceof ValueText ? ((ValueText) text).toLatin1() : null;
        return bytes != null ? bytes : latin1OfChars(text);
    }

    private static byte[] latin1OfChars(CharSequence text) throws ValueConversionException {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw new ValueConversionException(
                        String.format(
                                "binary column text has the character U+%04X at index %d;"
                                        + " TiCDC writes one char between U+0000 and U+00FF per"
                                        + " byte",
                                (int) c, i));
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** ENUM index 1..n names a label; 0 is MySQL's empty error value. */
    private static String enumLabel(CharSequence text, List<String> labels)
            throws ValueConversionException {
        long index = IntegerText.parseLong(text, "an ENUM index");
        if (index == 0) {
            return "";
        }
        if (index < 0 || index > labels.size()) {
            throw new ValueConversionException(
                    "ENUM index " + index + " is outside the " + labels.size() + " listed labels");
        }
        return labels.get((int) index - 1);
    }

    /** SET bitmask: bit i stands for label i + 1; labels joined by ',' in definition order. */
    private static String setLabels(CharSequence text, List<String> labels)
            throws ValueConversionException {
        if (!IntegerText.isInteger(text) || text.charAt(0) == '-') {
            throw new ValueConversionException("not a SET bitmask");
        }
        long mask;
        try {
            mask = Long.parseUnsignedLong(text, 0, text.length(), 10);
        } catch (NumberFormatException e) {
            throw new ValueConversionException("SET bitmask wider than 64 bits");
        }
        // A type lists at most 64 labels (the protocol readers refuse more), one per bit.
        if (labels.size() < Long.SIZE && (mask >>> labels.size()) != 0) {
            throw new ValueConversionException(
                    "SET bitmask " + text + " has bits beyond the " + labels.size() + " labels");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(labels.get(i));
            }
        }
        return joined.toString();
    }
}
