package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.common.ChangelogOutput;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.Objects;

/**
 * Puts a decoder's rows, progress and DDL events into {@link ChangeEnvelope}s for the commit-order
 * operator. A row must have its commit TSO: without it nothing can be ordered or told from a
 * replay.
 */
@Internal
public final class EnvelopeOutput implements ChangelogOutput {

    private Collector<RowData> out;

    // Consecutive events are mostly of one table: its name is made once.
    private String lastDatabase;
    private String lastTable;
    private StringData lastName;

    /** Directs the envelopes of the next record to {@code out}; returns this. */
    public EnvelopeOutput to(Collector<RowData> out) {
        this.out = out;
        return this;
    }

    /** {@code database.table}, as the key of the commit-order operator. */
    private StringData tableName(String database, String table) {
        if (lastName == null
                || !Objects.equals(database, lastDatabase)
                || !Objects.equals(table, lastTable)) {
            lastDatabase = database;
            lastTable = table;
            lastName = StringData.fromString(database + "." + table);
        }
        return lastName;
    }

    @Override
    public void row(RowData row, RowChange change) throws IOException {
        if (change.commitTs() == null) {
            throw new IOException(
                    "A TiCDC row of "
                            + change.database()
                            + "."
                            + change.table()
                            + " has no commit TSO, which 'consistency' = 'exactly-once' needs to"
                            + " order rows and drop TiCDC's replays: canal-json has it in"
                            + " '_tidb.commitTs' only with enable-tidb-extension=true in the"
                            + " changefeed's sink URI; debezium in 'source.commit_ts', which"
                            + " only TiCDC writes. Else read the topic with 'consistency' ="
                            + " 'at-least-once'.");
        }
        out.collect(
                ChangeEnvelope.row(
                        row, tableName(change.database(), change.table()), change.commitTs()));
    }

    @Override
    public void progress(long resolvedTs) {
        out.collect(ChangeEnvelope.progress(resolvedTs));
    }

    /**
     * A DDL waits with the rows, so that it takes effect once every row committed before it is
     * released, and once for all its copies.
     */
    @Override
    public void ddl(DdlEvent ddl) throws IOException {
        if (ddl.commitTs() == null) {
            throw new IOException(
                    "A TiCDC DDL has no commit TSO, which 'consistency' = 'exactly-once' needs:"
                            + " set enable-tidb-extension=true in the changefeed's sink URI, or"
                            + " read the topic with 'consistency' = 'at-least-once'. DDL: "
                            + ddl.query());
        }
        out.collect(
                ChangeEnvelope.ddl(ddl, tableName(ddl.database(), ddl.table()), ddl.commitTs()));
    }

    @Override
    public boolean defersDdlHandling() {
        return true;
    }
}
