package io.github.flinkticdc.testing;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

import java.util.HashMap;
import java.util.Map;

/**
 * The context a Flink source opens a decoder with, keeping the counters the decoder registers so
 * that tests can check what it counted.
 */
public final class TestDecoderContext implements DeserializationSchema.InitializationContext {

    private final Map<String, Counter> counters = new HashMap<>();
    private final MetricGroup metricGroup =
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

    @Override
    public MetricGroup getMetricGroup() {
        return metricGroup;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(TestDecoderContext.class.getClassLoader());
    }

    /**
     * The current value of a counter the decoder registered.
     *
     * @throws IllegalArgumentException if it registered none by that name
     */
    public long counter(String name) {
        Counter counter = counters.get(name);
        if (counter == null) {
            throw new IllegalArgumentException("No counter " + name + " in " + counters.keySet());
        }
        return counter.getCount();
    }
}
