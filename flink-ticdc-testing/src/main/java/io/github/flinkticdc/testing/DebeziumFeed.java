package io.github.flinkticdc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TiCDC's debezium protocol: one event per record, the key the row's primary key; DDLs and
 * watermarks ({@code op} m) go to every partition.
 */
final class DebeziumFeed implements FeedProtocol {

    private final DebeziumWriter writer;

    DebeziumFeed(DebeziumWriter writer) {
        this.writer = writer;
    }

    @Override
    public Encoded insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return new Encoded(writer.key(table, row), writer.insert(table, commitTs, row));
    }

    @Override
    public Encoded update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return new Encoded(writer.key(table, after), writer.update(table, commitTs, before, after));
    }

    @Override
    public Encoded delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return new Encoded(writer.key(table, row), writer.delete(table, commitTs, row));
    }

    @Override
    public Encoded ddl(
            String database, String table, CanalDdlType type, String sql, long commitTs) {
        return new Encoded(
                writer.ddlKey(database), writer.ddl(database, table, type, sql, commitTs));
    }

    @Override
    public Encoded watermark(long ts) {
        return writer.tidbExtension()
                ? new Encoded(writer.watermarkKey(), writer.watermark(ts))
                : null;
    }

    @Override
    public boolean ddlToEveryPartition() {
        return true;
    }

    @Override
    public List<Record> records(List<TiCdcChangefeed.Event> events) {
        List<Record> records = new ArrayList<>(events.size());
        for (TiCdcChangefeed.Event e : events) {
            records.add(new Record(e.key(), e.value(), 1));
        }
        return records;
    }
}
