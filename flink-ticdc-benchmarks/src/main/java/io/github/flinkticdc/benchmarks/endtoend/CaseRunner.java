package io.github.flinkticdc.benchmarks.endtoend;

import org.apache.flink.api.common.JobID;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.util.Locale;

/**
 * Runs one bounded job of a {@link BenchmarkCase}, {@code INSERT INTO blackhole_sink SELECT ...
 * FROM} its source, and times it.
 *
 * <p>The clocks start once the statement has been planned and submitted and stop when the job has
 * finished, so the time is Flink's: deploying the tasks, reading, decoding, the sink. A full
 * garbage collection first keeps the garbage of the run before off this one's bill.
 */
final class CaseRunner {

    private final BenchmarkCluster cluster;
    private final TableEnvironment tEnv;
    private final String bootstrapServers;
    private final CpuClock clock;
    private int jobs;

    CaseRunner(BenchmarkCluster cluster, String bootstrapServers, CpuClock clock) {
        this.cluster = cluster;
        this.tEnv = cluster.tableEnvironment();
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        tEnv.executeSql(
                "CREATE TABLE "
                        + SinkRowCounter.SINK_TABLE
                        + " ("
                        + OrdersTable.FLINK_COLUMNS
                        + ") WITH ('connector' = 'blackhole')");
    }

    /**
     * Reads the case's topic up to {@code stopOffset} (to its end when negative), which holds
     * {@code records} row changes.
     */
    Measurement run(BenchmarkCase benchmarkCase, long stopOffset, long records) throws Exception {
        String source = "src_" + benchmarkCase.name().toLowerCase(Locale.ROOT) + "_" + ++jobs;
        tEnv.executeSql(benchmarkCase.createTable(source, bootstrapServers, stopOffset));
        System.gc();
        TableResult result =
                tEnv.executeSql(
                        "INSERT INTO "
                                + SinkRowCounter.SINK_TABLE
                                + " SELECT "
                                + OrdersTable.COLUMN_NAMES
                                + " FROM "
                                + source);
        long wall = System.nanoTime();
        long cpu = clock.processNanos();
        long brokerCpu = clock.brokerNanos();
        JobID job = result.getJobClient().orElseThrow().getJobID();
        cluster.awaitJob(job);
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cpuSeconds = (clock.processNanos() - cpu) / 1e9;
        double brokerCpuSeconds = brokerCpu < 0 ? -1 : (clock.brokerNanos() - brokerCpu) / 1e9;
        tEnv.executeSql("DROP TABLE " + source);
        return new Measurement(
                benchmarkCase,
                records,
                SinkRowCounter.rows(job),
                seconds,
                cpuSeconds,
                brokerCpuSeconds);
    }
}
