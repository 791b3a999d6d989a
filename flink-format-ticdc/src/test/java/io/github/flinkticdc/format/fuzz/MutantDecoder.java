package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.DecodeMetrics;

import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A decoder of either protocol fed whole mutants, so that the contract and the round trip are
 * written once: canal-json reads the value only, Open Protocol the key and the value.
 */
final class MutantDecoder {

    /** Decodes one mutant with a protocol's test harness. */
    interface Decode {
        List<RowData> rows(Mutant m) throws IOException;
    }

    private final Decode decode;
    private final ToLongFunction<String> counters;

    /**
     * @param counters the harness's counters by name
     */
    MutantDecoder(Decode decode, ToLongFunction<String> counters) {
        this.decode = decode;
        this.counters = counters;
    }

    List<RowData> decode(Mutant m) throws IOException {
        return decode.rows(m);
    }

    /** Messages (or events) skipped so far under {@code ignore-parse-errors}. */
    long skipped() {
        return counters.applyAsLong(DecodeMetrics.PARSE_ERRORS_SKIPPED);
    }
}
