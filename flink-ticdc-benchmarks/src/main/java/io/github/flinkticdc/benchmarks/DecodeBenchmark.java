package io.github.flinkticdc.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Change events per second of each decoder ({@link Decoder}) on each case ({@link DecodeCase}): the
 * same TiCDC change events, as canal-json messages or Open Protocol records, decoded into the same
 * rows. One operation is one change event, so JMH's score is events per second and its {@code
 * gc.alloc.rate.norm} bytes allocated per event. {@link DecodeBenchmarkTable} runs every pair and
 * prints them as one table.
 *
 * <p>Setup refuses to measure unless every decoder of the case makes the rows {@code ticdc-canal}
 * makes, on every input ({@link RowAgreement}); it also refuses a pair that is not measured (see
 * {@link Decoder#notMeasuredBecause}), so that {@code org.openjdk.jmh.Main} run on all pairs
 * reports those as failures instead of numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that the collector's work per event does not depend on how the heap grew.
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecodeBenchmark {

    @Param public DecodeCase decodeCase;

    @Param public Decoder decoder;

    private BenchDecoder measured;
    private BlackholeCollector out;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        String notMeasured = decoder.notMeasuredBecause(decodeCase);
        if (notMeasured != null) {
            throw new IllegalStateException(
                    decoder.label() + " is not measured on " + decodeCase + ": " + notMeasured);
        }
        Workload workload = decodeCase.workload();
        RowAgreement.checkAll(decodeCase, workload);
        measured = decoder.open(decodeCase, workload);
        out = new BlackholeCollector(blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void decode() throws IOException {
        measured.decodeAll(out);
    }
}
