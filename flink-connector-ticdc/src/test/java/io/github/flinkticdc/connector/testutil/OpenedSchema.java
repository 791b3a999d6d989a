package io.github.flinkticdc.connector.testutil;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KafkaRecordDeserializationSchema} opened as the KafkaSource opens it, decoding records
 * and keeping the counters it registers.
 */
public final class OpenedSchema {

    private final KafkaRecordDeserializationSchema<RowData> schema;
    private final Map<String, Counter> counters = new HashMap<>();

    public OpenedSchema(KafkaRecordDeserializationSchema<RowData> schema) throws Exception {
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
                                OpenedSchema.class.getClassLoader());
                    }
                });
    }

    /** The rows one record decodes to. */
    public List<RowData> decode(ConsumerRecord<byte[], byte[]> record) throws IOException {
        List<RowData> rows = new ArrayList<>();
        schema.deserialize(
                record,
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

    /** The value of a counter the schema registered; 0 if it registered none by that name. */
    public long counter(String name) {
        Counter counter = counters.get(name);
        return counter == null ? 0 : counter.getCount();
    }
}
