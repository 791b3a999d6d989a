package io.github.flinkticdc.benchmarks.endtoend;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.net.URI;

/**
 * The one Flink MiniCluster every job of a run shares: one TaskManager with one slot, so every job
 * has parallelism 1 and runs alone, with the {@link SinkRowCounter} as metric reporter.
 *
 * <p>Jobs are submitted through its REST endpoint, as a client does; a local environment would
 * start a new MiniCluster for every job.
 */
final class BenchmarkCluster implements AutoCloseable {

    private final MiniCluster cluster;
    private final TableEnvironment tableEnvironment;

    private BenchmarkCluster(MiniCluster cluster, TableEnvironment tableEnvironment) {
        this.cluster = cluster;
        this.tableEnvironment = tableEnvironment;
    }

    static BenchmarkCluster start() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_PORT, "0");
        SinkRowCounter.addTo(configuration);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        try {
            cluster.start();
            URI rest = cluster.getRestAddress().get();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createRemoteEnvironment(
                            rest.getHost(), rest.getPort(), new Configuration());
            env.setParallelism(1);
            return new BenchmarkCluster(cluster, StreamTableEnvironment.create(env));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    TableEnvironment tableEnvironment() {
        return tableEnvironment;
    }

    /**
     * Waits for the job to end, from the cluster itself: the client's status polls would round a
     * job's time up to their interval. Fails if the job did.
     */
    void awaitJob(JobID job) throws Exception {
        JobResult result = cluster.requestJobResult(job).get();
        result.toJobExecutionResult(BenchmarkCluster.class.getClassLoader());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
