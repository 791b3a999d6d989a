package io.github.flinkticdc.format.testutil;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a {@link DeserializationSchema} the way a Flink source does and decodes messages with it,
 * keeping the counters it registers so that tests can check what was skipped.
 */
public final class DecoderHarness {

    private final DeserializationSchema<RowData> schema;
    private final Map<String, Counter> counters = new HashMap<>();

    public DecoderHarness(DeserializationSchema<RowData> schema) throws Exception {
        this.schema = schema;
        MetricGroup group =
                new UnregisteredMetricsGroup() {
                    @Override
                    public Counter counter(String name) {
                        return counter(name, new SimpleCounter());
                    }

                    @Override
                    public <C extends Counter> C counter(String name, C counter) {
                        counters.put(name, counter);
                        return counter;
                    }
                };
        schema.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return group;
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return SimpleUserCodeClassLoader.create(
                                DecoderHarness.class.getClassLoader());
                    }
                });
    }

    /** The rows one message decodes to. */
    public List<RowData> decode(byte[] message) throws IOException {
        List<RowData> rows = new ArrayList<>();
        schema.deserialize(
                message,
                new Collector<>() {
                    @Override
                    public void collect(RowData row) {
                        rows.add(row);
                    }

                    @Override
                    public void close() {}
                });
        return rows;
    }

    /** The current value of a counter the schema registered. */
    public long counter(String name) {
        Counter counter = counters.get(name);
        if (counter == null) {
            throw new IllegalArgumentException("No counter " + name + " in " + counters.keySet());
        }
        return counter.getCount();
    }
}
