package io.github.flinkticdc.format.protocol;

import java.util.List;
import java.util.Map;

/**
 * One row change as a protocol reader decoded it: which table, what change and when it was
 * committed. Its row images went to the {@link RowEventListener} the reader was given. Readers
 * reuse one instance for every event: copy what must outlive the event.
 *
 * <p>The first five items are what every protocol must say (or say that it lacks). The others are
 * details of the source message that only some protocols carry; the defaults answer null, and a
 * protocol that carries one overrides it.
 */
public interface RowChange {

    /** The TiDB database (schema) name. */
    String database();

    /** The TiDB table name. */
    String table();

    /** The change; for rows sent without their old image, see {@link ChangeKind}. */
    ChangeKind kind();

    /**
     * The commit TSO of the row's transaction, or null when the message has none (canal-json
     * without TiCDC's {@code enable-tidb-extension}).
     */
    Long commitTs();

    /** The physical table id of a partitioned table's partition, where the protocol sends it. */
    Long tablePartitionId();

    /**
     * The commit's physical time in epoch milliseconds as the message writes it (canal {@code es}).
     */
    default Long eventTimeMillis() {
        return null;
    }

    /** When TiCDC encoded the message, epoch milliseconds (canal {@code ts}). */
    default Long encodeTimeMillis() {
        return null;
    }

    /** The primary key's column names. */
    default List<String> pkNames() {
        return null;
    }

    /** Column to java.sql.Types code (canal {@code sqlType}). */
    default Map<String, Integer> sqlTypes() {
        return null;
    }

    /** Column to MySQL type (canal {@code mysqlType}). */
    default Map<String, String> mysqlTypes() {
        return null;
    }
}
