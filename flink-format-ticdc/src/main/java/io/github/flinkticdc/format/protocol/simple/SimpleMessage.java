package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.RowChange;

/**
 * The header of one simple-protocol message: everything but the row images and schemas. A row event
 * is read as its {@link RowChange}, a DDL as its {@link DdlEvent}; one instance is reused for every
 * message.
 */
final class SimpleMessage implements RowChange, DdlEvent {

    /** What the message is; null for a BOOTSTRAP, which only carries a schema. */
    EventType eventType;

    ChangeKind kind;
    String type;
    String database;
    String table;
    String sql;
    Long commitTs;
    Long buildTs;
    Long schemaVersion;
    boolean handleKeyOnly;
    String claimCheckLocation;
    boolean rowsAccepted;

    /** Whether {@code checksum.verify} is on and no image of the row could be verified. */
    boolean checksumUnverified;

    /** The schema of a DDL, or of its table before it, for the DDL's database and table. */
    SimpleTableSchema tableSchema;

    SimpleTableSchema preTableSchema;

    void reset() {
        eventType = null;
        kind = null;
        type = null;
        database = null;
        table = null;
        sql = null;
        commitTs = null;
        buildTs = null;
        schemaVersion = null;
        handleKeyOnly = false;
        claimCheckLocation = null;
        rowsAccepted = false;
        checksumUnverified = false;
        tableSchema = null;
        preTableSchema = null;
    }

    @Override
    public String database() {
        if (eventType == EventType.DDL && database == null) {
            SimpleTableSchema schema = ddlSchema();
            return schema == null ? "" : schema.database();
        }
        return database;
    }

    @Override
    public String table() {
        if (eventType == EventType.DDL && table == null) {
            SimpleTableSchema schema = ddlSchema();
            return schema == null ? "" : schema.table();
        }
        return table;
    }

    /** TiCDC names a DDL's table only in its schemas (none for a database-level DDL). */
    private SimpleTableSchema ddlSchema() {
        return tableSchema != null ? tableSchema : preTableSchema;
    }

    @Override
    public ChangeKind kind() {
        return kind;
    }

    @Override
    public Long commitTs() {
        return commitTs;
    }

    /** The simple protocol's {@code tableID} is not the partition id the metadata names. */
    @Override
    public Long tablePartitionId() {
        return null;
    }

    /** {@code buildTs}: when TiCDC encoded the message. */
    @Override
    public Long encodeTimeMillis() {
        return buildTs;
    }

    @Override
    public String ddlType() {
        return type;
    }

    @Override
    public String query() {
        return sql;
    }
}
