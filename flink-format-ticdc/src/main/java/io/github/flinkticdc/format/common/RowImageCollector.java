package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.convert.ValueConversionException;
import io.github.flinkticdc.format.convert.ValueConverter;
import io.github.flinkticdc.format.convert.ValueConverters;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts the values of one TiCDC row event straight into the rows to emit: only the requested
 * columns, each by the converter chosen for its declared type. The rows are sized for the metadata
 * columns that follow the physical ones.
 */
@Internal
public final class RowImageCollector implements RowEventListener {

    private static final int MAX_VALUE_CHARS = 80;

    private final List<String> columnNames;
    private final RowType rowType;
    private final Map<String, Integer> slots = new HashMap<>();
    private final ValueConverter[] converters;
    private final ColumnType[] types;
    private final boolean[] typeNeeded;
    private final DeclaredType[] declared;
    private Function<String, String> typeNames = column -> null;
    private final boolean[] inNewImage;
    private final boolean[] inOldImage;
    private final int arity;
    private final TableFilter filter;

    private GenericRowData newRow;
    private GenericRowData oldRow;

    public RowImageCollector(
            RowType rowType, ValueConverter[] converters, int metadataCount, TableFilter filter) {
        this.rowType = rowType;
        this.columnNames = rowType.getFieldNames();
        for (int i = 0; i < columnNames.size(); i++) {
            slots.put(columnNames.get(i), i);
        }
        this.converters = converters;
        this.types = new ColumnType[converters.length];
        this.typeNeeded = new boolean[converters.length];
        for (int i = 0; i < typeNeeded.length; i++) {
            typeNeeded[i] = ValueConverters.readsColumnType(rowType.getTypeAt(i));
        }
        this.declared = new DeclaredType[converters.length];
        for (int i = 0; i < declared.length; i++) {
            declared[i] = DeclaredTypes.of(rowType.getTypeAt(i));
        }
        this.inNewImage = new boolean[converters.length];
        this.inOldImage = new boolean[converters.length];
        this.arity = converters.length + metadataCount;
        this.filter = filter;
    }

    /**
     * Where an error message finds the TiDB type of a column whose type was not read (see {@link
     * #needsColumnType}): column name to type name, or null.
     */
    public void setTypeNames(Function<String, String> typeNames) {
        this.typeNames = typeNames;
    }

    /** Forgets the previous message. */
    public void reset() {
        newRow = null;
        oldRow = null;
        Arrays.fill(types, ColumnType.UNKNOWN);
        Arrays.fill(inNewImage, false);
        Arrays.fill(inOldImage, false);
    }

    @Override
    public void restartRow() {
        reset();
    }

    @Override
    public boolean acceptRows(String database, String table) {
        return filter.accepts(database, table);
    }

    @Override
    public int columnSlot(String column) {
        Integer slot = slots.get(column);
        return slot == null ? -1 : slot;
    }

    @Override
    public boolean needsColumnType(int slot) {
        return typeNeeded[slot];
    }

    @Override
    public DeclaredType declaration(int slot) {
        return declared[slot];
    }

    @Override
    public void onColumnType(int slot, ColumnType type) {
        types[slot] = type;
    }

    /**
     * {@inheritDoc}
     *
     * @throws MalformedMessageException also for a column given twice in one image, which TiCDC
     *     never writes: which of the two values is meant cannot be known
     */
    @Override
    public void onValue(RowImage image, int slot, CharSequence text)
            throws MalformedMessageException {
        boolean[] seen = image == RowImage.NEW ? inNewImage : inOldImage;
        if (seen[slot]) {
            throw new MalformedMessageException(
                    "column '"
                            + columnNames.get(slot)
                            + "' appears twice in one row image; TiCDC writes each column once");
        }
        seen[slot] = true;
        Object value = text == null ? null : convert(slot, text);
        if (image == RowImage.NEW) {
            newRow().setField(slot, value);
        } else {
            oldRow().setField(slot, value);
        }
    }

    /** The new image: the row after an INSERT or UPDATE, the deleted row of a DELETE. */
    public GenericRowData newImage() {
        return newRow();
    }

    /** The row before an UPDATE: the old image, completed with the new values it omits. */
    public GenericRowData oldImage() {
        GenericRowData before = oldRow();
        GenericRowData after = newRow();
        for (int slot = 0; slot < inOldImage.length; slot++) {
            if (!inOldImage[slot]) {
                before.setField(slot, after.getField(slot));
            }
        }
        return before;
    }

    private Object convert(int slot, CharSequence text) throws MalformedMessageException {
        try {
            return converters[slot].convert(text, types[slot]);
        } catch (ValueConversionException e) {
            throw new MalformedMessageException(
                    String.format(
                            "column '%s' (TiCDC type '%s', declared %s): value '%s' %s",
                            columnNames.get(slot),
                            typeName(slot),
                            rowType.getTypeAt(slot).asSummaryString(),
                            MessageExcerpt.truncate(text.toString(), MAX_VALUE_CHARS),
                            e.getMessage()));
        }
    }

    /** The column's TiDB type for an error message; looked up only when it was not read. */
    private String typeName(int slot) {
        if (types[slot] != ColumnType.UNKNOWN) {
            return types[slot].name();
        }
        String name = typeNames.apply(columnNames.get(slot));
        return name == null ? ColumnType.UNKNOWN.name() : name;
    }

    private GenericRowData newRow() {
        if (newRow == null) {
            newRow = new GenericRowData(arity);
        }
        return newRow;
    }

    private GenericRowData oldRow() {
        if (oldRow == null) {
            oldRow = new GenericRowData(arity);
        }
        return oldRow;
    }
}
