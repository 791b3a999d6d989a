package io.github.flinkticdc.examples.datastream;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcMetadata;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;

import java.util.List;

/**
 * The {@code ticdc-canal} format in a DataStream job: {@link TiCdcCanalDeserializationSchema} as
 * the value deserializer of Flink's own {@link KafkaSource}, printing every change of TiDB's {@code
 * shop.orders} that a TiCDC changefeed ({@code protocol=canal-json&enable-tidb-extension=true})
 * wrote to the topic.
 *
 * <p>A stateless format reads what TiCDC writes, and TiCDC delivers at least once: after a TiCDC
 * restart the changes since its checkpoint come again. {@link ExactlyOnceChangelogJob} gives each
 * change once.
 *
 * <p>Arguments: {@code <bootstrap-servers> <topic>}.
 */
public final class CanalJsonFormatJob {

    private CanalJsonFormatJob() {}

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(CanalJsonFormatJob.class, args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Checkpoints hold the Kafka offsets: a restarted job goes on from the last one.
        env.enableCheckpointing(10_000);
        KafkaSource<RowData> source =
                source(arguments.bootstrapServers(), arguments.topic()).build();
        orders(env, source).print();
        env.execute("TiCDC orders with the ticdc-canal format");
    }

    /**
     * The source of the topic, not yet built: {@link #main} reads on as TiCDC writes, a test sets
     * where to stop ({@code setBounded}).
     */
    public static KafkaSourceBuilder<RowData> source(String bootstrapServers, String topic) {
        TiCdcCanalDeserializationSchema orders =
                TiCdcCanalDeserializationSchema.builder(Orders.COLUMNS)
                        // Regular expressions: a changefeed may put many tables into one topic.
                        .setDatabaseInclude("shop")
                        .setTableInclude("orders")
                        .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                        .build();
        return KafkaSource.<RowData>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("flink-ticdc-orders")
                // The whole topic; after a restart from a checkpoint, its offsets win.
                .setStartingOffsets(OffsetsInitializer.earliest())
                // canal-json is all in the record value: the key holds nothing to decode.
                .setValueOnlyDeserializer(orders);
    }

    /** The changes of the orders, one line each ({@link Orders#describe}). */
    public static DataStream<String> orders(
            StreamExecutionEnvironment env, KafkaSource<RowData> source) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "TiCDC orders")
                .map(Orders::describe);
    }
}
