package io.github.flinkticdc.examples.datastream;

import io.github.flinkticdc.connector.source.TiCdcSource;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;

/**
 * The {@code ticdc} connector's exactly-once changelog in a DataStream job: {@link
 * TiCdcSource#builder} and {@code buildChangelog}, printing each change TiDB committed to {@code
 * shop.orders} once, in commit order, although TiCDC ({@code
 * protocol=canal-json&enable-tidb-extension=true}) wrote some of them twice.
 *
 * <p>The stream's watermark is TiCDC's resolved ts and each row's timestamp its commit time, so
 * event-time windows on it are exact. Rows wait for TiCDC's next watermark (about a second), and a
 * source instance that reads no partition holds the watermark back: keep the parallelism at or
 * below the topic's partition count.
 *
 * <p>Arguments: {@code <bootstrap-servers> <topic>}.
 */
public final class ExactlyOnceChangelogJob {

    private ExactlyOnceChangelogJob() {}

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(ExactlyOnceChangelogJob.class, args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Checkpoints hold the Kafka offsets and the rows waiting for TiCDC's watermark: a
        // restarted job goes on from the last one without losing a change.
        env.enableCheckpointing(10_000);
        orders(env, source(arguments.bootstrapServers(), arguments.topic())).print();
        env.execute("TiCDC orders, exactly once");
    }

    /**
     * The source's settings: {@link #main} reads on as TiCDC writes, a test sets where to stop
     * ({@code setBounded}).
     */
    public static TiCdcSource.Builder source(String bootstrapServers, String topic) {
        // TiCdcProtocol.OPEN_PROTOCOL for a changefeed with protocol=open-protocol.
        return TiCdcSource.builder(TiCdcProtocol.CANAL_JSON, Orders.COLUMNS)
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("flink-ticdc-orders")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDatabaseInclude("shop")
                .setTableInclude("orders")
                .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS));
    }

    /** Each committed change of the orders once, one line each ({@link Orders#describe}). */
    public static DataStream<String> orders(
            StreamExecutionEnvironment env, TiCdcSource.Builder source) {
        // "orders" names the operators and makes their uids, so that a savepoint restores them.
        return source.buildChangelog(env, "orders").map(Orders::describe);
    }
}
