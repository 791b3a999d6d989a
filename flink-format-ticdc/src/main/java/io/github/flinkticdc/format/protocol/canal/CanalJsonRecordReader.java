package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.ValueMessageReader;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads TiCDC canal-json records (spec §2): one event per record value, decompressed as TiCDC's
 * {@code large-message-handle-compression} says; TiCDC writes a null key, which is not read. A
 * claim-check message is replaced by the full message fetched from its object.
 */
public final class CanalJsonRecordReader extends ValueMessageReader {

    private final CanalJsonParser parser = new CanalJsonParser();
    private final CanalJsonMessage message;

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
        super(compression, claimCheck);
        this.message = Objects.requireNonNull(message);
    }

    @Override
    protected EventType parse(byte[] bytes, int offset, int length, RowEventListener rows)
            throws IOException {
        parser.parse(bytes, offset, length, message, rows);
        return message.eventType();
    }

    @Override
    protected String claimCheckLocation() {
        return message.claimCheckLocation();
    }

    @Override
    protected boolean handleKeyOnly() {
        return message.onlyHandleKey();
    }

    @Override
    protected String handleKeyOnlyField() {
        return "_tidb.onlyHandleKey";
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
