package io.github.flinkticdc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** canal-json: one event per record value, no key; DDLs to partition 0. */
final class CanalJsonFeed implements FeedProtocol {

    private final CanalJsonWriter writer;

    CanalJsonFeed(CanalJsonWriter writer) {
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
        return new Encoded(null, writer.ddl(database, table, type, sql, commitTs));
    }

    @Override
    public Encoded watermark(long ts) {
        return writer.tidbExtension() ? new Encoded(null, writer.watermark(ts)) : null;
    }

    @Override
    public Encoded claimCheckMessage(Encoded event, List<String> handleKey, String location) {
        return new Encoded(null, ClaimCheckMessages.canalJson(event.value, handleKey, location));
    }

    @Override
    public boolean ddlToEveryPartition() {
        return false;
    }

    @Override
    public List<Record> records(List<TiCdcChangefeed.Event> events) {
        List<Record> records = new ArrayList<>(events.size());
        for (TiCdcChangefeed.Event e : events) {
            records.add(new Record(null, e.value(), 1));
        }
        return records;
    }
}
