package io.github.flinkticdc.format.protocol;

import io.github.flinkticdc.format.protocol.JsonScanner.Token;

import java.util.Arrays;

/**
 * The bytes of an object or array a field held in the previous message, so that the same bytes in
 * the next message are passed over at once ({@link JsonScanner#skipIfRepeated}) instead of read
 * again: TiCDC writes a table's {@code sqlType}, {@code mysqlType} and {@code pkNames} the same in
 * every message of the table.
 *
 * <p>{@link #skip} also passes over the parts that repeat when some entries differ: TiCDC widens
 * the {@code sqlType} code of an unsigned integer column only for a value that needs it, so that
 * object changes an entry or two from one message to the next. It remembers where each entry of the
 * last container ended; bytes equal to the last container's from one such end to another are whole
 * entries read and checked before, and only the entries that differ are read.
 */
public final class RepeatedValue {

    /** Larger values are not kept: hostile ones must not be held. */
    private static final int MAX_KEPT_BYTES = 64 * 1024;

    private byte[] last;
    private int start = -1;

    /** For {@link #skip}: where each entry of {@link #last} ends, from its start. */
    private int[] ends = new int[16];

    private int endCount;
    private int lastDepth;

    /** Where the entries of the container being skipped end, becoming {@link #ends}. */
    private int[] newEnds = new int[16];

    private int newEndCount;

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
        if (s.current() != Token.START_OBJECT && s.current() != Token.START_ARRAY) {
            return;
        }
        byte[] previous = s.depth() == lastDepth ? last : null;
        if (skipIfRepeated(s)) {
            return;
        }
        newEndCount = 0;
        if (previous == null) {
            skipEntries(s);
        } else {
            skipEntriesLike(s, previous);
        }
        keep(s);
        if (last != null) {
            int[] swap = ends;
            ends = newEnds;
            newEnds = swap;
            endCount = newEndCount;
            lastDepth = s.depth() + 1;
        }
    }

    /** Reads the entries up to the container's end, noting where each ends. */
    private void skipEntries(JsonScanner s) throws MalformedMessageException {
        boolean more = true;
        while (more) {
            more = skipEntry(s);
        }
    }

    /**
     * Reads one entry (a name and its value, or an element) and notes where it ends.
     *
     * @return false when the container ended instead
     */
    private boolean skipEntry(JsonScanner s) throws MalformedMessageException {
        Token t = s.next();
        if (t == Token.FIELD_NAME) {
            t = s.next();
        }
        if (t == Token.END_OBJECT || t == Token.END_ARRAY) {
            return false;
        }
        s.skipChildren();
        noteEnd(s.position());
        return true;
    }

    /**
     * Passes over the runs of the container's bytes that equal {@code previous}'s between the ends
     * of its entries, and reads the entries in between.
     */
    private void skipEntriesLike(JsonScanner s, byte[] previous) throws MalformedMessageException {
        byte[] bytes = s.bytes();
        int at = start;
        int from = 0;
        int passedEnds = 0;
        while (true) {
            int mismatch =
                    Arrays.mismatch(bytes, at, s.inputEnd(), previous, from, previous.length);
            if (mismatch < 0 || from + mismatch == previous.length) {
                // The rest, up to and including the closing bracket, is the previous one's.
                passEnds(passedEnds, endCount, at - from);
                s.closeContainerAt(at + previous.length - from - 1);
                return;
            }
            int differs = from + mismatch;
            // An entry is passed only with the byte after it: a number ends only there.
            int passedTo = passedEnds;
            while (passedTo < endCount && ends[passedTo] < differs) {
                passedTo++;
            }
            if (passedTo > passedEnds) {
                passEnds(passedEnds, passedTo, at - from);
                s.resumeAfterValueAt(at + ends[passedTo - 1] - from);
            }
            if (!skipEntry(s)) {
                return;
            }
            if (passedTo == endCount) {
                // The previous container had no more entries to compare with.
                skipEntries(s);
                return;
            }
            // The entry read stands for the previous container's next one.
            at = s.position();
            from = ends[passedTo];
            passedEnds = passedTo + 1;
        }
    }

    /**
     * Notes the ends of the previous container's entries {@code [from, to)}, which lie {@code
     * shift} bytes on in this input.
     */
    private void passEnds(int from, int to, int shift) {
        for (int i = from; i < to; i++) {
            noteEnd(ends[i] + shift);
        }
    }

    private void noteEnd(int position) {
        if (newEndCount == newEnds.length) {
            newEnds = Arrays.copyOf(newEnds, newEndCount * 2);
        }
        newEnds[newEndCount++] = position - start;
    }
}
