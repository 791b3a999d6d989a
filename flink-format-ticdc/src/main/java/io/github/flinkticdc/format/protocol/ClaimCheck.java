package io.github.flinkticdc.format.protocol;

import java.io.IOException;
import java.util.Objects;

/**
 * Fetches the full record of a claim-check message (TiCDC's {@code large-message-handle-option =
 * claim-check}) for a reader, which decodes it in the place of the message: the record key and
 * value TiCDC would have sent, out of the object's JSON envelope or, with {@code
 * claim-check-raw-value = true}, the object itself as the value. Decompressing them is the reader's
 * job, as for a record read from Kafka.
 *
 * <p>Not thread-safe: one per reader.
 */
public final class ClaimCheck {

    /** The option that lists the locations claim-check objects may be read from. */
    public static final String ALLOWED_LOCATIONS_OPTION = "claim-check.allowed-locations";

    private final ClaimCheckObjects objects;
    private final boolean rawValue;
    private final ClaimCheckEnvelope envelope = new ClaimCheckEnvelope();
    private byte[] key;
    private byte[] value;

    /**
     * @param objects where objects are read from
     * @param rawValue TiCDC's {@code claim-check-raw-value}: the object is the record value itself
     */
    public ClaimCheck(ClaimCheckObjects objects, boolean rawValue) {
        this.objects = Objects.requireNonNull(objects);
        this.rawValue = rawValue;
    }

    /**
     * For a reader that was given no storage: every claim-check row is refused, naming the option
     * that would let it be read.
     */
    public static ClaimCheck disabled() {
        return new ClaimCheck(
                location -> {
                    throw notAllowed(location);
                },
                false);
    }

    /**
     * The error of a claim-check row when no location may be read ({@value
     * #ALLOWED_LOCATIONS_OPTION} is not set).
     */
    public static MalformedMessageException notAllowed(String location) {
        return new MalformedMessageException(
                "the event was too large for TiCDC, which stored it at '"
                        + ClaimCheckLocation.printable(location)
                        + "' (large-message-handle-option = claim-check) and sent only its"
                        + " handle-key columns; to read such rows, set '"
                        + ALLOWED_LOCATIONS_OPTION
                        + "' to the changefeed's claim-check-storage-uri");
    }

    /** Whether objects are raw record values ({@code claim-check-raw-value = true}). */
    public boolean rawValue() {
        return rawValue;
    }

    /**
     * Fetches the object at {@code location}; then {@link #key()} and {@link #value()} are its
     * record's.
     *
     * @throws IOException as {@link ClaimCheckObjects#read}, or a {@link MalformedMessageException}
     *     if the object is not what TiCDC writes
     */
    public void fetch(String location) throws IOException {
        byte[] object = objects.read(location);
        if (rawValue) {
            key = null;
            value = object;
            return;
        }
        try {
            envelope.parse(object);
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException(
                    "the claim-check object '"
                            + ClaimCheckLocation.printable(location)
                            + "' is not TiCDC's JSON envelope {\"key\": ..., \"value\": ...}: "
                            + e.getMessage()
                            + " (if the changefeed sets claim-check-raw-value = true, set"
                            + " 'claim-check.raw-value' = 'true')",
                    e);
        }
        key = envelope.key();
        value = envelope.value();
    }

    /**
     * For a reader of one message per record (canal-json, simple): fetches the full record value of
     * the claim-check message just read and decompresses it into {@code into}, to be read in that
     * message's place; {@code rows} forgets the images of the small message.
     *
     * @param announced the claim-check message's row change
     * @return what the message announced, to check the full message against
     */
    public AnnouncedRow fetchValueInPlaceOf(
            String location,
            RowChange announced,
            RowEventListener rows,
            Compression compression,
            PlainMessage into)
            throws IOException {
        AnnouncedRow row = new AnnouncedRow(location, announced);
        fetch(location);
        rows.restartRow();
        compression.decompress(value, 0, value.length, into);
        return row;
    }

    /** The fetched record's key, or null (always null for a raw value). */
    public byte[] key() {
        return key;
    }

    /** The fetched record's value. */
    public byte[] value() {
        return value;
    }
}
