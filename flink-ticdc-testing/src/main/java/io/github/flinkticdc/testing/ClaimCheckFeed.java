package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import java.util.List;
import java.util.Map;

/**
 * A changefeed's protocol with TiCDC's {@code large-message-handle-option = claim-check}: every
 * n-th row event counts as too large, so its full encoding goes to the storage and the topic gets
 * the protocol's claim-check message in its place.
 */
final class ClaimCheckFeed implements FeedProtocol {

    private final FeedProtocol protocol;
    private final ClaimCheckStorage storage;
    private final int everyNthRow;
    private int rows;

    ClaimCheckFeed(FeedProtocol protocol, ClaimCheckStorage storage, int everyNthRow) {
        this.protocol = protocol;
        this.storage = storage;
        this.everyNthRow = everyNthRow;
    }

    @Override
    public Encoded insert(TiDbTable table, long commitTs, Map<String, String> row) {
        return maybeStored(table, protocol.insert(table, commitTs, row));
    }

    @Override
    public Encoded update(
            TiDbTable table, long commitTs, Map<String, String> before, Map<String, String> after) {
        return maybeStored(table, protocol.update(table, commitTs, before, after));
    }

    @Override
    public Encoded delete(TiDbTable table, long commitTs, Map<String, String> row) {
        return maybeStored(table, protocol.delete(table, commitTs, row));
    }

    @Override
    public Encoded ddl(
            String database, String table, CanalDdlType type, String sql, long commitTs) {
        return protocol.ddl(database, table, type, sql, commitTs);
    }

    @Override
    public Encoded watermark(long ts) {
        return protocol.watermark(ts);
    }

    @Override
    public boolean ddlToEveryPartition() {
        return protocol.ddlToEveryPartition();
    }

    @Override
    public List<Record> records(List<TiCdcChangefeed.Event> events) {
        return protocol.records(events);
    }

    private Encoded maybeStored(TiDbTable table, Encoded event) {
        if (++rows % everyNthRow != 0) {
            return event;
        }
        // canal-json and simple records have no key; an Open Protocol event is its key and value.
        String location =
                event.key == null
                        ? storage.storeValue(event.value, PayloadCompression.NONE)
                        : storage.storeOpenProtocolEvent(
                                event.key, event.value, PayloadCompression.NONE);
        return protocol.claimCheckMessage(event, table.pkNames(), location);
    }
}
