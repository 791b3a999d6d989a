package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.EventHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of one canal-json message: everything but the row images. One instance is reused for
 * every message a parser reads; the lists and maps are filled only when asked for, as most
 * consumers need none of them.
 */
public final class CanalJsonMessage implements EventHeader {

    private final boolean collectPkNames;
    private final boolean collectSqlTypes;
    private final boolean collectMysqlTypes;

    CanalEventKind kind;
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

    /** A message that collects none of {@code pkNames}, {@code sqlType} and {@code mysqlType}. */
    public CanalJsonMessage() {
        this(false, false, false);
    }

    public CanalJsonMessage(
            boolean collectPkNames, boolean collectSqlTypes, boolean collectMysqlTypes) {
        this.collectPkNames = collectPkNames;
        this.collectSqlTypes = collectSqlTypes;
        this.collectMysqlTypes = collectMysqlTypes;
    }

    void reset() {
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

    public CanalEventKind kind() {
        return kind;
    }

    /** The {@code type} field as written: INSERT/UPDATE/DELETE, a DDL type, TIDB_WATERMARK. */
    public String type() {
        return type;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public String eventType() {
        return type;
    }

    @Override
    public Long eventTimeMillis() {
        return es;
    }

    @Override
    public Long encodeTimeMillis() {
        return ts;
    }

    /** Canal-json does not say which partition of a partitioned table a row belongs to. */
    @Override
    public Long tablePartitionId() {
        return null;
    }

    /** The DDL statement of a DDL event. */
    public String sql() {
        return sql;
    }

    /** {@code es}: commit physical time in epoch milliseconds, or null. */
    public Long es() {
        return es;
    }

    /** {@code ts}: when TiCDC encoded the message, epoch milliseconds, or null. */
    public Long ts() {
        return ts;
    }

    /** {@code _tidb.commitTs} (a TSO), or null without the TiDB extension. */
    @Override
    public Long commitTs() {
        return commitTs;
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
