package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.AnnouncedRow;
import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.IncompleteRow;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.PlainMessage;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.TiCdcRecordReader;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads the events of one TiCDC Open Protocol Kafka record (spec §3): its key and value together
 * hold a batch of events, each an event key JSON and an event value.
 *
 * <p>As a {@link TiCdcRecordReader}, {@link #next} reads each event whole. Underneath it, events
 * can be read lazily: {@link #reset} with the record's key and value bytes, then {@link #nextEvent}
 * until it returns false. For each event {@link #key()} tells what it is; the value is read only
 * when asked: {@link #readRow} for a {@link OpenProtocolEventType#ROW ROW} event, {@link #readDdl}
 * for a {@link OpenProtocolEventType#DDL DDL} event. A {@link OpenProtocolEventType#RESOLVED
 * RESOLVED} event has nothing but its key: its {@link OpenProtocolKey#ts() ts} is the resolved ts
 * (its value, empty in everything TiCDC writes, is not read, as in TiCDC's own decoder).
 *
 * <p>The framing of the whole record is checked by {@link #reset}, so a broken record is refused
 * before any of its events is read; a malformed event JSON is only found when that event is read.
 * Every error is a {@link MalformedMessageException} whose message starts with the event number
 * (from 0) when it concerns one event.
 *
 * <p>A claim-check row ({@code ccl} in its key) of a read table is replaced by the one-event record
 * its object holds: from then on {@link #key()} and the images are that event's.
 *
 * <p>Not thread-safe; one reader per decoding thread, reused for every record. The key and DDL
 * objects it returns are reused too.
 */
public final class OpenProtocolRecordReader implements TiCdcRecordReader {

    private final Compression compression;
    private final ClaimCheck claimCheck;
    private final OpenProtocolFraming framing = new OpenProtocolFraming();
    private final OpenProtocolFraming claimCheckFraming = new OpenProtocolFraming();
    private final OpenProtocolKeyParser keyParser;
    private final OpenProtocolRowParser rowParser;
    private final OpenProtocolDdlParser ddlParser;
    private final OpenProtocolKey key = new OpenProtocolKey();
    private final OpenProtocolDdl ddl = new OpenProtocolDdl();
    private final OpenProtocolEvent event = new OpenProtocolEvent(key, ddl);
    private boolean onEvent;
    private boolean rowsRead;

    // What is being read, for the excerpt of an error: null for the framing, else a key or value.
    private byte[] recordKeyForExcerpt;
    private byte[] recordValueForExcerpt;
    private byte[] partBytes;
    private int partOffset;
    private int partLength;

    // The current event's value JSON, set by loadValue().
    private final PlainMessage plainValue = new PlainMessage();
    private byte[] valueBytes;
    private int valueOffset;
    private int valueLength;

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}: applied to each event
     *     value, never to the keys or the framing
     */
    public OpenProtocolRecordReader(Compression compression) {
        this(compression, ClaimCheck.disabled());
    }

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param claimCheck where the records of claim-check events are fetched; their objects are
     *     always TiCDC's JSON envelope, which holds the framed key and value
     */
    public OpenProtocolRecordReader(Compression compression, ClaimCheck claimCheck) {
        if (claimCheck.rawValue()) {
            throw new IllegalArgumentException(
                    "TiCDC rejects claim-check-raw-value for the Open Protocol: its objects hold"
                            + " the record key too");
        }
        this.compression = Objects.requireNonNull(compression);
        this.claimCheck = claimCheck;
        // Keys and values are read one after the other, never interleaved: one scanner for all.
        JsonScanner scanner = new JsonScanner();
        this.keyParser = new OpenProtocolKeyParser(scanner);
        this.rowParser = new OpenProtocolRowParser(scanner);
        this.ddlParser = new OpenProtocolDdlParser(scanner);
    }

    /**
     * Starts reading a record, forgetting the previous one. A key of just the version header with
     * an empty (or null) value is an empty batch: no events.
     *
     * @return true: an Open Protocol record always has its framing, which is checked here
     * @throws MalformedMessageException if the framing is broken (version, lengths, key/value
     *     count)
     */
    @Override
    public boolean reset(byte[] recordKey, byte[] recordValue) throws MalformedMessageException {
        onEvent = false;
        partBytes = null;
        recordKeyForExcerpt = recordKey;
        recordValueForExcerpt = recordValue;
        framing.reset(recordKey, recordValue);
        return true;
    }

    /**
     * Reads the next event whole: its key, and the value of a row or DDL event.
     *
     * @throws MalformedMessageException also for a row of a read table that TiCDC sent without its
     *     full image ({@link OpenProtocolKey#isIncomplete()})
     */
    @Override
    public EventType next(RowEventListener rows) throws IOException {
        if (!nextEvent()) {
            return null;
        }
        switch (key.type) {
            case ROW:
                readRow(rows);
                requireCompleteRow();
                return EventType.ROW_CHANGE;
            case DDL:
                readDdl();
                return EventType.DDL;
            default:
                // A resolved event is all key: its ts is the resolved ts.
                return EventType.PROGRESS;
        }
    }

    private void requireCompleteRow() throws MalformedMessageException {
        if (rowsRead && key.isIncomplete()) {
            throw new MalformedMessageException(
                    "event "
                            + framing.index()
                            + " ("
                            + key
                            + "): "
                            + IncompleteRow.reason(null, "ohk"));
        }
    }

    @Override
    public RowChange rowChange() {
        requireEvent(OpenProtocolEventType.ROW);
        return event;
    }

    @Override
    public boolean rowsRead() {
        return rowsRead;
    }

    @Override
    public long resolvedTs() {
        requireEvent(OpenProtocolEventType.RESOLVED);
        return key.ts;
    }

    @Override
    public DdlEvent ddl() {
        requireEvent(OpenProtocolEventType.DDL);
        return event;
    }

    /** Empty: the errors of this reader carry their own hints. */
    @Override
    public String hint() {
        return "";
    }

    /** Null: the reader reports the type of every column it reads. */
    @Override
    public String declaredType(String column) {
        return null;
    }

    /**
     * A short printable excerpt of what the last error concerns: the event key or value JSON being
     * read (decompressed when it could be), or the start of the record's key and value in hex for
     * an error in the framing.
     */
    @Override
    public String excerpt() {
        if (partBytes != null) {
            return MessageExcerpt.of(partBytes, partOffset, partLength);
        }
        return "record key "
                + hexOrNull(recordKeyForExcerpt)
                + ", record value "
                + hexOrNull(recordValueForExcerpt);
    }

    private static String hexOrNull(byte[] bytes) {
        return bytes == null ? "null" : MessageExcerpt.hex(bytes, 0, bytes.length);
    }

    /**
     * Moves to the next event and reads its key.
     *
     * @return false when the record has no more events
     * @throws MalformedMessageException if the event key is not valid
     */
    public boolean nextEvent() throws MalformedMessageException {
        rowsRead = false;
        onEvent = framing.next();
        if (!onEvent) {
            return false;
        }
        setPart(framing.key(), framing.keyOffset(), framing.keyLength());
        try {
            keyParser.parse(framing.key(), framing.keyOffset(), framing.keyLength(), key);
        } catch (MalformedMessageException e) {
            onEvent = false;
            throw eventError("key", e);
        }
        return true;
    }

    /** The key of the current event (the same object for every event). */
    public OpenProtocolKey key() {
        requireEvent(null);
        return key;
    }

    /**
     * Reads the value of the current ROW event into {@code listener}: {@code acceptRows} once, then
     * for each column the listener has a slot for, its type and value. A refused table's images are
     * skipped (the value is still checked to be well-formed).
     *
     * <p>{@code u} is reported as the {@code NEW} image, {@code p} as {@code OLD}, {@code d} (the
     * deleted row) as {@code NEW}: an event with {@code u} and {@code p}, even an empty {@code
     * "p":{}}, is an UPDATE. An {@link ChangeKind#INSERT INSERT} may be an update sent without its
     * old image ({@code output-old-value=false}): treat it as an upsert. For an {@link
     * OpenProtocolKey#isIncomplete() incomplete} event the images hold only the handle key.
     *
     * @return what the event is, judged from the images present
     *     <p>For a claim-check event of a read table, the images are those of the event its object
     *     holds, which must be the same row change; {@link #key()} is then that event's key.
     * @throws MalformedMessageException if the value is not a valid row event value, or the
     *     listener refuses a value
     * @throws IOException if a claim-check object cannot be read
     */
    public ChangeKind readRow(RowEventListener listener) throws IOException {
        requireEvent(OpenProtocolEventType.ROW);
        rowsRead = listener.acceptRows(key.schema, key.table);
        try {
            loadValue();
            boolean claimChecked = rowsRead && key.isClaimCheck();
            event.kind =
                    rowParser.parse(
                            valueBytes,
                            valueOffset,
                            valueLength,
                            rowsRead && !claimChecked ? listener : null);
            if (claimChecked) {
                readClaimCheckedRow(listener);
            }
            return event.kind;
        } catch (MalformedMessageException e) {
            throw eventError("value", e);
        }
    }

    /**
     * Replaces the current claim-check event by the one-event record of its object (spec §3.8): its
     * key becomes the current key, its value is read into {@code listener}.
     */
    private void readClaimCheckedRow(RowEventListener listener) throws IOException {
        String location = key.claimCheckLocation;
        AnnouncedRow announced = new AnnouncedRow(location, event);
        claimCheck.fetch(location);
        if (claimCheck.key() == null) {
            throw new MalformedMessageException(
                    "the claim-check object has a null 'key'; an Open Protocol object holds the"
                            + " framed record key");
        }
        claimCheckFraming.reset(claimCheck.key(), claimCheck.value());
        if (!claimCheckFraming.next()) {
            throw new MalformedMessageException("the claim-check object holds no event");
        }
        setPart(
                claimCheckFraming.key(),
                claimCheckFraming.keyOffset(),
                claimCheckFraming.keyLength());
        keyParser.parse(
                claimCheckFraming.key(),
                claimCheckFraming.keyOffset(),
                claimCheckFraming.keyLength(),
                key);
        loadValue(claimCheckFraming);
        if (key.type == OpenProtocolEventType.ROW) {
            event.kind = rowParser.parse(valueBytes, valueOffset, valueLength, listener);
        }
        if (claimCheckFraming.next()) {
            throw new MalformedMessageException(
                    "the claim-check object holds more than one event; TiCDC stores one");
        }
        announced.requireSame(key.type == OpenProtocolEventType.ROW, key.isIncomplete(), event);
    }

    /**
     * Reads the value of the current DDL event.
     *
     * @return the statement and action type (the same object for every DDL event)
     * @throws MalformedMessageException if the value is not a valid DDL event value
     */
    public OpenProtocolDdl readDdl() throws MalformedMessageException {
        requireEvent(OpenProtocolEventType.DDL);
        try {
            loadValue();
            ddlParser.parse(valueBytes, valueOffset, valueLength, ddl);
            return ddl;
        } catch (MalformedMessageException e) {
            throw eventError("value", e);
        }
    }

    /**
     * Points {@link #valueBytes} at the current event's value: a slice of the record value, or the
     * reader's buffer when it has to be decompressed.
     */
    private void loadValue() throws MalformedMessageException {
        loadValue(framing);
    }

    private void loadValue(OpenProtocolFraming from) throws MalformedMessageException {
        if (from.valueLength() == 0) {
            throw new MalformedMessageException(
                    "the "
                            + key.type
                            + " event has an empty value; only resolved events have none");
        }
        valueBytes = from.value();
        valueOffset = from.valueOffset();
        valueLength = from.valueLength();
        setPart(valueBytes, valueOffset, valueLength);
        if (compression != Compression.NONE) {
            compression.decompress(valueBytes, valueOffset, valueLength, plainValue);
            valueBytes = plainValue.bytes();
            valueOffset = plainValue.offset();
            valueLength = plainValue.length();
            setPart(valueBytes, valueOffset, valueLength);
        }
    }

    private void setPart(byte[] bytes, int offset, int length) {
        partBytes = bytes;
        partOffset = offset;
        partLength = length;
    }

    private void requireEvent(OpenProtocolEventType expected) {
        if (!onEvent) {
            throw new IllegalStateException("no current event: call nextEvent() first");
        }
        if (expected != null && key.type != expected) {
            throw new IllegalStateException(
                    "event " + framing.index() + " is a " + key.type + " event, not " + expected);
        }
    }

    private MalformedMessageException eventError(String part, MalformedMessageException e) {
        StringBuilder message = new StringBuilder("event ").append(framing.index());
        if ("value".equals(part)) {
            message.append(" (").append(key).append(')');
        }
        message.append(": ").append(part).append(": ").append(e.getMessage());
        if (part.equals("value") && compression == Compression.NONE && looksCompressed()) {
            message.append(
                    " (it starts like an LZ4 frame: set the compression to TiCDC's"
                            + " large-message-handle-compression)");
        }
        return new MalformedMessageException(message.toString(), e);
    }

    private boolean looksCompressed() {
        return Compression.looksLikeLz4Frame(
                framing.value(), framing.valueOffset(), framing.valueLength());
    }
}
