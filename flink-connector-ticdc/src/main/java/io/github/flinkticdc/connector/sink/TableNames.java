package io.github.flinkticdc.connector.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;

import java.io.Serializable;
import java.util.Objects;

/**
 * The TiDB database and table a row is written as: its {@code database} / {@code table} metadata
 * column where it has one and it is not NULL, else the table's names; as the {@code ticdc-canal}
 * encoder names the message.
 */
@Internal
public final class TableNames implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String table;
    private final int databasePos;
    private final int tablePos;

    /**
     * @param databasePos the position of the row's {@code database} column; -1 without one
     * @param tablePos the position of the row's {@code table} column; -1 without one
     */
    public TableNames(String database, String table, int databasePos, int tablePos) {
        this.database = Objects.requireNonNull(database);
        this.table = Objects.requireNonNull(table);
        this.databasePos = databasePos;
        this.tablePos = tablePos;
    }

    String database(RowData row) {
        return nameAt(row, databasePos, database);
    }

    String table(RowData row) {
        return nameAt(row, tablePos, table);
    }

    private static String nameAt(RowData row, int pos, String fallback) {
        return pos < 0 || row.isNullAt(pos) ? fallback : row.getString(pos).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableNames)) {
            return false;
        }
        TableNames that = (TableNames) o;
        return database.equals(that.database)
                && table.equals(that.table)
                && databasePos == that.databasePos
                && tablePos == that.tablePos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(database, table, databasePos, tablePos);
    }
}
