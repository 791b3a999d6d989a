package io.github.flinkticdc.benchmarks;

import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import org.openjdk.jmh.infra.Blackhole;

/** Hands rows to JMH so that the decoding that made them is not optimised away. */
final class BlackholeCollector implements Collector<RowData> {

    private final Blackhole blackhole;

    BlackholeCollector(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    Blackhole blackhole() {
        return blackhole;
    }

    @Override
    public void collect(RowData row) {
        blackhole.consume(row);
    }

    @Override
    public void close() {}
}
