package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.format.common.ChangelogOutput;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.table.data.RowData;

import java.util.ArrayList;
import java.util.List;

/**
 * Records everything a decoder sends to its {@link ChangelogOutput}, in order, one line per call,
 * so that a test compares the whole event stream at once: {@code row <RowKind> <ChangeKind>
 * <db>.<table> commitTs=<tso> ptn=<id>}, {@code progress <tso>}, {@code ddl <db>.<table>
 * commitTs=<tso>: <query>}. The rows themselves are kept too.
 */
public final class RecordingOutput implements ChangelogOutput {

    private final List<String> events = new ArrayList<>();
    private final List<RowData> rows = new ArrayList<>();

    @Override
    public void row(RowData row, RowChange change) {
        events.add(
                row(
                        row.getRowKind().name(),
                        change.kind().name(),
                        change.database(),
                        change.table(),
                        change.commitTs(),
                        change.tablePartitionId()));
        rows.add(row);
    }

    @Override
    public void progress(long resolvedTs) {
        events.add(progressLine(resolvedTs));
    }

    @Override
    public void ddl(DdlEvent ddl) {
        events.add(ddlLine(ddl.database(), ddl.table(), ddl.commitTs(), ddl.query()));
    }

    /** The line of one changelog row. */
    public static String row(
            String rowKind,
            String changeKind,
            String database,
            String table,
            Long commitTs,
            Long partitionId) {
        return String.format(
                "row %s %s %s.%s commitTs=%s ptn=%s",
                rowKind, changeKind, database, table, commitTs, partitionId);
    }

    /** The line of one progress event. */
    public static String progressLine(long resolvedTs) {
        return "progress " + resolvedTs;
    }

    /** The line of one DDL event. */
    public static String ddlLine(String database, String table, Long commitTs, String query) {
        return String.format("ddl %s.%s commitTs=%s: %s", database, table, commitTs, query);
    }

    public List<String> events() {
        return events;
    }

    public List<RowData> rows() {
        return rows;
    }
}
