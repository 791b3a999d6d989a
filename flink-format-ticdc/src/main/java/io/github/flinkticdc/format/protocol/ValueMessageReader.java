package io.github.flinkticdc.format.protocol;

import java.io.IOException;
import java.util.Objects;

/**
 * What the readers of TiCDC's value-only protocols share: one message per record value (the key,
 * which TiCDC leaves null, is not read), decompressed once as TiCDC's {@code
 * large-message-handle-compression} says, and excerpted for error messages from its plain bytes;
 * and TiCDC's large-message handling: a claim-check row is replaced, in its place, by the full
 * message fetched from its object, and a handle-key-only row is refused. A subclass parses the
 * plain message and says what it announced.
 */
public abstract class ValueMessageReader implements TiCdcRecordReader {

    private final Compression compression;
    private final ClaimCheck claimCheck;
    private final PlainMessage plain = new PlainMessage();

    private byte[] value;
    private boolean decompressed;
    private boolean consumed;

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param claimCheck where the full messages of claim-check rows are fetched
     */
    protected ValueMessageReader(Compression compression, ClaimCheck claimCheck) {
        this.compression = Objects.requireNonNull(compression);
        this.claimCheck = Objects.requireNonNull(claimCheck);
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
        EventType type = parse(plain.bytes(), plain.offset(), plain.length(), rows);
        if (type == EventType.ROW_CHANGE && rowsRead()) {
            String location = claimCheckLocation();
            if (location != null) {
                return readClaimCheckedMessage(location, rows);
            }
            if (handleKeyOnly()) {
                throw new MalformedMessageException(
                        IncompleteRow.reason(null, handleKeyOnlyField()));
            }
        }
        return type;
    }

    /**
     * Reads the full message in the place of the claim-check message just parsed, whose images (the
     * handle key alone) the listener forgets, and checks that it is the row announced.
     */
    private EventType readClaimCheckedMessage(String location, RowEventListener rows)
            throws IOException {
        AnnouncedRow announced =
                claimCheck.fetchValueInPlaceOf(location, rowChange(), rows, compression, plain);
        EventType type = parse(plain.bytes(), plain.offset(), plain.length(), rows);
        announced.requireSame(
                type == EventType.ROW_CHANGE,
                handleKeyOnly() || claimCheckLocation() != null,
                rowChange());
        return type;
    }

    /**
     * Reads the plain message, the {@code length} bytes at {@code offset}.
     *
     * @return what the message is, or null when it holds no event
     */
    protected abstract EventType parse(byte[] bytes, int offset, int length, RowEventListener rows)
            throws IOException;

    /** Where TiCDC stored the full event of the row just parsed, or null. */
    protected abstract String claimCheckLocation();

    /** Whether TiCDC sent the row just parsed with its handle-key columns alone. */
    protected abstract boolean handleKeyOnly();

    /** The field that marks a handle-key-only row, for the error. */
    protected abstract String handleKeyOnlyField();

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
