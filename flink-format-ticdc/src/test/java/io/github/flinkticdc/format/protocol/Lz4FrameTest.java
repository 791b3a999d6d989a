package io.github.flinkticdc.format.protocol;

import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The LZ4 frame reader against frames written by lz4-java's frame writer in every option it has
 * (block sizes, block and content checksums, content size, incompressible blocks stored as they
 * are), and against broken frames.
 */
class Lz4FrameTest {

    private final PlainMessage plain = new PlainMessage();

    private static final int LIMIT = 64 * 1024 * 1024;
    private static final String TEXT = "{\"id\":\"12\",\"name\":\"pen\"},";

    @ParameterizedTest
    @EnumSource(BLOCKSIZE.class)
    void readsWhatLz4JavaWritesInEveryOption(BLOCKSIZE blockSize) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        // The last is smaller than the buffer the ones before left to reuse.
        for (int length : new int[] {0, 1, 100, 70_000, 300_000, 100}) {
            byte[] content = content(random, length);
            for (FLG.Bits[] bits :
                    new FLG.Bits[][] {
                        {FLG.Bits.BLOCK_INDEPENDENCE},
                        {FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.CONTENT_CHECKSUM},
                        {FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM},
                        {
                            FLG.Bits.BLOCK_INDEPENDENCE,
                            FLG.Bits.CONTENT_SIZE,
                            FLG.Bits.CONTENT_CHECKSUM,
                            FLG.Bits.BLOCK_CHECKSUM
                        }
                    }) {
                byte[] frame = frame(content, blockSize, bits);
                assertThat(decompress(frame, 0, frame.length, LIMIT))
                        .as("%s bytes, %s, %s", length, blockSize, Arrays.toString(bits))
                        .isEqualTo(content);
            }
        }
    }

    @Test
    void readsAFrameInTheMiddleOfAnArray() throws IOException {
        byte[] frame = frame(content(new SplittableRandom(1), 5000), BLOCKSIZE.SIZE_64KB);
        byte[] padded = new byte[frame.length + 20];
        System.arraycopy(frame, 0, padded, 10, frame.length);
        assertThat(decompress(padded, 10, frame.length, LIMIT))
                .isEqualTo(content(new SplittableRandom(1), 5000));
    }

    @Test
    void refusesBrokenFrames() throws IOException {
        byte[] content = content(new SplittableRandom(3), 2000);
        byte[] frame =
                frame(
                        content,
                        BLOCKSIZE.SIZE_64KB,
                        FLG.Bits.BLOCK_INDEPENDENCE,
                        FLG.Bits.CONTENT_CHECKSUM);
        // A buffer with room from a frame read before: broken blocks are refused all the same.
        assertThat(decompress(frame, 0, frame.length, LIMIT)).isEqualTo(content);
        assertRefused(Arrays.copyOf(frame, frame.length - 3), "corrupt LZ4 frame: it ends early");
        byte[] trailing = Arrays.copyOf(frame, frame.length + 2);
        assertRefused(trailing, "2 bytes follow the end of the frame");
        byte[] header = frame.clone();
        header[6] ^= 0x01;
        assertRefused(header, "the frame descriptor's checksum does not match");
        byte[] body = frame.clone();
        body[frame.length - 10] ^= 0x40;
        assertRefused(body, "corrupt LZ4 frame");
        byte[] dependent = frame.clone();
        dependent[4] &= ~0x20;
        assertRefused(dependent, "blocks depend on each other");
        byte[] magic = frame.clone();
        magic[0] = 0x05;
        assertRefused(magic, "no LZ4 frame magic");
    }

    @Test
    void aBlockLargerThanTheFrameAllowsIsRefused() throws IOException {
        byte[] frame = frame(new byte[10], BLOCKSIZE.SIZE_64KB);
        // The first block's size field follows the 7-byte header: claim 2^30 bytes.
        frame[7] = 0;
        frame[8] = 0;
        frame[9] = 0;
        frame[10] = 0x40;
        assertRefused(frame, "a block of 1073741824 bytes exceeds the");
    }

    @Test
    void contentBeyondTheLimitIsRefused() throws IOException {
        byte[] frame = frame(new byte[100_000], BLOCKSIZE.SIZE_64KB);
        assertThatThrownBy(() -> decompress(frame, 0, frame.length, 50_000))
                .hasMessage("LZ4 frame decompresses to more than 50000 bytes");
    }

    /** Decompresses into the buffer of a reader that has read the frames before. */
    private byte[] decompress(byte[] frame, int offset, int length, int limit)
            throws MalformedMessageException {
        Lz4Frame.decompress(frame, offset, length, limit, plain);
        return Arrays.copyOfRange(plain.bytes(), plain.offset(), plain.offset() + plain.length());
    }

    private void assertRefused(byte[] frame, String reason) {
        assertThatThrownBy(() -> decompress(frame, 0, frame.length, LIMIT))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(reason);
    }

    /** Text-like bytes that compress, with random runs that do not. */
    private static byte[] content(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] =
                    (byte) (i % 5000 < 4000 ? TEXT.charAt(i % TEXT.length()) : random.nextInt(256));
        }
        return bytes;
    }

    private static byte[] frame(byte[] content, BLOCKSIZE blockSize, FLG.Bits... bits)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FLG.Bits[] flags = bits.length == 0 ? new FLG.Bits[] {FLG.Bits.BLOCK_INDEPENDENCE} : bits;
        long knownSize = Arrays.asList(flags).contains(FLG.Bits.CONTENT_SIZE) ? content.length : -1;
        try (LZ4FrameOutputStream lz4 =
                new LZ4FrameOutputStream(out, blockSize, knownSize, flags)) {
            lz4.write(content);
        }
        return out.toByteArray();
    }
}
