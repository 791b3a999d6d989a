package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds a listener's slot for the column name a {@link JsonScanner} stands on, by the name's bytes:
 * TiCDC writes a table's columns in the same order in every image and in its type maps, so the name
 * after the last one found is looked at first, and a name costs a {@code String} and the listener's
 * lookup only the first time it is seen.
 */
public final class ColumnSlots {

    /** What {@link #nextSlot} returns at the end of the object. */
    public static final int END = Integer.MIN_VALUE;

    /** Names held before starting over: hostile input with ever new names must not grow this. */
    private static final int MAX_NAMES = 1024;

    private byte[][] names = new byte[16][];
    private ExpectedBytes[] quotedNames = new ExpectedBytes[16];
    private int[] slots = new int[16];
    private int size;
    private int cursor;
    private RowEventListener listener;

    /**
     * Moves the scanner, inside an object of columns, onto the next column name and returns the
     * listener's slot for it as {@link #slotOf} does, or {@link #END} when the object ends instead.
     * The name after the last one found is expected, and costs a single comparison.
     */
    public int nextSlot(JsonScanner s, RowEventListener forListener)
            throws MalformedMessageException {
        useListener(forListener);
        if (size > 0) {
            int k = cursor;
            ExpectedBytes expected = quotedNames[k];
            if (expected != null && s.nextNameIs(expected)) {
                cursor = k + 1 == size ? 0 : k + 1;
                return slots[k];
            }
        }
        return s.next() == JsonScanner.Token.FIELD_NAME ? slotOf(s, forListener) : END;
    }

    /** The listener's slot for the current name, or a negative number when it is not needed. */
    public int slotOf(JsonScanner s, RowEventListener forListener) {
        useListener(forListener);
        if (s.isEscaped()) {
            return listener.columnSlot(s.text());
        }
        byte[] bytes = s.bytes();
        int start = s.textStart();
        int end = s.textEnd();
        for (int n = 0; n < size; n++) {
            int k = cursor + n < size ? cursor + n : cursor + n - size;
            if (sameBytes(names[k], bytes, start, end)) {
                cursor = k + 1 == size ? 0 : k + 1;
                return slots[k];
            }
        }
        int slot =
                listener.columnSlot(new String(bytes, start, end - start, StandardCharsets.UTF_8));
        add(Arrays.copyOfRange(bytes, start, end), slot);
        return slot;
    }

    private void useListener(RowEventListener forListener) {
        if (forListener != listener) {
            listener = forListener;
            size = 0;
            cursor = 0;
        }
    }

    /** A plain loop: names are short, and most differ in length or in their first bytes. */
    private static boolean sameBytes(byte[] name, byte[] bytes, int start, int end) {
        if (name.length != end - start) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (name[i] != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }

    private void add(byte[] name, int slot) {
        if (size == MAX_NAMES) {
            size = 0;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            quotedNames = Arrays.copyOf(quotedNames, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        names[size] = name;
        quotedNames[size] = ExpectedBytes.fieldName(name, 0, name.length);
        slots[size] = slot;
        size++;
        // The name after the newest is the first one: a new table's columns come in its order.
        cursor = 0;
    }
}
