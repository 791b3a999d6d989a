package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.IncompleteRow;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.PlainMessage;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.TiCdcRecordReader;
import io.github.flinkticdc.format.protocol.claimcheck.AnnouncedRow;
import io.github.flinkticdc.format.protocol.claimcheck.ClaimCheck;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads TiCDC canal-json records (spec §2): one event per record value, decompressed as TiCDC's
 * {@code large-message-handle-compression} says; TiCDC writes a null key, which is not read. A
 * claim-check message is replaced by the full message fetched from its object.
 */
public final class CanalJsonRecordReader implements TiCdcRecordReader {

    private final Compression compression;
    private final ClaimCheck claimCheck;
    private final CanalJsonParser parser = new CanalJsonParser();
    private final CanalJsonMessage message;

    private final PlainMessage plain = new PlainMessage();
    private byte[] value;
    private boolean decompressed;
    private boolean consumed;

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param message what to collect of each message's header (see {@link CanalJsonMessage})
     */
    public CanalJsonRecordReader(Compression compression, CanalJsonMessage message) {
        this(compression, message, ClaimCheck.disabled());
    }

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param message what to collect of each message's header (see {@link CanalJsonMessage})
     * @param claimCheck where the full messages of claim-check messages are fetched
     */
    public CanalJsonRecordReader(
            Compression compression, CanalJsonMessage message, ClaimCheck claimCheck) {
        this.compression = Objects.requireNonNull(compression);
        this.message = Objects.requireNonNull(message);
        this.claimCheck = Objects.requireNonNull(claimCheck);
    }

    /** A record with a null or empty value holds no message: JSON is never empty. */
    @Override
    public boolean reset(byte[] key, byte[] value) {
        this.value = value;
        this.decompressed = false;
        this.consumed = false;
        return value != null && value.length > 0;
    }

    @Override
    public EventType next(RowEventListener rows) throws IOException {
        if (consumed) {
            return null;
        }
        consumed = true;
        compression.decompress(value, 0, value.length, plain);
        decompressed = true;
        parser.parse(plain.bytes(), plain.offset(), plain.length(), message, rows);
        if (message.eventType() == EventType.ROW_CHANGE && message.rowsAccepted()) {
            if (message.claimCheckLocation() != null) {
                readClaimCheckedMessage(rows);
            } else if (message.onlyHandleKey()) {
                throw new MalformedMessageException(
                        IncompleteRow.reason(null, "_tidb.onlyHandleKey"));
            }
        }
        return message.eventType();
    }

    /**
     * Reads the full message in the place of the claim-check message just parsed, whose images (the
     * handle key alone) the listener forgets.
     */
    private void readClaimCheckedMessage(RowEventListener rows) throws IOException {
        AnnouncedRow announced =
                claimCheck.fetchValueInPlaceOf(
                        message.claimCheckLocation(), message, rows, compression, plain);
        parser.parse(plain.bytes(), plain.offset(), plain.length(), message, rows);
        announced.requireSame(
                message.eventType() == EventType.ROW_CHANGE,
                message.onlyHandleKey() || message.claimCheckLocation() != null,
                message);
    }

    @Override
    public RowChange rowChange() {
        return message;
    }

    @Override
    public boolean rowsRead() {
        return message.rowsAccepted();
    }

    @Override
    public long resolvedTs() {
        return message.watermarkTs();
    }

    @Override
    public DdlEvent ddl() {
        return message;
    }

    /** The start of the message, decompressed when it could be. */
    @Override
    public String excerpt() {
        return decompressed
                ? MessageExcerpt.of(plain.bytes(), plain.offset(), plain.length())
                : MessageExcerpt.of(value);
    }

    @Override
    public String hint() {
        if (compression == Compression.NONE && Compression.looksLikeLz4Frame(value)) {
            return " (the message starts like an LZ4 frame: set 'compression' = 'lz4')";
        }
        if (value[0] == 0) {
            return " (an Open Protocol record starts with zero bytes: if the topic is written with"
                    + " TiCDC's protocol=open-protocol, read it with 'connector' = 'ticdc'"
                    + " and 'protocol' = 'open-protocol')";
        }
        return "";
    }

    /** Re-reads the message's {@code mysqlType}: for error messages only. */
    @Override
    public String declaredType(String column) {
        return parser.mysqlTypeOf(column);
    }
}
