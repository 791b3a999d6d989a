package io.github.flinkticdc.benchmarks;

import java.util.Map;

/**
 * One row event of a TiDB transaction, before any protocol encodes it: the rows as text, the way
 * the testing module's writers take them.
 */
final class Change {

    enum Type {
        INSERT,
        UPDATE,
        DELETE
    }

    final Type type;
    final long commitTs;

    /** The row before an UPDATE; null otherwise. */
    final Map<String, String> before;

    /** The row after an INSERT or UPDATE, or the deleted row. */
    final Map<String, String> row;

    Change(Type type, long commitTs, Map<String, String> before, Map<String, String> row) {
        this.type = type;
        this.commitTs = commitTs;
        this.before = before;
        this.row = row;
    }
}
