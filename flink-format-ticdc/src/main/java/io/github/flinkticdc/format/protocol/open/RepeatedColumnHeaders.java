package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ExpectedBytes;
import io.github.flinkticdc.format.protocol.JsonScanner;

import java.util.Arrays;

/**
 * Per slot, the bytes a column's object started with in the last message, up to its value ({@code
 * {"t":12,"f":0,"v":}), and what its fields said. TiCDC writes a column's type and flags the same
 * in every message of a table, so the next message's column object that starts with the same bytes
 * is passed over to its value, its type and flags taken as they were.
 */
final class RepeatedColumnHeaders {

    /** Longer starts are not kept: hostile ones must not be held. */
    private static final int MAX_HEADER_BYTES = 256;

    private ExpectedBytes[] headers = new ExpectedBytes[16];
    private long[] typeCodes = new long[16];
    private long[] flags = new long[16];
    private long[] fields = new long[16];

    /**
     * Passes over the start of the column object the scanner stands at the start of if it repeats
     * the one kept for {@code slot}; the next {@link JsonScanner#next} reads the value.
     */
    boolean skipRepeated(JsonScanner s, int slot) {
        return slot < headers.length && headers[slot] != null && s.skipObjectPrefix(headers[slot]);
    }

    /**
     * Keeps the start of a column object, {@code [start, end)} of {@code bytes}, and what it said.
     *
     * @param seenFields the fields it holds, as {@link
     *     io.github.flinkticdc.format.protocol.SeenFields#fields} gives them
     */
    void keep(
            int slot,
            byte[] bytes,
            int start,
            int end,
            long typeCode,
            long columnFlags,
            long seenFields) {
        if (end - start > MAX_HEADER_BYTES) {
            return;
        }
        if (slot >= headers.length) {
            int size = Math.max(slot + 1, headers.length * 2);
            headers = Arrays.copyOf(headers, size);
            typeCodes = Arrays.copyOf(typeCodes, size);
            flags = Arrays.copyOf(flags, size);
            fields = Arrays.copyOf(fields, size);
        }
        headers[slot] = ExpectedBytes.copyOf(bytes, start, end);
        typeCodes[slot] = typeCode;
        flags[slot] = columnFlags;
        fields[slot] = seenFields;
    }

    long typeCode(int slot) {
        return typeCodes[slot];
    }

    long flags(int slot) {
        return flags[slot];
    }

    long fields(int slot) {
        return fields[slot];
    }
}
