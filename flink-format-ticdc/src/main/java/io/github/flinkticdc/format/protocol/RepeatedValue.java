package io.github.flinkticdc.format.protocol;

/**
 * The bytes of an object or array a field held in the previous message, so that the same bytes in
 * the next message are passed over at once ({@link JsonScanner#skipIfRepeated}) instead of read
 * again: TiCDC writes a table's {@code sqlType}, {@code mysqlType} and {@code pkNames} the same in
 * every message of the table.
 */
public final class RepeatedValue {

    /** Larger values are not kept: hostile ones must not be held. */
    private static final int MAX_KEPT_BYTES = 64 * 1024;

    private byte[] last;
    private int start = -1;

    /**
     * Passes over the container the scanner stands at the start of if it repeats the one kept;
     * otherwise remembers where it starts, for {@link #keep}.
     */
    public boolean skipIfRepeated(JsonScanner s) {
        if (s.skipIfRepeated(last)) {
            return true;
        }
        // Until keep(), nothing is known: a container that fails half-way must not be kept.
        last = null;
        start = s.tokenStart();
        return false;
    }

    /** Keeps the container just read; the scanner stands on its end. */
    public void keep(JsonScanner s) {
        last = s.position() - start <= MAX_KEPT_BYTES ? s.copyFrom(start) : null;
    }

    /** Keeps nothing: what the last container gave is no longer known. */
    public void forget() {
        last = null;
    }

    /** Passes over the value the scanner stands on, keeping it if it is a container. */
    public void skip(JsonScanner s) throws MalformedMessageException {
        if (s.current() != JsonScanner.Token.START_OBJECT
                && s.current() != JsonScanner.Token.START_ARRAY) {
            return;
        }
        if (!skipIfRepeated(s)) {
            s.skipChildren();
            keep(s);
        }
    }
}
