package io.github.flinkticdc.format.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Bytes a reader expects next in its input, such as a field name it reads in every message, held
 * also as little-endian words, so that matching them costs a load, a mask and a comparison per
 * eight bytes ({@link JsonScanner#nextNameIs}, {@link JsonScanner#skipObjectPrefix}).
 */
public final class ExpectedBytes {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final long[] words;
    private final long lastWordMask;

    private ExpectedBytes(byte[] bytes) {
        this.bytes = bytes;
        this.words = new long[Math.max(1, (bytes.length + Long.BYTES - 1) / Long.BYTES)];
        for (int i = 0; i < bytes.length; i++) {
            words[i / Long.BYTES] |= (bytes[i] & 0xFFL) << (8 * (i % Long.BYTES));
        }
        int tail = bytes.length % Long.BYTES;
        this.lastWordMask = tail == 0 && bytes.length > 0 ? -1L : (1L << (8 * tail)) - 1;
    }

    /**
     * The bytes {@code "name":} of a field name (its bytes from {@code from} to {@code to}), or
     * null when the name is not printable ASCII free of quotes and backslashes or is longer than
     * {@link JsonFields#MAX_NAME_LENGTH}: such a name is left to {@link JsonScanner#next}, which
     * checks what its bytes mean.
     */
    public static ExpectedBytes fieldName(byte[] name, int from, int to) {
        int length = to - from;
        if (length > JsonFields.MAX_NAME_LENGTH) {
            return null;
        }
        byte[] quoted = new byte[length + 3];
        quoted[0] = '"';
        for (int i = 0; i < length; i++) {
            byte b = name[from + i];
            if (b < 0x20 || b > 0x7E || b == '"' || b == '\\') {
                return null;
            }
            quoted[i + 1] = b;
        }
        quoted[length + 1] = '"';
        quoted[length + 2] = ':';
        return new ExpectedBytes(quoted);
    }

    /** A copy of the bytes from {@code from} to {@code to}. */
    public static ExpectedBytes copyOf(byte[] input, int from, int to) {
        return new ExpectedBytes(Arrays.copyOfRange(input, from, to));
    }

    /** How many bytes are expected. */
    public int length() {
        return bytes.length;
    }

    /** The expected bytes. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** Whether {@code input} holds these bytes at {@code at}, before {@code end}. */
    boolean matchAt(byte[] input, int at, int end) {
        int length = bytes.length;
        if (end - at < length) {
            return false;
        }
        if (end - at < words.length * Long.BYTES) {
            // Too near the end of the input to load whole words.
            return Arrays.equals(input, at, at + length, bytes, 0, length);
        }
        int last = words.length - 1;
        for (int w = 0; w < last; w++) {
            if ((long) LONGS.get(input, at + w * Long.BYTES) != words[w]) {
                return false;
            }
        }
        return ((long) LONGS.get(input, at + last * Long.BYTES) & lastWordMask) == words[last];
    }
}
