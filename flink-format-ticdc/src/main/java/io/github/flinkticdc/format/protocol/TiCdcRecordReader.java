package io.github.flinkticdc.format.protocol;

import java.io.IOException;

/**
 * Reads the TiCDC events of one Kafka record, for one protocol: the one interface every protocol
 * implements, so that one driver turns any of them into a changelog.
 *
 * <p>Use: {@link #reset} with the record's key and value, then {@link #next} until it returns null.
 * After each event, {@link #rowChange()}, {@link #resolvedTs()} or {@link #ddl()} describe it, as
 * {@link #next} said. Each call of {@link #next} consumes one event, also when it throws: after a
 * bad event the next call moves on to the following one (a canal-json record holds one event, an
 * Open Protocol record a batch).
 *
 * <p>Errors are {@link IOException}s whose message says what was wrong; a reader also refuses a row
 * that TiCDC sent without its full image (large-message handling) when its table is read. Not
 * thread-safe: one reader per decoding thread, reused for every record.
 */
public interface TiCdcRecordReader {

    /**
     * Starts reading a record, forgetting the previous one.
     *
     * @param key the record key, or null
     * @param value the record value, or null
     * @return false when the record holds no TiCDC message at all (a Kafka tombstone)
     * @throws MalformedMessageException if the record is broken as a whole
     */
    boolean reset(byte[] key, byte[] value) throws MalformedMessageException;

    /**
     * Reads the next event of the record; the images of a row change go to {@code rows}, which
     * decides by {@link RowEventListener#acceptRows} whether they are read.
     *
     * @return what the event is, or null after the last event
     * @throws IOException if the event cannot be decoded
     */
    EventType next(RowEventListener rows) throws IOException;

    /** The current {@link EventType#ROW_CHANGE} event. */
    RowChange rowChange();

    /**
     * Whether {@code rows} accepted the table of the current row change, so that its images were
     * read.
     */
    boolean rowsRead();

    /**
     * Whether the current row change was read with checksum verification on but could not be
     * verified (its table's schema had not arrived, or TiCDC sent no checksum for it); false for a
     * protocol without checksums.
     */
    default boolean rowChecksumUnverified() {
        return false;
    }

    /** The TSO of the current {@link EventType#PROGRESS} event. */
    long resolvedTs();

    /** The current {@link EventType#DDL} event. */
    DdlEvent ddl();

    /**
     * A short printable excerpt of what the last error concerns, for its message: the start of the
     * message, or of the part of the record being read.
     */
    String excerpt();

    /**
     * What to add to the last error's message when the bytes look like another configuration's
     * (compressed, or another protocol), starting with a space; empty when nothing is known.
     */
    String hint();

    /**
     * The TiDB type the current event declares for {@code column}, for error messages about a
     * column whose type was not reported to the listener; null when unknown.
     */
    String declaredType(String column);
}
