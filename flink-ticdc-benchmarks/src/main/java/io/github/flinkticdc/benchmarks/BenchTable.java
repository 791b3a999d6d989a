package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A TiDB table of the benchmarks: its shape for the testing module's writers, the rows a job
 * declares for it (every column, only the columns Flink's {@code canal-json} reads alike, a
 * projection), and deterministic rows and updates. The first column is the primary key. Immutable.
 */
final class BenchTable {

    private final List<BenchColumn> columns;
    private final TiDbTable tidb;

    BenchTable(String database, String name, List<BenchColumn> columns) {
        this.columns = List.copyOf(columns);
        TiDbTable table = TiDbTable.of(database, name);
        for (int i = 0; i < columns.size(); i++) {
            BenchColumn c = columns.get(i);
            table =
                    i == 0
                            ? table.pk(c.name(), c.mysqlType())
                            : table.column(c.name(), c.mysqlType());
        }
        this.tidb = table;
    }

    TiDbTable tidb() {
        return tidb;
    }

    int columnCount() {
        return columns.size();
    }

    /** Every column, in table order. */
    RowType rowType() {
        return rowType(c -> true);
    }

    /** The columns Flink's canal-json reads into the same values as ours, in table order. */
    RowType flinkRowType() {
        return rowType(BenchColumn::flinkReadsAlike);
    }

    /** The named columns, in table order. */
    RowType rowType(List<String> names) {
        for (String name : names) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException(tidb.qualifiedName() + " has no column " + name);
            }
        }
        return rowType(c -> names.contains(c.name()));
    }

    /** A new row with primary key {@code id}. */
    Map<String, String> newRow(Random random, long id) {
        Object[] values = new Object[columns.size()];
        values[0] = id;
        for (int i = 1; i < values.length; i++) {
            values[i] = columns.get(i).nextValue(random, id);
        }
        return tidb.row(values);
    }

    /** {@code before} after an UPDATE that gives every column it changes a new value. */
    Map<String, String> updated(Random random, Map<String, String> before) {
        long id = Long.parseLong(before.get(columns.get(0).name()));
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            BenchColumn c = columns.get(i);
            values[i] = c.isChangedByUpdate() ? c.nextValue(random, id) : before.get(c.name());
        }
        return new LinkedHashMap<>(tidb.row(values));
    }

    private RowType rowType(Predicate<BenchColumn> declared) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (BenchColumn c : columns) {
            if (declared.test(c)) {
                fields.add(c.field());
            }
        }
        return (RowType)
                DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).notNull().getLogicalType();
    }
}
