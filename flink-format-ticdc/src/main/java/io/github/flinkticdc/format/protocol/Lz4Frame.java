package io.github.flinkticdc.format.protocol;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import java.util.Arrays;

/**
 * Reads one LZ4 frame (the LZ4 frame format, as TiCDC's {@code large-message-handle-compression =
 * lz4} writes it) from a byte array, block by block.
 *
 * <p>Written here rather than taken from lz4-java's frame stream because that stream allocates the
 * block size the frame header claims (up to 4 MiB, twice) for every message, however small: here
 * the output grows with what the blocks really hold, at most 255 times their compressed size (LZ4's
 * densest encoding), so a header's claims cost nothing. The pure-Java codecs are used: a native
 * library cannot be loaded from a relocated package.
 */
final class Lz4Frame {

    private static final int MAGIC = 0x184D2204;
    private static final LZ4SafeDecompressor DECOMPRESSOR =
            LZ4Factory.fastestJavaInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestJavaInstance().hash32();

    private final byte[] in;
    private final int end;
    private final int maxOutput;
    private int position;
    private byte[] out;
    private int written;

    private Lz4Frame(byte[] in, int offset, int length, int maxOutput, byte[] out) {
        this.in = in;
        this.end = offset + length;
        this.maxOutput = maxOutput;
        this.position = offset;
        this.out = out;
    }

    /**
     * The content of the frame in the {@code length} bytes at {@code offset}, which must hold
     * exactly one frame.
     *
     * @throws MalformedMessageException if it is not a valid frame, a checksum does not match, or
     *     the content would exceed {@code maxOutput} bytes
     */
    static void decompress(byte[] bytes, int offset, int length, int maxOutput, PlainMessage into)
            throws MalformedMessageException {
        Lz4Frame frame = new Lz4Frame(bytes, offset, length, maxOutput, into.buffer());
        frame.read();
        into.decompressed(frame.out, frame.written);
    }

    private void read() throws MalformedMessageException {
        if (readIntLe() != MAGIC) {
            throw corrupt("no LZ4 frame magic 04 22 4D 18");
        }
        int descriptorStart = position;
        int flags = readByte();
        int blockDescriptor = readByte();
        if ((flags >>> 6) != 1) {
            throw corrupt("frame version " + (flags >>> 6) + ", not 1");
        }
        if ((flags & 0x02) != 0 || (blockDescriptor & 0x8F) != 0) {
            throw corrupt("reserved bits are set in the frame descriptor");
        }
        if ((flags & 0x20) == 0) {
            throw corrupt("blocks depend on each other, which TiCDC never writes");
        }
        boolean blockChecksums = (flags & 0x10) != 0;
        boolean contentSize = (flags & 0x08) != 0;
        boolean contentChecksum = (flags & 0x04) != 0;
        boolean dictionary = (flags & 0x01) != 0;
        int sizeCode = blockDescriptor >>> 4 & 0x7;
        if (sizeCode < 4) {
            throw corrupt("block maximum size code " + sizeCode + " is not 4 to 7");
        }
        int maxBlockSize = 1 << (8 + 2 * sizeCode);
        long declaredSize = contentSize ? readLongLe() : -1;
        if (dictionary) {
            throw corrupt("it names a dictionary, which TiCDC never uses");
        }
        int headerChecksum = readByte();
        int expectedChecksum = XXHASH.hash(in, descriptorStart, position - 1 - descriptorStart, 0);
        if (headerChecksum != (expectedChecksum >>> 8 & 0xFF)) {
            throw corrupt("the frame descriptor's checksum does not match");
        }
        readBlocks(maxBlockSize, blockChecksums);
        if (contentChecksum && readIntLe() != XXHASH.hash(out, 0, written, 0)) {
            throw corrupt("the content checksum does not match");
        }
        if (declaredSize >= 0 && declaredSize != written) {
            throw corrupt("the frame declares " + declaredSize + " bytes but holds " + written);
        }
        if (position != end) {
            throw corrupt((end - position) + " bytes follow the end of the frame");
        }
    }

    private void readBlocks(int maxBlockSize, boolean blockChecksums)
            throws MalformedMessageException {
        while (true) {
            int header = readIntLe();
            if (header == 0) {
                return;
            }
            boolean stored = header < 0;
            int size = header & 0x7FFFFFFF;
            if (size > maxBlockSize || size > end - position) {
                throw corrupt(
                        "a block of "
                                + size
                                + " bytes exceeds the "
                                + Math.min(maxBlockSize, end - position)
                                + " bytes it may have");
            }
            int blockStart = position;
            position += size;
            if (blockChecksums && readIntLe() != XXHASH.hash(in, blockStart, size, 0)) {
                throw corrupt("a block checksum does not match");
            }
            if (stored) {
                ensureRoom(size);
                System.arraycopy(in, blockStart, out, written, size);
                written += size;
            } else if (!decompressIntoRoom(blockStart, size, maxBlockSize)) {
                // Sized exactly from the block's own sequences: nothing is allocated on a guess.
                int content = blockContentSize(blockStart, size, maxBlockSize);
                if (content < 0) {
                    throw corrupt("a block does not decompress (its sequences are malformed)");
                }
                if (content > maxBlockSize) {
                    throw corrupt("a block decompresses to more than the frame's block size");
                }
                ensureRoom(content);
                try {
                    int read = DECOMPRESSOR.decompress(in, blockStart, size, out, written, content);
                    if (read != content) {
                        throw corrupt("a block does not decompress to the size it describes");
                    }
                    written += read;
                } catch (LZ4Exception e) {
                    throw corrupt("a block does not decompress (" + e.getMessage() + ")");
                }
            }
        }
    }

    /**
     * Decompresses the block into the room the output has (a reader's buffer, kept from its last
     * message), when that is enough: no walk over the block to size it first.
     *
     * @return false when the block did not decompress into that room, because it needs more or is
     *     malformed: the caller sizes it and tells which
     */
    private boolean decompressIntoRoom(int blockStart, int size, int maxBlockSize) {
        int room = Math.min(out.length - written, Math.min(maxBlockSize, maxOutput - written));
        if (room <= 0) {
            return false;
        }
        try {
            written += DECOMPRESSOR.decompress(in, blockStart, size, out, written, room);
            return true;
        } catch (LZ4Exception e) {
            return false;
        }
    }

    /**
     * How many bytes the LZ4 block of {@code size} bytes at {@code start} decompresses to, by
     * walking its sequences (a token, literals, a match offset and length) without copying: -1 if
     * the sequences run past the block, and any number above {@code limit} once it is passed.
     */
    private int blockContentSize(int start, int size, int limit) {
        int i = start;
        int blockEnd = start + size;
        long content = 0;
        while (i < blockEnd) {
            int token = in[i++] & 0xFF;
            long literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (i >= blockEnd) {
                        return -1;
                    }
                    b = in[i++] & 0xFF;
                    literals += b;
                } while (b == 255 && literals <= limit);
            }
            i += (int) Math.min(literals, blockEnd);
            content += literals;
            if (content > limit) {
                return limit + 1;
            }
            if (i >= blockEnd) {
                // The last sequence has literals only.
                return i == blockEnd ? (int) content : -1;
            }
            i += 2; // the match offset
            long match = (token & 0xF) + 4L;
            if ((token & 0xF) == 15) {
                int b;
                do {
                    if (i >= blockEnd) {
                        return -1;
                    }
                    b = in[i++] & 0xFF;
                    match += b;
                } while (b == 255 && match <= limit);
            }
            content += match;
            if (content > limit) {
                return limit + 1;
            }
        }
        return -1;
    }

    private void ensureRoom(int bytes) throws MalformedMessageException {
        if ((long) written + bytes > maxOutput) {
            throw tooLarge();
        }
        if (written + bytes > out.length) {
            out =
                    Arrays.copyOf(
                            out,
                            (int) Math.min(maxOutput, Math.max(2L * out.length, written + bytes)));
        }
    }

    private int readByte() throws MalformedMessageException {
        require(1);
        return in[position++] & 0xFF;
    }

    private int readIntLe() throws MalformedMessageException {
        require(4);
        int value =
                (in[position] & 0xFF)
                        | (in[position + 1] & 0xFF) << 8
                        | (in[position + 2] & 0xFF) << 16
                        | (in[position + 3] & 0xFF) << 24;
        position += 4;
        return value;
    }

    private long readLongLe() throws MalformedMessageException {
        long low = readIntLe() & 0xFFFFFFFFL;
        return low | (long) readIntLe() << 32;
    }

    private void require(int bytes) throws MalformedMessageException {
        if (end - position < bytes) {
            throw corrupt("it ends early");
        }
    }

    private MalformedMessageException tooLarge() {
        return new MalformedMessageException(
                "LZ4 frame decompresses to more than " + maxOutput + " bytes");
    }

    private static MalformedMessageException corrupt(String why) {
        return new MalformedMessageException("corrupt LZ4 frame: " + why);
    }
}
