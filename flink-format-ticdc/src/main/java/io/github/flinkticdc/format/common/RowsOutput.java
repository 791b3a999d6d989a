package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/**
 * The output of a decoder whose caller wants the changelog rows only: it passes them to the
 * collector of the current record and ignores progress and DDL events. One per task, pointed at
 * each record's collector, so that decoding a record allocates no output.
 */
@Internal
public final class RowsOutput implements ChangelogOutput {

    private Collector<RowData> out;

    /** Directs the rows of the next record to {@code out}; returns this. */
    public RowsOutput to(Collector<RowData> out) {
        this.out = out;
        return this;
    }

    @Override
    public void row(RowData row, RowChange change) {
        out.collect(row);
    }
}
