package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Builds Flink's {@link KafkaSource} for a TiCDC topic, for DataStream jobs: Kafka settings as
 * {@code KafkaSource.builder()} names them, plus the TiCDC protocol, columns, metadata and format
 * settings of {@link TiCdcDecodingBuilder}.
 *
 * <pre>{@code
 * RowType rowType = (RowType) DataTypes.ROW(
 *         DataTypes.FIELD("order_id", DataTypes.BIGINT()),
 *         DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2))).getLogicalType();
 * KafkaSource<RowData> source = TiCdcSource.builder(TiCdcProtocol.OPEN_PROTOCOL, rowType)
 *         .setBootstrapServers("kafka:9092")
 *         .setTopics("tidb-shop")
 *         .setGroupId("flink-orders")
 *         .setStartingOffsets(OffsetsInitializer.earliest())
 *         .setTableInclude("orders")
 *         .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *         .setKafkaMetadata(List.of(KafkaMetadata.PARTITION, KafkaMetadata.OFFSET))
 *         .build();
 * DataStream<RowData> changes =
 *         env.fromSource(source, WatermarkStrategy.noWatermarks(), "tidb-shop");
 * }</pre>
 */
@PublicEvolving
public final class TiCdcSource {

    private TiCdcSource() {}

    /**
     * A builder for a source of a topic written with {@code protocol}, whose physical columns are
     * the fields of {@code physicalRowType} (matched to TiDB columns by name).
     */
    public static Builder builder(TiCdcProtocol protocol, RowType physicalRowType) {
        return new Builder(protocol, physicalRowType);
    }

    /**
     * Builds a {@code KafkaSource<RowData>}. Kafka settings go to Flink's {@link
     * KafkaSourceBuilder} as they are: see its documentation for their defaults.
     */
    public static final class Builder extends TiCdcDecodingBuilder<Builder, KafkaSource<RowData>> {

        private final KafkaSourceBuilder<RowData> kafka = KafkaSource.builder();

        private Builder(TiCdcProtocol protocol, RowType physicalRowType) {
            super(protocol, physicalRowType);
        }

        /** Kafka's {@code bootstrap.servers}. Required. */
        public Builder setBootstrapServers(String bootstrapServers) {
            kafka.setBootstrapServers(bootstrapServers);
            return this;
        }

        /** The topics to read. One of topics and topic pattern is required. */
        public Builder setTopics(String... topics) {
            kafka.setTopics(topics);
            return this;
        }

        /** The topics to read. One of topics and topic pattern is required. */
        public Builder setTopics(List<String> topics) {
            kafka.setTopics(topics);
            return this;
        }

        /** Reads every topic whose name matches. */
        public Builder setTopicPattern(Pattern topicPattern) {
            kafka.setTopicPattern(topicPattern);
            return this;
        }

        /** Kafka's {@code group.id}: needed for committed offsets. */
        public Builder setGroupId(String groupId) {
            kafka.setGroupId(groupId);
            return this;
        }

        /** Where each partition starts. Default: the earliest offset (as {@code KafkaSource}). */
        public Builder setStartingOffsets(OffsetsInitializer startingOffsets) {
            kafka.setStartingOffsets(startingOffsets);
            return this;
        }

        /** Makes the source bounded: each partition is read up to these offsets. */
        public Builder setBounded(OffsetsInitializer stoppingOffsets) {
            kafka.setBounded(stoppingOffsets);
            return this;
        }

        /** A Kafka consumer or {@code KafkaSource} property. */
        public Builder setProperty(String key, String value) {
            kafka.setProperty(key, value);
            return this;
        }

        /** Kafka consumer or {@code KafkaSource} properties. */
        public Builder setProperties(Properties properties) {
            kafka.setProperties(properties);
            return this;
        }

        /**
         * @throws IllegalStateException if a required Kafka setting is missing
         */
        @Override
        protected KafkaSource<RowData> build(DecoderSettings settings) {
            return kafka.setDeserializer(recordSchema(settings)).build();
        }
    }
}
