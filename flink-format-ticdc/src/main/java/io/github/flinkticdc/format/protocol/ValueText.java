package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of one column value as a protocol reader found it, handed to the value converters
 * without making a {@code String} where none is needed: over the message's own bytes (the content
 * of a JSON string or the characters of a JSON number), or over a {@code String}. A reader reuses
 * one instance for every value, so a converter must not keep it.
 *
 * <p>Over bytes, {@link #charAt} reads the bytes directly while they are ASCII without escapes,
 * which covers numbers, dates and times; other text is decoded once, on first use.
 */
public final class ValueText implements CharSequence {

    private byte[] bytes;
    private int start;
    private int end;
    private boolean escaped;
    private boolean ascii;
    private String string;

    /** Points at the content {@code [start, end)} of a JSON string or number. */
    public ValueText setJson(byte[] bytes, int start, int end, boolean escaped, boolean ascii) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.escaped = escaped;
        this.ascii = ascii && !escaped;
        this.string = null;
        return this;
    }

    /** Holds a decoded string. */
    public ValueText setString(String text) {
        this.bytes = null;
        this.string = text;
        this.ascii = false;
        this.escaped = false;
        return this;
    }

    /** Whether {@link #utf8Bytes} hold exactly the text's UTF-8 form (no escapes to resolve). */
    public boolean isRawUtf8() {
        return bytes != null && !escaped;
    }

    /** Whether every character is ASCII and {@link #charAt} reads the bytes directly. */
    public boolean isAscii() {
        return ascii;
    }

    /** The bytes the text lies in; its UTF-8 form when {@link #isRawUtf8}. */
    public byte[] utf8Bytes() {
        return bytes;
    }

    /** Where the text starts in {@link #utf8Bytes}. */
    public int utf8Start() {
        return start;
    }

    /** Where the text ends in {@link #utf8Bytes}, exclusive. */
    public int utf8End() {
        return end;
    }

    /** A new array with the text's UTF-8 bytes, escapes resolved straight from the bytes. */
    public byte[] toUtf8() {
        if (bytes != null) {
            byte[] utf8 = escaped ? JsonStrings.utf8(bytes, start, end) : null;
            if (!escaped || utf8 != null) {
                return escaped ? utf8 : Arrays.copyOfRange(bytes, start, end);
            }
        }
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The text read as one char per byte (TiCDC's text of a binary column), straight from the
     * bytes; null when a char is above U+00FF or the text is not over bytes.
     */
    public byte[] toLatin1() {
        return bytes == null ? null : JsonStrings.latin1(bytes, start, end);
    }

    @Override
    public int length() {
        return ascii ? end - start : toString().length();
    }

    @Override
    public char charAt(int index) {
        if (ascii) {
            if (index < 0 || index >= end - start) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) bytes[start + index];
        }
        return toString().charAt(index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return toString().subSequence(from, to);
    }

    @Override
    public String toString() {
        if (string == null) {
            string =
                    ascii
                            ? new String(bytes, start, end - start, StandardCharsets.ISO_8859_1)
                            : JsonStrings.decode(bytes, start, end);
        }
        return string;
    }
}
