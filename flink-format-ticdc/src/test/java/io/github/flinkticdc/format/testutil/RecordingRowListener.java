package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what a protocol parser reports to a {@link RowEventListener}, so that parser tests of
 * every protocol assert on the same record: the calls in order, the values of each image written as
 * the sample expectations write them (text as is, binary values as {@code hex:...}) and the column
 * types.
 */
public final class RecordingRowListener implements RowEventListener {

    /** The columns to give a slot to; null for all. */
    private final Set<String> wanted;

    private boolean accept = true;
    private final Map<String, DeclaredType> declarations = new HashMap<>();

    /**
     * What was reported, in order, e.g. {@code accept s.t}, {@code type a}, {@code value NEW a}.
     */
    public final List<String> calls = new ArrayList<>();

    public final Map<String, String> newImage = new LinkedHashMap<>();
    public final Map<String, String> oldImage = new LinkedHashMap<>();
    public final Map<String, ColumnType> types = new HashMap<>();
    private final List<String> slotNames = new ArrayList<>();

    /** A listener that gives every column a slot. */
    public RecordingRowListener() {
        this(null);
    }

    /** A listener that gives only the {@code wanted} columns a slot. */
    public RecordingRowListener(Set<String> wanted) {
        this.wanted = wanted;
    }

    /** Makes {@link #acceptRows} refuse the rows, as for a table the consumer filters out. */
    public void refuseRows() {
        accept = false;
    }

    /** Makes {@link #declaration} say BYTES for these columns, as for columns declared so. */
    public RecordingRowListener readAsBytes(String... columns) {
        for (String column : columns) {
            declared(column, DeclaredType.of(DeclaredType.Kind.BYTES));
        }
        return this;
    }

    /** Makes {@link #declaration} give {@code type} for {@code column}. */
    public RecordingRowListener declared(String column, DeclaredType type) {
        declarations.put(column, type);
        return this;
    }

    @Override
    public DeclaredType declaration(int slot) {
        return declarations.get(slotNames.get(slot));
    }

    /** Forgets what was reported, to read the next event. */
    public void clear() {
        calls.clear();
        newImage.clear();
        oldImage.clear();
        types.clear();
    }

    /** Forgets the images, as the decoder's collector does; the calls stay, to be checked. */
    @Override
    public void restartRow() {
        calls.add("restart");
        newImage.clear();
        oldImage.clear();
        types.clear();
    }

    @Override
    public boolean acceptRows(String database, String table) {
        calls.add("accept " + database + "." + table);
        return accept;
    }

    @Override
    public int columnSlot(String column) {
        if (wanted != null && !wanted.contains(column)) {
            return -1;
        }
        int slot = slotNames.indexOf(column);
        if (slot < 0) {
            slotNames.add(column);
            slot = slotNames.size() - 1;
        }
        return slot;
    }

    @Override
    public boolean needsColumnType(int slot) {
        return true;
    }

    @Override
    public void onColumnType(int slot, ColumnType type) {
        calls.add("type " + slotNames.get(slot));
        types.put(slotNames.get(slot), type);
    }

    @Override
    public void onValue(RowImage image, int slot, CharSequence value) {
        String text = value == null ? null : value.toString();
        String column = slotNames.get(slot);
        calls.add("value " + image + " " + column);
        (image == RowImage.NEW ? newImage : oldImage).put(column, display(text, types.get(column)));
    }

    /** The before image of an UPDATE: the new values, overlaid with the old image's. */
    public Map<String, String> before() {
        Map<String, String> before = new LinkedHashMap<>(newImage);
        before.putAll(oldImage);
        return before;
    }

    /**
     * The rows a Flink changelog gets from the event read, as {@code [kind, values]} pairs with the
     * kind as Flink names it, as the samples' expectations write them.
     */
    public List<List<Object>> changelogRows(ChangeKind kind) {
        List<List<Object>> rows = new ArrayList<>();
        switch (kind) {
            case INSERT:
                rows.add(List.of("INSERT", newImage));
                break;
            case UPDATE:
                rows.add(List.of("UPDATE_BEFORE", before()));
                rows.add(List.of("UPDATE_AFTER", newImage));
                break;
            default:
                rows.add(List.of("DELETE", newImage));
        }
        return rows;
    }

    private static String display(String text, ColumnType type) {
        if (text == null || type.kind() != ColumnType.Kind.BINARY) {
            return text;
        }
        return "hex:" + Hex.of(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
