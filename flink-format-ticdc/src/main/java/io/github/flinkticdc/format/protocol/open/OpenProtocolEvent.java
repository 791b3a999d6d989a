package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

/**
 * The current event of an {@link OpenProtocolRecordReader} as a {@link RowChange} or a {@link
 * DdlEvent}: its key with the change its images show, or with its DDL. The protocol carries no
 * encode time, primary-key list or MySQL types.
 */
final class OpenProtocolEvent implements RowChange, DdlEvent {

    private final OpenProtocolKey key;
    private final OpenProtocolDdl ddl;
    ChangeKind kind;

    OpenProtocolEvent(OpenProtocolKey key, OpenProtocolDdl ddl) {
        this.key = key;
        this.ddl = ddl;
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
    public ChangeKind kind() {
        return kind;
    }

    @Override
    public Long commitTs() {
        return key.ts();
    }

    @Override
    public Long tablePartitionId() {
        return key.partitionId();
    }

    @Override
    public String ddlType() {
        return "action type " + ddl.actionType();
    }

    @Override
    public String query() {
        return ddl.query();
    }
}
