package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.format.protocol.Compression;

import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compresses a (mutated) payload as TiCDC's {@code large-message-handle-compression} does (LZ4
 * frame, raw Snappy block), so that a mutation of the JSON inside reaches the parser.
 */
public final class Compressors {

    private Compressors() {}

    public static byte[] compress(Compression compression, byte[] plain) {
        try {
            switch (compression) {
                case LZ4:
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    // 64 KB blocks: the default 4 MB block buffer per call would dominate the run
                    try (LZ4FrameOutputStream lz4 =
                            new LZ4FrameOutputStream(
                                    out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
                        lz4.write(plain);
                    }
                    return out.toByteArray();
                case SNAPPY:
                    return Snappy.compress(plain);
                default:
                    return plain;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
