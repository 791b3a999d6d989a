package io.github.flinkticdc.format.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a TiCDC row event says about itself besides its row images, in the same terms for every
 * protocol. A protocol that does not carry an item returns null for it.
 */
public interface EventHeader {

    /** The TiDB database (schema) name. */
    String database();

    /** The TiDB table name. */
    String table();

    /** {@code INSERT}, {@code UPDATE} or {@code DELETE}. */
    String eventType();

    /** The commit TSO of the event's transaction, or null when the message has none. */
    Long commitTs();

    /**
     * The commit's physical time in epoch milliseconds as the message writes it (canal {@code es}).
     */
    Long eventTimeMillis();

    /** When TiCDC encoded the message, epoch milliseconds (canal {@code ts}). */
    Long encodeTimeMillis();

    /** The primary key's column names. */
    List<String> pkNames();

    /** Column to java.sql.Types code (canal {@code sqlType}). */
    Map<String, Integer> sqlTypes();

    /** Column to MySQL type (canal {@code mysqlType}). */
    Map<String, String> mysqlTypes();

    /** The physical partition id of a partitioned table (open protocol {@code ptn}). */
    Long tablePartitionId();
}
