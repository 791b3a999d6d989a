package io.github.flinkticdc.benchmarks.endtoend;

import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import java.util.Map;

/**
 * One row change of a TiDB transaction on {@link OrdersTable}, kept apart from any changefeed so
 * that the same change can be written in both protocols.
 */
final class RowChange {

    /** What the change does to the row. */
    enum Kind {
        INSERT,
        UPDATE,
        DELETE
    }

    final Kind kind;
    private final long id;
    private final Map<String, String> values;

    private RowChange(Kind kind, long id, Map<String, String> values) {
        this.kind = kind;
        this.id = id;
        this.values = values;
    }

    static RowChange insert(Map<String, String> row) {
        return new RowChange(Kind.INSERT, Long.parseLong(row.get("id")), row);
    }

    static RowChange update(long id, Map<String, String> changes) {
        return new RowChange(Kind.UPDATE, id, changes);
    }

    static RowChange delete(long id) {
        return new RowChange(Kind.DELETE, id, null);
    }

    /** Does this change in a transaction of a changefeed. */
    void applyTo(TiCdcChangefeed.Transaction tx) {
        switch (kind) {
            case INSERT:
                tx.insert(OrdersTable.TABLE, values);
                break;
            case UPDATE:
                tx.update(OrdersTable.TABLE, TiDbTable.key(id), values);
                break;
            default:
                tx.delete(OrdersTable.TABLE, TiDbTable.key(id));
        }
    }
}
