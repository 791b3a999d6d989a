package io.github.flinkticdc.testing;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.util.ArrayList;
import java.util.List;

/** Applies a Flink changelog to get the table it describes. */
public final class Changelog {

    private Changelog() {}

    /**
     * The rows left after applying every change in order: {@code +I}/{@code +U} add a row, {@code
     * -U}/{@code -D} remove an equal one (which must be there). The returned rows are {@code +I}
     * and keep the order in which they were added.
     */
    public static List<Row> materialize(List<Row> changelog) {
        List<Row> table = new ArrayList<>();
        for (Row change : changelog) {
            Row row = Row.copy(change);
            row.setKind(RowKind.INSERT);
            switch (change.getKind()) {
                case INSERT:
                case UPDATE_AFTER:
                    table.add(row);
                    break;
                case UPDATE_BEFORE:
                case DELETE:
                    if (!table.remove(row)) {
                        throw new IllegalStateException(
                                "Changelog retracts a row it never added: " + change);
                    }
                    break;
                default:
                    throw new IllegalStateException("Unknown row kind in " + change);
            }
        }
        return table;
    }
}
