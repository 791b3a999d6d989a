package io.github.flinkticdc.benchmarks.endtoend;

/** One timed job of one case: what it read and what it took, in wall and CPU time. */
final class Measurement {

    final BenchmarkCase benchmarkCase;

    /** Row changes in the topic part the job read (the unit of every rate). */
    final long records;

    /** Rows that reached the sink. */
    final long sinkRows;

    final double seconds;
    final double cpuSeconds;

    /** CPU seconds of the broker meanwhile; negative if unknown. */
    final double brokerCpuSeconds;

    Measurement(
            BenchmarkCase benchmarkCase,
            long records,
            long sinkRows,
            double seconds,
            double cpuSeconds,
            double brokerCpuSeconds) {
        this.benchmarkCase = benchmarkCase;
        this.records = records;
        this.sinkRows = sinkRows;
        this.seconds = seconds;
        this.cpuSeconds = cpuSeconds;
        this.brokerCpuSeconds = brokerCpuSeconds;
    }

    double recordsPerSecond() {
        return records / seconds;
    }

    /** Records per CPU second of the Flink JVM: records per second per core. */
    double recordsPerCoreSecond() {
        return records / cpuSeconds;
    }
}
