package io.github.flinkticdc.examples.datastream;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.util.function.IntFunction;

/**
 * The columns of TiDB's {@code shop.orders} that the DataStream examples read, and the line they
 * print for each change.
 */
public final class Orders {

    /**
     * The physical columns, matched to the TiDB columns by name; columns TiDB has and this does not
     * name are not decoded. The primary key is among them: the exactly-once changelog tells TiCDC's
     * second copy of a change from another change by these columns.
     */
    public static final RowType COLUMNS =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("customer_id", DataTypes.INT()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)),
                                    DataTypes.FIELD("status", DataTypes.STRING()))
                            .getLogicalType();

    /** Where the commit TSO, asked for as metadata, is: right after the physical columns. */
    private static final int COMMIT_TS = COLUMNS.getFieldCount();

    private Orders() {}

    /**
     * One change as a line, e.g. {@code +U order 101 of customer 1: 25.00 PAID (commit ts
     * 454354752774897669)}: its {@link org.apache.flink.types.RowKind} first, since an update is
     * two rows (-U with the old values, +U with the new) and a delete is a -D row.
     */
    public static String describe(RowData row) {
        return String.format(
                "%s order %d of customer %s: %s %s (commit ts %s)",
                row.getRowKind().shortString(),
                row.getLong(0),
                field(row, 1, row::getInt),
                field(row, 2, pos -> row.getDecimal(pos, 10, 2)),
                field(row, 3, row::getString),
                field(row, COMMIT_TS, row::getLong));
    }

    /** RowData's getters do not return null for a NULL field (but 0, or throw): ask first. */
    private static Object field(RowData row, int pos, IntFunction<Object> getter) {
        return row.isNullAt(pos) ? null : getter.apply(pos);
    }
}
