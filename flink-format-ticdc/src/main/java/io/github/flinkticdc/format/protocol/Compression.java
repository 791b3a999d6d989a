package io.github.flinkticdc.format.protocol;

import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.Locale;

/**
 * TiCDC's {@code large-message-handle-compression}: nothing in a message says whether it is
 * compressed, so the consumer has to be told.
 */
public enum Compression {
    /** Messages are plain JSON. */
    NONE,
    /** LZ4 frame format (magic {@code 04 22 4D 18}). */
    LZ4,
    /** Raw Snappy block format (not the framed stream format). */
    SNAPPY;

    /**
     * A decompressed message larger than this is refused: TiCDC's own limit on a message is 10 MiB
     * by default, so anything near this is a corrupt or hostile length, not data.
     */
    public static final int MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

    private static final byte[] LZ4_FRAME_MAGIC = {0x04, 0x22, 0x4D, 0x18};

    /**
     * No Snappy block decompresses to more than this many times its size (its densest element, a
     * 3-byte copy, yields 64 bytes), so a larger declared length is a lie that must not be
     * allocated.
     */
    private static final int SNAPPY_MAX_EXPANSION = 22;

    /**
     * Makes {@code into} the plain form of the {@code length} bytes at {@code offset}: those bytes
     * themselves for {@code NONE}, else decompressed into {@code into}'s buffer.
     */
    public void decompress(byte[] bytes, int offset, int length, PlainMessage into)
            throws MalformedMessageException {
        switch (this) {
            case NONE:
                into.point(bytes, offset, length);
                return;
            case LZ4:
                decompressLz4Frame(bytes, offset, length, into);
                return;
            case SNAPPY:
                decompressSnappyBlock(bytes, offset, length, into);
                return;
            default:
                throw new IllegalStateException("Unhandled compression " + this);
        }
    }

    /** Whether the bytes start like an LZ4 frame; used to explain a failure to parse JSON. */
    public static boolean looksLikeLz4Frame(byte[] bytes) {
        return looksLikeLz4Frame(bytes, 0, bytes.length);
    }

    /** Whether the {@code length} bytes at {@code offset} start like an LZ4 frame. */
    public static boolean looksLikeLz4Frame(byte[] bytes, int offset, int length) {
        if (length < LZ4_FRAME_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < LZ4_FRAME_MAGIC.length; i++) {
            if (bytes[offset + i] != LZ4_FRAME_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static void decompressLz4Frame(byte[] bytes, int offset, int length, PlainMessage into)
            throws MalformedMessageException {
        if (!looksLikeLz4Frame(bytes, offset, length)) {
            throw new MalformedMessageException(
                    "not an LZ4 frame (no magic 04 22 4D 18); check that 'compression' matches"
                            + " TiCDC's large-message-handle-compression");
        }
        Lz4Frame.decompress(bytes, offset, length, MAX_DECOMPRESSED_BYTES, into);
    }

    private static void decompressSnappyBlock(
            byte[] bytes, int offset, int length, PlainMessage into)
            throws MalformedMessageException {
        try {
            int plainLength = Snappy.uncompressedLength(bytes, offset, length);
            if (plainLength < 0
                    || plainLength > MAX_DECOMPRESSED_BYTES
                    || plainLength > (long) SNAPPY_MAX_EXPANSION * length) {
                throw new MalformedMessageException(
                        "corrupt Snappy block: it declares "
                                + plainLength
                                + " decompressed bytes in "
                                + length
                                + " compressed bytes, more than Snappy can encode");
            }
            byte[] plain = into.room(plainLength);
            int written = Snappy.uncompress(bytes, offset, length, plain, 0);
            if (written != plainLength) {
                throw new MalformedMessageException(
                        "corrupt Snappy block: it declares "
                                + plainLength
                                + " decompressed bytes but holds "
                                + written);
            }
            into.decompressed(plain, plainLength);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessageException(
                    "corrupt Snappy block ("
                            + e.getMessage()
                            + "); check that 'compression' matches TiCDC's"
                            + " large-message-handle-compression",
                    e);
        }
    }
}
