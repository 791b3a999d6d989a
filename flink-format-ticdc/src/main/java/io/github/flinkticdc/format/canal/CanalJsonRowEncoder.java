package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.convert.ColumnEncoding;
import io.github.flinkticdc.format.convert.ColumnEncodings;
import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.protocol.canal.CanalJsonRowWriter;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one Flink changelog row into one TiCDC canal-json message: the physical columns rendered by
 * their {@link ColumnEncoding}, the written metadata columns (after the physical ones) into the
 * message's header. Made when the schema opens; not serializable, not thread-safe.
 *
 * <p>A row is one event: +I and +U are INSERTs, -U and -D DELETEs of the row they carry (see {@link
 * TiCdcCanalSerializationSchema} for why).
 */
final class CanalJsonRowEncoder {

    private final RowType physicalRowType;
    private final RowData.FieldGetter[] getters;
    private final ColumnEncoding[] encodings;
    private final CanalJsonRowWriter writer;
    private final TableNames names;
    private final int commitTsPos;
    private final String[] values;

    CanalJsonRowEncoder(
            RowType physicalRowType,
            List<TiCdcMetadata> metadata,
            String database,
            String table,
            List<String> pkNames,
            ZoneId timestampZone) {
        this.physicalRowType = physicalRowType;
        int columns = physicalRowType.getFieldCount();
        this.getters = new RowData.FieldGetter[columns];
        for (int i = 0; i < columns; i++) {
            getters[i] = RowData.createFieldGetter(physicalRowType.getTypeAt(i), i);
        }
        this.encodings = ColumnEncodings.forRow(physicalRowType, timestampZone);
        List<String> mysqlTypes = new ArrayList<>(columns);
        int[] sqlTypes = new int[columns];
        for (int i = 0; i < columns; i++) {
            mysqlTypes.add(encodings[i].mysqlType());
            sqlTypes[i] = encodings[i].sqlType();
        }
        this.writer =
                new CanalJsonRowWriter(
                        physicalRowType.getFieldNames(), mysqlTypes, sqlTypes, pkNames);
        this.names = TableNames.of(database, table, metadata, columns);
        this.commitTsPos = TableNames.position(metadata, TiCdcMetadata.COMMIT_TS, columns);
        this.values = new String[columns];
    }

    /**
     * @throws IllegalArgumentException if a value has no TiCDC text (NaN, a year after 9999) or the
     *     commit TSO is negative, naming the column
     */
    byte[] encode(RowData row) {
        for (int i = 0; i < values.length; i++) {
            Object value = getters[i].getFieldOrNull(row);
            values[i] = value == null ? null : render(i, value);
        }
        Long commitTs = commitTs(row);
        long now = System.currentTimeMillis();
        return writer.write(
                names.database(row),
                names.table(row),
                kind(row),
                // Without a commit there is no commit time: the time of writing stands in.
                commitTs == null ? now : Tso.physicalMillis(commitTs),
                now,
                values,
                commitTs);
    }

    private static ChangeKind kind(RowData row) {
        switch (row.getRowKind()) {
            case INSERT:
            case UPDATE_AFTER:
                return ChangeKind.INSERT;
            case UPDATE_BEFORE:
            case DELETE:
                return ChangeKind.DELETE;
            default:
                throw new IllegalStateException("Unhandled row kind " + row.getRowKind());
        }
    }

    private String render(int column, Object value) {
        try {
            return encodings[column].render(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    String.format(
                            "Cannot write column '%s' (%s) as TiCDC canal-json: %s",
                            physicalRowType.getFieldNames().get(column),
                            physicalRowType.getTypeAt(column).asSummaryString(),
                            e.getMessage()),
                    e);
        }
    }

    private Long commitTs(RowData row) {
        if (commitTsPos < 0 || row.isNullAt(commitTsPos)) {
            return null;
        }
        long commitTs = row.getLong(commitTsPos);
        if (commitTs < 0) {
            throw new IllegalArgumentException(
                    "Cannot write the commit TSO "
                            + commitTs
                            + " as '_tidb.commitTs': a TiDB TSO is never negative");
        }
        return commitTs;
    }
}
