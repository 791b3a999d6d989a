package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.EventHeader;

import java.util.List;
import java.util.Map;

/**
 * An Open Protocol row event as an {@link EventHeader}: its key and the change its images show. The
 * protocol carries no encode time, primary-key list or MySQL types. Reused for every event.
 */
public final class OpenProtocolEventHeader implements EventHeader {

    private OpenProtocolKey key;
    private OpenProtocolRowKind kind;

    /** Points the header at the current event. */
    public void set(OpenProtocolKey key, OpenProtocolRowKind kind) {
        this.key = key;
        this.kind = kind;
    }

    @Override
    public String database() {
        return key.schema();
    }

    @Override
    public String table() {
        return key.table();
    }

    @Override
    public String eventType() {
        return kind.name();
    }

    @Override
    public Long commitTs() {
        return key.ts();
    }

    @Override
    public Long eventTimeMillis() {
        return null;
    }

    @Override
    public Long encodeTimeMillis() {
        return null;
    }

    @Override
    public List<String> pkNames() {
        return null;
    }

    @Override
    public Map<String, Integer> sqlTypes() {
        return null;
    }

    @Override
    public Map<String, String> mysqlTypes() {
        return null;
    }

    @Override
    public Long tablePartitionId() {
        return key.partitionId();
    }
}
