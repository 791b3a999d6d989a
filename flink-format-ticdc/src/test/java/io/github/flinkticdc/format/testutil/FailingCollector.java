package io.github.flinkticdc.format.testutil;

import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/** A collector that throws the exception it is given, as a failing downstream operator would. */
public final class FailingCollector implements Collector<RowData> {

    private final RuntimeException failure;

    public FailingCollector(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public void collect(RowData record) {
        throw failure;
    }

    @Override
    public void close() {}
}
