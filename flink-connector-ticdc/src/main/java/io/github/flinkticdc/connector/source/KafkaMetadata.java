package io.github.flinkticdc.connector.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a row's Kafka record was read, as metadata columns ({@code METADATA FROM 'partition'}).
 * Typed as Flink's {@code kafka} connector types its metadata. All events of one Open Protocol
 * record share its values.
 */
@PublicEvolving
public enum KafkaMetadata {
    /** The record's topic. */
    TOPIC("topic", DataTypes.STRING().notNull(), r -> StringData.fromString(r.topic())),
    /** The record's partition. */
    PARTITION("partition", DataTypes.INT().notNull(), ConsumerRecord::partition),
    /** The record's offset in its partition. */
    OFFSET("offset", DataTypes.BIGINT().notNull(), ConsumerRecord::offset),
    /**
     * The record's Kafka timestamp: when TiCDC's producer sent it, not a commit time (Flink's
     * {@code kafka} connector calls it {@code timestamp}).
     */
    KAFKA_TIMESTAMP(
            "kafka-timestamp",
            DataTypes.TIMESTAMP_LTZ(3).notNull(),
            r -> TimestampData.fromEpochMillis(r.timestamp()));

    private final String key;
    private final DataType dataType;
    private final Function<ConsumerRecord<?, ?>, Object> reader;

    KafkaMetadata(String key, DataType dataType, Function<ConsumerRecord<?, ?>, Object> reader) {
        this.key = key;
        this.dataType = dataType;
        this.reader = reader;
    }

    /** The key in {@code METADATA FROM}. */
    public String key() {
        return key;
    }

    /** The type of the column. */
    public DataType dataType() {
        return dataType;
    }

    /** The value for a record, as Flink's internal data. */
    public Object read(ConsumerRecord<?, ?> record) {
        return reader.apply(record);
    }

    /** The item with this key, or null when there is none. */
    public static KafkaMetadata ofKeyOrNull(String key) {
        for (KafkaMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        return null;
    }

    /** Key to type of every item, in declaration order, for {@code listReadableMetadata}. */
    public static Map<String, DataType> types() {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (KafkaMetadata m : values()) {
            types.put(m.key, m.dataType);
        }
        return types;
    }
}
