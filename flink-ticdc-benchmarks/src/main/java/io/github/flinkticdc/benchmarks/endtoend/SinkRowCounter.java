package io.github.flinkticdc.benchmarks.endtoend;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How many rows reached the sink of each job: the {@code numRecordsIn} counters of the operators
 * whose name contains {@link #SINK_TABLE}, kept after the job ends (Flink drops them from its own
 * registry then).
 *
 * <p>It is what tells a job that read everything from one that was fast because it read nothing (a
 * wrong option, a format that drops rows). A metric reporter of the MiniCluster, which Flink
 * creates from its factory class; it runs in this JVM, so the counters are shared statically.
 */
public final class SinkRowCounter implements MetricReporter {

    /** The sink table every job writes to. */
    static final String SINK_TABLE = "blackhole_sink";

    private static final String METRIC = "numRecordsIn";
    private static final Map<String, List<Counter>> COUNTERS_BY_JOB = new ConcurrentHashMap<>();

    /** Registers the reporter in a cluster's configuration. */
    static void addTo(Configuration configuration) {
        configuration.set(
                ConfigOptions.key("metrics.reporter.sink-rows.factory.class")
                        .stringType()
                        .noDefaultValue(),
                Factory.class.getName());
    }

    /** Rows the job's sink took in; -1 if the job registered no sink counter. */
    static long rows(JobID job) {
        List<Counter> counters = COUNTERS_BY_JOB.get(job.toString());
        if (counters == null) {
            return -1;
        }
        return counters.stream().mapToLong(Counter::getCount).sum();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Map<String, String> variables = group.getAllVariables();
        String operator = variables.get("<operator_name>");
        if (METRIC.equals(name)
                && metric instanceof Counter
                && operator != null
                && operator.contains(SINK_TABLE)) {
            COUNTERS_BY_JOB
                    .computeIfAbsent(variables.get("<job_id>"), j -> new CopyOnWriteArrayList<>())
                    .add((Counter) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Kept: the count is read after the job has ended.
    }

    /** What Flink instantiates the reporter with. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SinkRowCounter();
        }
    }
}
