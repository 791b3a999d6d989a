package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.IncompleteRow;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.ValueMessageReader;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads TiCDC canal-json records (spec §2): one event per record value, decompressed as TiCDC's
 * {@code large-message-handle-compression} says; TiCDC writes a null key, which is not read.
 */
public final class CanalJsonRecordReader extends ValueMessageReader {

    private final CanalJsonParser parser = new CanalJsonParser();
    private final CanalJsonMessage message;

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param message what to collect of each message's header (see {@link CanalJsonMessage})
     */
    public CanalJsonRecordReader(Compression compression, CanalJsonMessage message) {
        super(compression);
        this.message = Objects.requireNonNull(message);
    }

    @Override
    protected EventType parse(byte[] bytes, int offset, int length, RowEventListener rows)
            throws IOException {
        parser.parse(bytes, offset, length, message, rows);
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

    /** Re-reads the message's {@code mysqlType}: for error messages only. */
    @Override
    public String declaredType(String column) {
        return parser.mysqlTypeOf(column);
    }
}
