package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.RowChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of one canal-json message: everything but the row images. A row event is read as its
 * {@link RowChange}, a DDL as its {@link DdlEvent}. One instance is reused for every message a
 * parser reads; the lists and maps are filled only when asked for, as most consumers need none of
 * them.
 */
public final class CanalJsonMessage implements RowChange, DdlEvent {

    private final boolean collectPkNames;
    private final boolean collectSqlTypes;
    private final boolean collectMysqlTypes;

    EventType eventType;
    ChangeKind kind;
    String type;
    String database;
    String table;
    String sql;
    Long es;
    Long ts;
    Long commitTs;
    Long watermarkTs;
    boolean onlyHandleKey;
    String claimCheckLocation;
    boolean rowsAccepted;
    boolean hasPkNames;
    boolean hasSqlTypes;
    boolean hasMysqlTypes;
    final List<String> pkNames = new ArrayList<>();
    final Map<String, Integer> sqlTypes = new LinkedHashMap<>();
    final Map<String, String> mysqlTypes = new LinkedHashMap<>();

    /**
     * @param collectPkNames whether to keep {@code pkNames}
     * @param collectSqlTypes whether to keep {@code sqlType}
     * @param collectMysqlTypes whether to keep {@code mysqlType}
     */
    public CanalJsonMessage(
            boolean collectPkNames, boolean collectSqlTypes, boolean collectMysqlTypes) {
        this.collectPkNames = collectPkNames;
        this.collectSqlTypes = collectSqlTypes;
        this.collectMysqlTypes = collectMysqlTypes;
    }

    void reset() {
        eventType = null;
        kind = null;
        type = null;
        database = null;
        table = null;
        sql = null;
        es = null;
        ts = null;
        commitTs = null;
        watermarkTs = null;
        onlyHandleKey = false;
        claimCheckLocation = null;
        rowsAccepted = false;
        hasPkNames = false;
        hasSqlTypes = false;
        hasMysqlTypes = false;
        pkNames.clear();
        sqlTypes.clear();
        mysqlTypes.clear();
    }

    boolean collectsPkNames() {
        return collectPkNames;
    }

    boolean collectsSqlTypes() {
        return collectSqlTypes;
    }

    boolean collectsMysqlTypes() {
        return collectMysqlTypes;
    }

    /** A row change ({@code type} INSERT/UPDATE/DELETE), a DDL, or TiCDC's WATERMARK. */
    public EventType eventType() {
        return eventType;
    }

    /** The change of a row event; null for other events. */
    @Override
    public ChangeKind kind() {
        return kind;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String table() {
        return table;
    }

    /** {@code _tidb.commitTs} (a TSO), or null without the TiDB extension. */
    @Override
    public Long commitTs() {
        return commitTs;
    }

    /** Canal-json does not say which partition of a partitioned table a row belongs to. */
    @Override
    public Long tablePartitionId() {
        return null;
    }

    /** {@code es}: the commit's physical time in epoch milliseconds, or null. */
    @Override
    public Long eventTimeMillis() {
        return es;
    }

    /** {@code ts}: when TiCDC encoded the message, epoch milliseconds, or null. */
    @Override
    public Long encodeTimeMillis() {
        return ts;
    }

    /** The canal DDL type of a DDL ({@code type}, e.g. {@code CREATE}). */
    @Override
    public String ddlType() {
        return type;
    }

    /** The DDL statement of a DDL event ({@code sql}). */
    @Override
    public String query() {
        return sql;
    }

    /** {@code _tidb.watermarkTs} (a TSO) of a WATERMARK event, or null. */
    public Long watermarkTs() {
        return watermarkTs;
    }

    /** {@code _tidb.onlyHandleKey}: the images hold only the handle-key columns. */
    public boolean onlyHandleKey() {
        return onlyHandleKey;
    }

    /** {@code _tidb.claimCheckLocation}: where TiCDC stored the full message, or null. */
    public String claimCheckLocation() {
        return claimCheckLocation;
    }

    /** Whether the listener accepted the row images of this row event. */
    public boolean rowsAccepted() {
        return rowsAccepted;
    }

    /** {@code pkNames} when the message was created to collect them; null when it is null. */
    @Override
    public List<String> pkNames() {
        return hasPkNames ? pkNames : null;
    }

    /** {@code sqlType} (column to java.sql.Types code) when collected; null when it is null. */
    @Override
    public Map<String, Integer> sqlTypes() {
        return hasSqlTypes ? sqlTypes : null;
    }

    /** {@code mysqlType} (column to MySQL type) when collected; null when it is null. */
    @Override
    public Map<String, String> mysqlTypes() {
        return hasMysqlTypes ? mysqlTypes : null;
    }
}
