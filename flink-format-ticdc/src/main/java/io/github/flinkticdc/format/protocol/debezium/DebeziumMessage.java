package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

/**
 * The header of one TiCDC Debezium message: everything but the row images. A row event is read as
 * its {@link RowChange}, a DDL (new-architecture TiCDC and TiCDC 8.x write them) as its {@link
 * DdlEvent}. One instance is reused for every message.
 */
public final class DebeziumMessage implements RowChange, DdlEvent {

    ChangeKind kind;
    String op;
    String database;
    String table;
    Long commitTs;
    Long sourceTsMillis;
    Long tsMillis;
    String ddl;
    String ddlDatabase;
    String tableChangeType;

    void reset() {
        kind = null;
        op = null;
        database = null;
        table = null;
        commitTs = null;
        sourceTsMillis = null;
        tsMillis = null;
        ddl = null;
        ddlDatabase = null;
        tableChangeType = null;
    }

    /** {@code payload.op}: {@code c}, {@code u}, {@code d}, {@code m}; null for a DDL. */
    public String op() {
        return op;
    }

    /** The change of a row event; null for other events. */
    @Override
    public ChangeKind kind() {
        return kind;
    }

    /** {@code source.db}; for a DDL its {@code databaseName} when {@code source.db} is empty. */
    @Override
    public String database() {
        return (database == null || database.isEmpty()) && ddlDatabase != null
                ? ddlDatabase
                : database;
    }

    /** {@code source.table}. */
    @Override
    public String table() {
        return table;
    }

    /** {@code source.commit_ts} (a TSO); null where the message has none. */
    @Override
    public Long commitTs() {
        return commitTs;
    }

    /** The debezium protocol does not say which partition of a partitioned table a row is in. */
    @Override
    public Long tablePartitionId() {
        return null;
    }

    /** {@code source.ts_ms}: the commit's physical time in epoch milliseconds. */
    @Override
    public Long eventTimeMillis() {
        return sourceTsMillis;
    }

    /** {@code payload.ts_ms}: when TiCDC encoded the message, epoch milliseconds. */
    @Override
    public Long encodeTimeMillis() {
        return tsMillis;
    }

    /** The {@code type} of the DDL's first {@code tableChanges} entry, else {@code DDL}. */
    @Override
    public String ddlType() {
        return tableChangeType == null ? "DDL" : tableChangeType;
    }

    /** {@code payload.ddl}: the statement of a DDL message. */
    @Override
    public String query() {
        return ddl;
    }
}
