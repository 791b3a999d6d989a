package io.github.flinkticdc.benchmarks;

import java.io.IOException;

/** A decoder under test, opened and holding one case's inputs: what a benchmark operation runs. */
interface BenchDecoder {

    /** Decodes every input once; one call is {@link Workload#EVENTS} change events. */
    void decodeAll(BlackholeCollector out) throws IOException;
}
