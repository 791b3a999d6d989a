package io.github.flinkticdc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Open Protocol: consecutive row events of a partition share a record, up to the writer's batch
 * size, whatever their table (the format allows it; TiCDC's own example data mixes tables); DDL and
 * resolved events are alone in theirs and go to every partition.
 */
final class OpenProtocolFeed implements FeedProtocol {

    private final OpenProtocolWriter writer;

    OpenProtocolFeed(OpenProtocolWriter writer) {
        this.writer = writer;
    }

    @Override
    public Encoded insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return new Encoded(writer.rowKey(table, commitTs, row), writer.insert(table, row));
    }

    @Override
    public Encoded update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return new Encoded(
                writer.rowKey(table, commitTs, after), writer.update(table, before, after));
    }

    @Override
    public Encoded delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return new Encoded(writer.rowKey(table, commitTs, row), writer.delete(table, row));
    }

    @Override
    public Encoded ddl(
            String database, String table, CanalDdlType type, String sql, long commitTs) {
        return new Encoded(
                writer.ddlKey(database, table, commitTs), writer.ddl(sql, actionType(type, table)));
    }

    @Override
    public Encoded watermark(long ts) {
        return new Encoded(writer.resolvedKey(ts), new byte[0]);
    }

    @Override
    public Encoded claimCheckMessage(Encoded event, List<String> handleKey, String location) {
        return ClaimCheckMessages.openProtocol(event, handleKey, location);
    }

    @Override
    public boolean ddlToEveryPartition() {
        return true;
    }

    @Override
    public List<Record> records(List<TiCdcChangefeed.Event> events) {
        List<Record> records = new ArrayList<>();
        List<TiCdcChangefeed.Event> batch = new ArrayList<>();
        for (TiCdcChangefeed.Event e : events) {
            if (!e.isRow()) {
                flush(batch, records);
                batch.add(e);
                flush(batch, records);
                continue;
            }
            batch.add(e);
            if (batch.size() == writer.maxBatchSize()) {
                flush(batch, records);
            }
        }
        flush(batch, records);
        return records;
    }

    private static void flush(List<TiCdcChangefeed.Event> batch, List<Record> records) {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> keys = new ArrayList<>(batch.size());
        List<byte[]> values = new ArrayList<>(batch.size());
        for (TiCdcChangefeed.Event e : batch) {
            keys.add(e.key());
            values.add(e.value());
        }
        records.add(
                new Record(
                        OpenProtocolWriter.recordKey(keys),
                        OpenProtocolWriter.recordValue(values),
                        batch.size()));
        batch.clear();
    }

    /** TiDB's ActionType for the DDL kinds the changefeed knows (spec §3.6). */
    private static int actionType(CanalDdlType type, String table) {
        switch (type) {
            case CREATE:
                return 3;
            case ERASE:
                return 4;
            case ALTER:
                return 5;
            case CINDEX:
                return 7;
            case DINDEX:
                return 8;
            case TRUNCATE:
                return 11;
            case RENAME:
                return 14;
            default:
                return table.isEmpty() ? 1 : 21;
        }
    }
}
