package io.github.flinkticdc.format.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are UTF-8 as JSON may hold it before a JSON parser sees them. TiCDC writes
 * UTF-8 only (Go replaces invalid text with U+FFFD), so anything else is corruption. The JSON
 * parser alone would not notice: it decodes a UTF-8-encoded surrogate or an overlong form into a
 * string without complaint, and it reads input with zero bytes among its first four as UTF-16 or
 * UTF-32. A raw zero byte is never valid JSON (control characters must be escaped in strings), so
 * refusing those here keeps the parser on UTF-8.
 */
public final class Utf8Json {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** How many leading bytes a JSON parser looks at to guess the encoding. */
    private static final int ENCODING_BYTES = 4;

    private Utf8Json() {}

    /**
     * The index of the first byte that is not part of valid UTF-8, or of a zero byte among the
     * first four, or -1 when the {@code length} bytes at {@code offset} are valid. (A zero byte
     * further on is left to the JSON parser, which refuses it: only the first four decide the
     * encoding it assumes.)
     */
    public static int firstInvalid(byte[] bytes, int offset, int length) {
        int zero = zeroInEncodingBytes(bytes, offset, length);
        return zero >= 0 ? zero : firstNotUtf8(bytes, offset, length);
    }

    /**
     * The index of the first byte that is not part of valid UTF-8 (a stray continuation byte, a
     * truncated, overlong or surrogate sequence, or a code point above U+10FFFF), or -1 when the
     * {@code length} bytes at {@code offset} are all valid UTF-8. Zero bytes are valid here.
     */
    public static int firstNotUtf8(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        int wordLimit = end - Long.BYTES;
        while (i < end) {
            // Eight ASCII bytes at a time: that is nearly all of a TiCDC message.
            while (i <= wordLimit && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
            }
            if (i >= end) {
                break;
            }
            int next = nextCharacter(bytes, i, end);
            if (next < 0) {
                return i;
            }
            i = next;
        }
        return -1;
    }

    /**
     * The index of a zero byte among the first four, which would make a JSON parser take the input
     * for UTF-16 or UTF-32, or -1.
     */
    public static int zeroInEncodingBytes(byte[] bytes, int offset, int length) {
        for (int i = offset; i < Math.min(offset + length, offset + ENCODING_BYTES); i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why the byte at {@code index} (from {@link #firstInvalid}) is refused, with the bytes there,
     * counting from {@code offset}.
     */
    public static String describe(byte[] bytes, int offset, int length, int index) {
        if (bytes[index] == 0) {
            return "byte " + (index - offset) + " is a zero byte, which JSON text never holds";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = index;
                i < Math.min(index + sequenceLength(bytes[index]), offset + length);
                i++) {
            if (hex.length() > 0) {
                hex.append(' ');
            }
            hex.append(Character.forDigit(bytes[i] >> 4 & 0xF, 16))
                    .append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return "byte "
                + (index - offset)
                + " (bytes "
                + hex
                + ") is not valid UTF-8; TiCDC writes UTF-8 JSON";
    }

    /** How many bytes a sequence with this lead byte would take, to show all of a broken one. */
    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xC0 && b <= 0xDF) {
            return 2;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            return 3;
        }
        return b >= 0xF0 && b <= 0xF7 ? 4 : 1;
    }

    /** Where the character starting at {@code i} ends, or -1 if it is not valid. */
    static int nextCharacter(byte[] bytes, int i, int end) {
        int lead = bytes[i] & 0xFF;
        if (lead < 0x80) {
            return i + 1;
        }
        int continuations;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuations = 2;
            if (lead == 0xE0) {
                secondMin = 0xA0; // overlong below U+0800
            } else if (lead == 0xED) {
                secondMax = 0x9F; // U+D800..U+DFFF are surrogates, not characters
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuations = 3;
            if (lead == 0xF0) {
                secondMin = 0x90; // overlong below U+10000
            } else if (lead == 0xF4) {
                secondMax = 0x8F; // beyond U+10FFFF
            }
        } else {
            return -1;
        }
        if (i + continuations >= end) {
            return -1;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return -1;
        }
        for (int k = 2; k <= continuations; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return i + continuations + 1;
    }
}
