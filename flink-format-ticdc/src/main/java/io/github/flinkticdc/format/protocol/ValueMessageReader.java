package io.github.flinkticdc.format.protocol;

import java.io.IOException;
import java.util.Objects;

/**
 * What the readers of TiCDC's value-only protocols share: one message per record value (the key,
 * which TiCDC leaves null, is not read), decompressed once as TiCDC's {@code
 * large-message-handle-compression} says, and excerpted for error messages from its plain bytes. A
 * subclass parses the plain message.
 */
public abstract class ValueMessageReader implements TiCdcRecordReader {

    private final Compression compression;
    private final PlainMessage plain = new PlainMessage();

    private byte[] value;
    private boolean decompressed;
    private boolean consumed;

    protected ValueMessageReader(Compression compression) {
        this.compression = Objects.requireNonNull(compression);
    }

    /** A record with a null or empty value holds no message: JSON is never empty. */
    @Override
    public final boolean reset(byte[] key, byte[] value) {
        this.value = value;
        this.decompressed = false;
        this.consumed = false;
        return value != null && value.length > 0;
    }

    @Override
    public final EventType next(RowEventListener rows) throws IOException {
        if (consumed) {
            return null;
        }
        consumed = true;
        compression.decompress(value, 0, value.length, plain);
        decompressed = true;
        return parse(plain.bytes(), plain.offset(), plain.length(), rows);
    }

    /**
     * Reads the plain message, the {@code length} bytes at {@code offset}.
     *
     * @return what the message is, or null when it holds no event
     */
    protected abstract EventType parse(byte[] bytes, int offset, int length, RowEventListener rows)
            throws IOException;

    /** The start of the message, decompressed when it could be. */
    @Override
    public final String excerpt() {
        return decompressed
                ? MessageExcerpt.of(plain.bytes(), plain.offset(), plain.length())
                : MessageExcerpt.of(value);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: an LZ4 frame read without the compression option, or an Open Protocol record (whose
     * framing starts with zero bytes, which no JSON does).
     */
    @Override
    public final String hint() {
        if (compression == Compression.NONE && Compression.looksLikeLz4Frame(value)) {
            return " (the message starts like an LZ4 frame: set 'compression' = 'lz4')";
        }
        if (value.length > 0 && value[0] == 0) {
            return " (an Open Protocol record starts with zero bytes: if the topic is written with"
                    + " TiCDC's protocol=open-protocol, read it with 'connector' = 'ticdc'"
                    + " and 'protocol' = 'open-protocol')";
        }
        return "";
    }
}
