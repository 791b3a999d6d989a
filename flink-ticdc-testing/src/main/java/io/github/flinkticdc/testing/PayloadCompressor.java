package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** TiCDC's {@code large-message-handle-compression} of one payload. */
public final class PayloadCompressor {

    private PayloadCompressor() {}

    /** LZ4 frame or raw Snappy block, as TiCDC writes them; {@code NONE} returns the input. */
    public static byte[] compress(PayloadCompression compression, byte[] payload) {
        try {
            switch (compression) {
                case NONE:
                    return payload;
                case LZ4:
                    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length);
                    try (OutputStream lz4 = new LZ4FrameOutputStream(out)) {
                        lz4.write(payload);
                    }
                    return out.toByteArray();
                case SNAPPY:
                    return Snappy.compress(payload);
                default:
                    throw new IllegalStateException("Unhandled compression " + compression);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
