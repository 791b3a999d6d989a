package io.github.flinkticdc.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simple protocol: one event per record value, no key; DDLs and watermarks to every partition;
 * a BOOTSTRAP of each table before its first row in each batch of records sent, as TiCDC sends them
 * at start and then periodically.
 */
final class SimpleFeed implements FeedProtocol {

    private final SimpleWriter writer;

    SimpleFeed(SimpleWriter writer) {
        this.writer = writer;
    }

    @Override
    public Encoded insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return new Encoded(null, writer.insert(table, commitTs, row));
    }

    @Override
    public Encoded update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return new Encoded(null, writer.update(table, commitTs, before, after));
    }

    @Override
    public Encoded delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return new Encoded(null, writer.delete(table, commitTs, row));
    }

    @Override
    public Encoded ddl(
            String database, String table, CanalDdlType type, String sql, long commitTs) {
        return new Encoded(null, writer.ddl(type, sql, commitTs));
    }

    /** TiCDC's DDL message names the table's schema before and after it. */
    @Override
    public Encoded tableDdl(
            TiDbTable before, TiDbTable after, CanalDdlType type, String sql, long commitTs) {
        return new Encoded(null, writer.tableDdl(before, after, type, sql, commitTs));
    }

    @Override
    public Encoded watermark(long ts) {
        return new Encoded(null, writer.watermark(ts));
    }

    @Override
    public Encoded claimCheckMessage(Encoded event, List<String> handleKey, String location) {
        return new Encoded(null, ClaimCheckMessages.simple(event.value, handleKey, location));
    }

    @Override
    public boolean ddlToEveryPartition() {
        return true;
    }

    @Override
    public List<Record> records(List<TiCdcChangefeed.Event> events) {
        List<Record> records = new ArrayList<>(events.size());
        Set<TiDbTable> bootstrapped = new HashSet<>();
        for (TiCdcChangefeed.Event e : events) {
            if (e.isRow() && bootstrapped.add(e.table())) {
                records.add(new Record(null, writer.bootstrap(e.table()), 0));
            }
            records.add(new Record(null, e.value(), 1));
        }
        return records;
    }
}
