package io.github.flinkticdc.benchmarks;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;

/**
 * A row of one declared type as a plain {@link GenericRowData} of a type with some of its columns
 * (by name), so that rows of different decoders, of different {@link RowData} classes and of
 * different declared rows, compare with {@code equals}.
 */
final class RowProjection {

    private final RowData.FieldGetter[] getters;

    RowProjection(RowType from, RowType to) {
        List<String> names = from.getFieldNames();
        getters = new RowData.FieldGetter[to.getFieldCount()];
        for (int i = 0; i < getters.length; i++) {
            int index = names.indexOf(to.getFieldNames().get(i));
            if (index < 0) {
                throw new IllegalArgumentException(
                        "No column " + to.getFieldNames().get(i) + " in " + from);
            }
            getters[i] = RowData.createFieldGetter(from.getTypeAt(index), index);
        }
    }

    GenericRowData apply(RowData row) {
        GenericRowData projected = new GenericRowData(row.getRowKind(), getters.length);
        for (int i = 0; i < getters.length; i++) {
            projected.setField(i, getters[i].getFieldOrNull(row));
        }
        return projected;
    }
}
