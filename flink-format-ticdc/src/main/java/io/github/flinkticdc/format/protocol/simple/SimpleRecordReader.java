package io.github.flinkticdc.format.protocol.simple;

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
import java.time.ZoneId;
import java.util.Objects;

/**
 * Reads TiCDC simple-protocol records ({@code protocol=simple}, JSON encoding; spec §4.1): one
 * message per record value, decompressed as TiCDC's {@code large-message-handle-compression} says;
 * the key, which TiCDC leaves null, is not read. BOOTSTRAP messages hold no event: their schema is
 * kept for the rows that follow, as DDL messages' schemas are. A claim-check message is replaced by
 * the full message fetched from its object.
 */
public final class SimpleRecordReader implements TiCdcRecordReader {

    private final Compression compression;
    private final ClaimCheck claimCheck;
    private final SimpleSchemaCache schemas = new SimpleSchemaCache();
    private final SimpleJsonParser parser;
    private final SimpleMessage message = new SimpleMessage();
    private final PlainMessage plain = new PlainMessage();

    private byte[] value;
    private boolean decompressed;
    private boolean consumed;

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param timestampZone the zone TIMESTAMP values are read in: each value is moved from the zone
     *     TiCDC wrote it in into this one
     */
    public SimpleRecordReader(Compression compression, ZoneId timestampZone) {
        this(compression, timestampZone, ClaimCheck.disabled());
    }

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param timestampZone the zone TIMESTAMP values are read in
     * @param claimCheck where the full messages of claim-check messages are fetched
     */
    public SimpleRecordReader(
            Compression compression, ZoneId timestampZone, ClaimCheck claimCheck) {
        this.compression = Objects.requireNonNull(compression);
        this.claimCheck = Objects.requireNonNull(claimCheck);
        this.parser = new SimpleJsonParser(schemas, new TimestampZones(timestampZone));
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
        if (message.eventType == EventType.ROW_CHANGE && message.rowsAccepted) {
            if (message.claimCheckLocation != null) {
                readClaimCheckedMessage(rows);
            } else if (message.handleKeyOnly) {
                throw new MalformedMessageException(IncompleteRow.reason(null, "handleKeyOnly"));
            }
        }
        return message.eventType;
    }

    /**
     * Reads the full message in the place of the claim-check message just parsed, whose images (the
     * handle key alone) the listener forgets.
     */
    private void readClaimCheckedMessage(RowEventListener rows) throws IOException {
        AnnouncedRow announced =
                claimCheck.fetchValueInPlaceOf(
                        message.claimCheckLocation, message, rows, compression, plain);
        parser.parse(plain.bytes(), plain.offset(), plain.length(), message, rows);
        announced.requireSame(
                message.eventType == EventType.ROW_CHANGE,
                message.handleKeyOnly || message.claimCheckLocation != null,
                message);
    }

    @Override
    public RowChange rowChange() {
        return message;
    }

    @Override
    public boolean rowsRead() {
        return message.rowsAccepted;
    }

    @Override
    public long resolvedTs() {
        return message.commitTs;
    }

    @Override
    public DdlEvent ddl() {
        return message;
    }

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
        return "";
    }

    /** The column's type in the schema its row names, when that schema has arrived. */
    @Override
    public String declaredType(String column) {
        return parser.schemaTypeOf(column);
    }
}
