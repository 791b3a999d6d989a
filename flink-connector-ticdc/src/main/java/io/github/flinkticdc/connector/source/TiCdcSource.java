package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.connector.ordering.CommitOrderOperator;
import io.github.flinkticdc.connector.ordering.CommitOrderedChangelog;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

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

        /**
         * The exactly-once changelog of the topic, added to {@code env}: each row change TiDB
         * committed once, the changes of each table in commit order, with TiCDC's resolved ts as
         * the watermark and each row's commit time as its timestamp (see the connector's
         * consistency documentation). canal-json needs TiCDC's {@code enable-tidb-extension=true}.
         * The rows are those {@link #build()} gives; two copies of a change are the same when their
         * table, commit TSO, row kind and physical columns are equal, so declare the table's
         * primary key among the columns.
         *
         * @param name names the source ({@code TiCdcSource-<name>}) and the commit-order operator
         *     ({@code TiCdcCommitOrder-<name>}), and makes their uids ({@code <name>-ticdc-source},
         *     {@code <name>-ticdc-commit-order}), so that savepoints restore
         * @throws IllegalStateException if a required Kafka setting is missing
         */
        public SingleOutputStreamOperator<RowData> buildChangelog(
                StreamExecutionEnvironment env, String name) {
            DecoderSettings settings = settings();
            RowType rowType = producedRowType();
            int[] allFields = IntStream.range(0, rowType.getFieldCount()).toArray();
            return CommitOrderedChangelog.create(
                    env,
                    kafka,
                    new TiCdcEnvelopeDeserializationSchema(recordSchema(settings), rowType),
                    new CommitOrderOperator(
                            rowType,
                            settings.physicalRowType().getFieldCount(),
                            settings.options().ddl(),
                            allFields),
                    settings.producedTypeInfo(),
                    name,
                    Optional.of(name + "-" + CommitOrderedChangelog.SOURCE_TRANSFORMATION),
                    transformation -> Optional.of(name + "-" + transformation));
        }
    }
}
