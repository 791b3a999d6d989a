package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The TiDB database and table a row is written as: its {@code database} / {@code table} metadata
 * column where it has one and it is not NULL, else the configured names. The {@code ticdc-canal}
 * encoder names its messages so, and the {@code ticdc} sink partitions by the same names.
 */
@Internal
public final class TableNames implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String table;
    private final int databasePos;
    private final int tablePos;

    private TableNames(String database, String table, int databasePos, int tablePos) {
        this.database = Objects.requireNonNull(database);
        this.table = Objects.requireNonNull(table);
        this.databasePos = databasePos;
        this.tablePos = tablePos;
    }

    /**
     * @param metadata the writable metadata columns, in the order they follow the physical ones
     * @param physicalColumns how many physical columns come first
     */
    public static TableNames of(
            String database, String table, List<TiCdcMetadata> metadata, int physicalColumns) {
        return new TableNames(
                database,
                table,
                position(metadata, TiCdcMetadata.DATABASE, physicalColumns),
                position(metadata, TiCdcMetadata.TABLE, physicalColumns));
    }

    /** The position of {@code item} in a row, or -1 when the row has no such column. */
    static int position(List<TiCdcMetadata> metadata, TiCdcMetadata item, int physicalColumns) {
        int index = metadata.indexOf(item);
        return index < 0 ? -1 : physicalColumns + index;
    }

    /** The database {@code row} is written as. */
    public String database(RowData row) {
        return nameAt(row, databasePos, database);
    }

    /** The table {@code row} is written as. */
    public String table(RowData row) {
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
