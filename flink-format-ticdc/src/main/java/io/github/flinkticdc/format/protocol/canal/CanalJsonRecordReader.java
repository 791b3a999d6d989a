package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.IncompleteRow;
import io.github.flinkticdc.format.protocol.JsonValueMessages;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.PlainMessage;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.TiCdcRecordReader;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads TiCDC canal-json records (spec §2): one event per record value, decompressed as TiCDC's
 * {@code large-message-handle-compression} says; TiCDC writes a null key, which is not read.
 */
public final class CanalJsonRecordReader implements TiCdcRecordReader {

    private final Compression compression;
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
        this.compression = Objects.requireNonNull(compression);
        this.message = Objects.requireNonNull(message);
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
            requireCompleteRow();
        }
        return message.eventType();
    }

    private void requireCompleteRow() throws IOException {
        if (message.onlyHandleKey() || message.claimCheckLocation() != null) {
            throw new MalformedMessageException(
                    IncompleteRow.reason(
                            message.claimCheckLocation(),
                            message.onlyHandleKey()
                                    ? "_tidb.onlyHandleKey"
                                    : "_tidb.claimCheckLocation"));
        }
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
        return JsonValueMessages.excerpt(value, decompressed, plain);
    }

    @Override
    public String hint() {
        return JsonValueMessages.hint(compression, value);
    }

    /** Re-reads the message's {@code mysqlType}: for error messages only. */
    @Override
    public String declaredType(String column) {
        return parser.mysqlTypeOf(column);
    }
}
