package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.ValueMessageReader;

import java.io.IOException;
import java.time.ZoneId;

/**
 * Reads TiCDC simple-protocol records ({@code protocol=simple}, JSON encoding; spec §4.1): one
 * message per record value, decompressed as TiCDC's {@code large-message-handle-compression} says;
 * the key, which TiCDC leaves null, is not read. BOOTSTRAP messages hold no event: their schema is
 * kept for the rows that follow, as DDL messages' schemas are. A claim-check message is replaced by
 * the full message fetched from its object. Row checksums are verified when asked for.
 */
public final class SimpleRecordReader extends ValueMessageReader {

    private final SimpleSchemaCache schemas = new SimpleSchemaCache();
    private final SimpleJsonParser parser;
    private final SimpleMessage message = new SimpleMessage();

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
        this(compression, timestampZone, claimCheck, false);
    }

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param timestampZone the zone TIMESTAMP values are read in, and the TiCDC server's zone
     *     (which a checksum needs for a TIMESTAMP whose location is {@code Local})
     * @param claimCheck where the full messages of claim-check messages are fetched
     * @param verifyChecksums whether to verify the row checksums of TiCDC's integrity check: a row
     *     TiCDC marked corrupted, or whose values do not give its checksum, is then an error
     */
    public SimpleRecordReader(
            Compression compression,
            ZoneId timestampZone,
            ClaimCheck claimCheck,
            boolean verifyChecksums) {
        super(compression, claimCheck);
        this.parser =
                new SimpleJsonParser(
                        schemas,
                        new TimestampZones(timestampZone),
                        verifyChecksums ? new SimpleChecksumVerifier(timestampZone) : null);
    }

    @Override
    protected EventType parse(byte[] bytes, int offset, int length, RowEventListener rows)
            throws IOException {
        parser.parse(bytes, offset, length, message, rows);
        return message.eventType;
    }

    @Override
    protected String claimCheckLocation() {
        return message.claimCheckLocation;
    }

    @Override
    protected boolean handleKeyOnly() {
        return message.handleKeyOnly;
    }

    @Override
    protected String handleKeyOnlyField() {
        return "handleKeyOnly";
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
    public boolean rowChecksumUnverified() {
        return message.checksumUnverified;
    }

    @Override
    public long resolvedTs() {
        return message.commitTs;
    }

    @Override
    public DdlEvent ddl() {
        return message;
    }

    /** The column's type in the schema its row names, when that schema has arrived. */
    @Override
    public String declaredType(String column) {
        return parser.schemaTypeOf(column);
    }
}
