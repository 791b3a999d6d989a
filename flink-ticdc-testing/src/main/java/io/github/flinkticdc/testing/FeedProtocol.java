package io.github.flinkticdc.testing;

import java.util.List;
import java.util.Map;

/**
 * How one TiCDC protocol encodes a changefeed's events and packs them into Kafka records: what
 * {@link TiCdcChangefeed} needs of a writer.
 */
interface FeedProtocol {

    Encoded insert(TiDbTable table, long commitTs, Map<String, String> row);

    Encoded update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after);

    Encoded delete(TiDbTable table, long commitTs, Map<String, String> row);

    /** A DDL; {@code table} is empty for schema-level DDL. */
    Encoded ddl(String database, String table, CanalDdlType type, String sql, long commitTs);

    /**
     * A table-level DDL that changes {@code before} into {@code after}, for a protocol whose DDL
     * messages carry the table's schemas; the others write it as {@link #ddl(String, String,
     * CanalDdlType, String, long)}.
     */
    default Encoded tableDdl(
            TiDbTable before, TiDbTable after, CanalDdlType type, String sql, long commitTs) {
        return ddl(before.database(), before.name(), type, sql, commitTs);
    }

    /** A watermark / resolved event, or null when this configuration of TiCDC sends none. */
    Encoded watermark(long ts);

    /**
     * The message TiCDC sends in the place of a row event it stored as a claim-check object: the
     * event with only its handle-key columns, naming the object's location.
     */
    default Encoded claimCheckMessage(Encoded event, List<String> handleKey, String location) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no claim-check");
    }

    /** Whether TiCDC sends each DDL to every partition (else to partition 0 only). */
    boolean ddlToEveryPartition();

    /** Packs the events of one partition, in order, into records. */
    List<Record> records(List<TiCdcChangefeed.Event> events);

    /** One event as the protocol writes it: its key (null for canal-json) and value. */
    final class Encoded {
        final byte[] key;
        final byte[] value;

        Encoded(byte[] key, byte[] value) {
            this.key = key;
            this.value = value;
        }
    }

    /** One Kafka record and how many of the events given to {@link #records} it holds. */
    final class Record {
        final byte[] key;
        final byte[] value;
        final int events;

        Record(byte[] key, byte[] value, int events) {
            this.key = key;
            this.value = value;
            this.events = events;
        }
    }
}
