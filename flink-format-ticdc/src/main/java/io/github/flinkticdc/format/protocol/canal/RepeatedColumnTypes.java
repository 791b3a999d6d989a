package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.RepeatedValue;
import io.github.flinkticdc.format.protocol.RowEventListener;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What the last {@code mysqlType} object gave a listener: which of its slots it typed and the
 * column types it reported. When the next message's object has the same bytes, as every message of
 * a table does, it is passed over and the same is reported again without reading it.
 */
final class RepeatedColumnTypes {

    private final RepeatedValue bytes = new RepeatedValue();
    private RowEventListener listener;
    private int[] slots = new int[16];
    private ColumnType[] types = new ColumnType[16];
    private int count;

    /**
     * Passes over the object the scanner stands at the start of, and reports its types to {@code
     * forListener} again, if it repeats the last one read for that listener.
     *
     * @return whether it did; if not, the object is to be read, each slot {@link #record}ed, and
     *     {@link #keep} called at its end
     */
    boolean replay(JsonScanner s, RowEventListener forListener, BitSet typedSlots) {
        if (forListener != listener) {
            listener = forListener;
            bytes.forget();
        }
        if (!bytes.skipIfRepeated(s)) {
            count = 0;
            return false;
        }
        for (int i = 0; i < count; i++) {
            typedSlots.set(slots[i]);
            if (types[i] != null) {
                listener.onColumnType(slots[i], types[i]);
            }
        }
        return true;
    }

    /** A slot the object types, with the type reported for it, or null when none was. */
    void record(int slot, ColumnType type) {
        if (count == slots.length) {
            slots = Arrays.copyOf(slots, count * 2);
            types = Arrays.copyOf(types, count * 2);
        }
        slots[count] = slot;
        types[count] = type;
        count++;
    }

    /** The object has been read; the scanner stands on its end. */
    void keep(JsonScanner s) {
        bytes.keep(s);
    }
}
