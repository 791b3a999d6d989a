package io.github.flinkticdc.benchmarks;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.io.IOException;

/**
 * A decoder under test that makes changelog rows, so that setup can check it against the others
 * input by input ({@link RowAgreement}).
 */
abstract class RowDecoder implements BenchDecoder {

    private final RowType rowType;

    RowDecoder(RowType rowType) {
        this.rowType = rowType;
    }

    /** The row it declares. */
    final RowType rowType() {
        return rowType;
    }

    abstract int inputs();

    /** How many change events input {@code input} holds. */
    abstract int eventsIn(int input);

    abstract void decode(int input, Collector<RowData> out) throws IOException;

    /** Input {@code input} as a person can read it, for a failed check. */
    abstract String describe(int input);

    @Override
    public final void decodeAll(BlackholeCollector out) throws IOException {
        int inputs = inputs();
        for (int i = 0; i < inputs; i++) {
            decode(i, out);
        }
    }
}
