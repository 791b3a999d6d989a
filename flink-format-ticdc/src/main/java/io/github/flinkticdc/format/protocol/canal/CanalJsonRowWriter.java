package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.GoJsonStrings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes the row events of one table layout as TiCDC's canal-json encoder writes them (spec
 * §2.2-2.5): its field order ({@code id, database, table, pkNames, isDdl, type, es, ts, sql,
 * sqlType, mysqlType, old, data, _tidb}), one row in {@code data}, every value a JSON string or
 * {@code null}, and the {@code _tidb} extension with {@code commitTs} when the event has one.
 *
 * <p>Only INSERT and DELETE events: an UPDATE needs the row before and the row after in one
 * message, which a writer of single rows does not have. The parts that are the same for every event
 * of the layout (column names, types, primary key) are escaped once, here.
 */
public final class CanalJsonRowWriter {

    private final String[] quotedColumns;
    private final String pkNames;
    private final String types;

    /**
     * @param columns the column names, in the order of the values
     * @param mysqlTypes each column's {@code mysqlType} ({@code int}, {@code varbinary}, ...)
     * @param sqlTypes each column's {@code sqlType} (a java.sql.Types code)
     * @param pkNames the primary key's columns; empty for a table without one
     */
    public CanalJsonRowWriter(
            List<String> columns, List<String> mysqlTypes, int[] sqlTypes, List<String> pkNames) {
        if (mysqlTypes.size() != columns.size() || sqlTypes.length != columns.size()) {
            throw new IllegalArgumentException("One mysqlType and one sqlType per column");
        }
        quotedColumns = new String[columns.size()];
        for (int i = 0; i < quotedColumns.length; i++) {
            quotedColumns[i] = GoJsonStrings.quote(columns.get(i)) + ':';
        }
        this.pkNames = array(pkNames);
        this.types = types(mysqlTypes, sqlTypes);
    }

    /**
     * One event as the UTF-8 bytes of its message.
     *
     * @param kind {@link ChangeKind#INSERT} or {@link ChangeKind#DELETE}
     * @param eventTimeMillis canal {@code es}
     * @param encodeTimeMillis canal {@code ts}
     * @param values one text per column, null for SQL NULL
     * @param commitTs {@code _tidb.commitTs}, or null to write no {@code _tidb}
     */
    public byte[] write(
            String database,
            String table,
            ChangeKind kind,
            long eventTimeMillis,
            long encodeTimeMillis,
            String[] values,
            Long commitTs) {
        if (kind == ChangeKind.UPDATE) {
            throw new IllegalArgumentException("An UPDATE needs the row before: write two events");
        }
        if (values.length != quotedColumns.length) {
            throw new IllegalArgumentException(
                    values.length + " values for " + quotedColumns.length + " columns");
        }
        StringBuilder out = new StringBuilder(256);
        out.append("{\"id\":0,\"database\":");
        GoJsonStrings.append(out, Objects.requireNonNull(database, "database"));
        out.append(",\"table\":");
        GoJsonStrings.append(out, Objects.requireNonNull(table, "table"));
        out.append(",\"pkNames\":").append(pkNames);
        out.append(",\"isDdl\":false,\"type\":\"").append(kind.name()).append('"');
        out.append(",\"es\":").append(eventTimeMillis);
        out.append(",\"ts\":").append(encodeTimeMillis);
        out.append(",\"sql\":\"\"").append(types);
        out.append(",\"old\":null,\"data\":");
        appendRow(out, values);
        if (commitTs != null) {
            out.append(",\"_tidb\":{\"commitTs\":")
                    .append(Long.toUnsignedString(commitTs))
                    .append('}');
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendRow(StringBuilder out, String[] values) {
        // TiCDC writes a row without columns as null, not as [{}].
        if (values.length == 0) {
            out.append("null");
            return;
        }
        out.append("[{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quotedColumns[i]);
            if (values[i] == null) {
                out.append("null");
            } else {
                GoJsonStrings.append(out, values[i]);
            }
        }
        out.append("}]");
    }

    /** {@code ,"sqlType":{...},"mysqlType":{...}}, with TiCDC's null for a row without columns. */
    private String types(List<String> mysqlTypes, int[] sqlTypes) {
        StringBuilder out = new StringBuilder(",\"sqlType\":");
        if (quotedColumns.length == 0) {
            out.append("null");
        } else {
            out.append('{');
            for (int i = 0; i < quotedColumns.length; i++) {
                out.append(i > 0 ? "," : "").append(quotedColumns[i]).append(sqlTypes[i]);
            }
            out.append('}');
        }
        out.append(",\"mysqlType\":{");
        for (int i = 0; i < quotedColumns.length; i++) {
            out.append(i > 0 ? "," : "").append(quotedColumns[i]);
            GoJsonStrings.append(out, mysqlTypes.get(i));
        }
        return out.append('}').toString();
    }

    private static String array(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            GoJsonStrings.append(out, names.get(i));
        }
        return out.append(']').toString();
    }
}
