package io.github.flinkticdc.format.fuzz;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares decoded rows with expected ones field by field (through Flink's field getters, so any
 * {@link RowData} implementation works), naming the first difference.
 */
final class RowComparison {

    private final List<String> names;
    private final RowData.FieldGetter[] getters;

    /** Rows of the table's columns followed by the commit-ts metadata column. */
    RowComparison(TypedTable table) {
        names = new ArrayList<>(table.rowType.getFieldNames());
        names.add("commit-ts");
        List<LogicalType> types = new ArrayList<>(table.rowType.getChildren());
        types.add(new BigIntType());
        getters = new RowData.FieldGetter[types.size()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(types.get(i).copy(true), i);
        }
    }

    /** The first difference, or null when the rows are the expected ones. */
    String difference(List<? extends RowData> expected, List<RowData> actual) {
        if (expected.size() != actual.size()) {
            return "expected "
                    + expected.size()
                    + " rows, decoded "
                    + actual.size()
                    + ":\n"
                    + "expected "
                    + render(expected)
                    + "\ndecoded  "
                    + render(actual);
        }
        for (int r = 0; r < expected.size(); r++) {
            RowData e = expected.get(r);
            RowData a = actual.get(r);
            if (e.getRowKind() != a.getRowKind()) {
                return "row " + r + ": kind " + a.getRowKind() + ", expected " + e.getRowKind();
            }
            if (a.getArity() != getters.length) {
                return "row " + r + ": arity " + a.getArity() + ", expected " + getters.length;
            }
            for (int f = 0; f < getters.length; f++) {
                Object ev = getters[f].getFieldOrNull(e);
                Object av = getters[f].getFieldOrNull(a);
                if (!Objects.deepEquals(ev, av)) {
                    return "row "
                            + r
                            + " ("
                            + e.getRowKind()
                            + ") column "
                            + names.get(f)
                            + ": decoded "
                            + show(av)
                            + ", expected "
                            + show(ev);
                }
            }
        }
        return null;
    }

    String render(List<? extends RowData> rows) {
        StringBuilder s = new StringBuilder("[");
        for (RowData row : rows) {
            s.append(row.getRowKind().shortString()).append('(');
            for (int f = 0; f < Math.min(getters.length, row.getArity()); f++) {
                s.append(f == 0 ? "" : ", ").append(show(getters[f].getFieldOrNull(row)));
            }
            s.append(") ");
        }
        return s.append(']').toString();
    }

    static String show(Object o) {
        return o instanceof byte[] ? Arrays.toString((byte[]) o) : String.valueOf(o);
    }
}
