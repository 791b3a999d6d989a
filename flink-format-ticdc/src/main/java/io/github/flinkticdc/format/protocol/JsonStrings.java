package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;

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
