package io.github.flinkticdc.format.protocol;

/**
 * The plain bytes of the message a reader is reading: the record's own bytes when it is not
 * compressed, else a buffer the reader keeps for the next message, so that decompressing costs no
 * new array once the buffer has grown to the size of the messages. Valid until the next message.
 */
public final class PlainMessage {

    /** A buffer larger than this is not kept for the next message: one huge message is enough. */
    private static final int MAX_KEPT_BYTES = 1024 * 1024;

    private byte[] buffer = new byte[0];
    private byte[] bytes;
    private int offset;
    private int length;

    /** The array the message lies in. */
    public byte[] bytes() {
        return bytes;
    }

    /** Where the message starts in {@link #bytes}. */
    public int offset() {
        return offset;
    }

    /** The message's length in bytes. */
    public int length() {
        return length;
    }

    /** The message is {@code length} bytes of {@code in} at {@code at}, which it does not copy. */
    void point(byte[] in, int at, int byteCount) {
        bytes = in;
        offset = at;
        length = byteCount;
    }

    /** An array of at least {@code capacity} bytes to decompress into; its content is not kept. */
    byte[] room(int capacity) {
        return buffer.length >= capacity ? buffer : new byte[capacity];
    }

    /** The buffer kept for the next message, to grow from. */
    byte[] buffer() {
        return buffer;
    }

    /** The message is the first {@code byteCount} bytes of {@code plain}, decompressed. */
    void decompressed(byte[] plain, int byteCount) {
        if (plain.length <= MAX_KEPT_BYTES) {
            buffer = plain;
        }
        point(plain, 0, byteCount);
    }
}
