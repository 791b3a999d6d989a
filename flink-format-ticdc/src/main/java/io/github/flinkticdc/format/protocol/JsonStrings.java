package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the content of a JSON string (the bytes between its quotes) of UTF-8 input that {@link
 * Utf8Json} has accepted and whose escapes a JSON reader has checked.
 */
public final class JsonStrings {

    private JsonStrings() {}

    /**
     * The text of the content {@code [start, end)}: UTF-8 decoded, escapes resolved. A {@code
     * \\uXXXX} escape gives its UTF-16 unit as written, so an escaped surrogate pair gives its
     * character and a lone escaped surrogate stays one unit, as in any JSON parser on the JVM.
     */
    public static String decode(byte[] bytes, int start, int end) {
        int escape = indexOf(bytes, start, end, (byte) '\\');
        if (escape < 0) {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(end - start);
        int from = start;
        while (escape >= 0) {
            text.append(new String(bytes, from, escape - from, StandardCharsets.UTF_8));
            byte kind = bytes[escape + 1];
            if (kind == 'u') {
                text.append((char) hex4(bytes, escape + 2));
                from = escape + 6;
            } else {
                text.append(unescaped(kind));
                from = escape + 2;
            }
            escape = indexOf(bytes, from, end, (byte) '\\');
        }
        return text.append(new String(bytes, from, end - from, StandardCharsets.UTF_8)).toString();
    }

    /**
     * The UTF-8 bytes of the content {@code [start, end)} with its escapes resolved, or null when
     * it escapes a surrogate (which only {@link #decode} resolves, pairs and lone ones alike).
     */
    public static byte[] utf8(byte[] bytes, int start, int end) {
        byte[] out = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b != '\\') {
                out[length++] = b;
                continue;
            }
            byte kind = bytes[++i];
            if (kind != 'u') {
                out[length++] = (byte) unescaped(kind);
                continue;
            }
            int c = hex4(bytes, i + 1);
            i += 4;
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return null;
            }
            // An escape takes six bytes and its character at most three, so it fits.
            if (c < 0x80) {
                out[length++] = (byte) c;
            } else if (c < 0x800) {
                out[length++] = (byte) (0xC0 | c >> 6);
                out[length++] = (byte) (0x80 | c & 0x3F);
            } else {
                out[length++] = (byte) (0xE0 | c >> 12);
                out[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    /**
     * The bytes of the content {@code [start, end)} read as one char per byte (TiCDC's text of a
     * binary column), escapes resolved, or null when a char is above U+00FF.
     */
    public static byte[] latin1(byte[] bytes, int start, int end) {
        byte[] out = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '\\') {
                byte kind = bytes[++i];
                int c = kind == 'u' ? hex4(bytes, i + 1) : unescaped(kind);
                if (c > 0xFF) {
                    return null;
                }
                i += kind == 'u' ? 4 : 0;
                out[length++] = (byte) c;
            } else if (b >= 0) {
                out[length++] = b;
            } else if ((b & 0xFE) == 0xC2 && i + 1 < end && (bytes[i + 1] & 0xC0) == 0x80) {
                // U+0080..U+00FF take two bytes, 110000xx 10xxxxxx: xx are the top two bits.
                out[length++] = (byte) (b << 6 | bytes[++i] & 0x3F);
            } else {
                return null;
            }
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    /** The character a two-character escape stands for; only for the ones JSON has. */
    static char unescaped(byte kind) {
        switch (kind) {
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return (char) kind; // '"', '\\' and '/' stand for themselves
        }
    }

    /** The value of four hex digits at {@code at}, or -1 when one is not a hex digit. */
    static int hex4(byte[] bytes, int at) {
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static int indexOf(byte[] bytes, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
