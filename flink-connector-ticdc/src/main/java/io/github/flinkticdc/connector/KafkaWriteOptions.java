package io.github.flinkticdc.connector;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.DELIVERY_GUARANTEE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TOPIC;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TRANSACTIONAL_ID_PREFIX;

/**
 * What the Kafka options of a {@code ticdc} sink table say: the topic, the producer properties and
 * the delivery guarantee. Validated on creation; configures a {@code KafkaSinkBuilder}.
 */
final class KafkaWriteOptions {

    private final String topic;
    private final Map<String, String> properties;
    private final DeliveryGuarantee deliveryGuarantee;
    private final String transactionalIdPrefix;

    private KafkaWriteOptions(
            String topic,
            Map<String, String> properties,
            DeliveryGuarantee deliveryGuarantee,
            String transactionalIdPrefix) {
        this.topic = topic;
        this.properties = properties;
        this.deliveryGuarantee = deliveryGuarantee;
        this.transactionalIdPrefix = transactionalIdPrefix;
    }

    /**
     * @param options the table's options, typed
     * @param rawOptions the table's options as written, for {@code properties.*}
     */
    static KafkaWriteOptions from(ReadableConfig options, Map<String, String> rawOptions) {
        List<String> topics = options.getOptional(TOPIC).orElse(List.of());
        if (topics.size() != 1) {
            throw new ValidationException(
                    String.format(
                            "A 'ticdc' sink writes one topic: set '%s' to exactly one (it is %s).",
                            TOPIC.key(),
                            topics.isEmpty() ? "not set" : "'" + String.join(";", topics) + "'"));
        }
        DeliveryGuarantee guarantee = options.get(DELIVERY_GUARANTEE);
        String prefix = options.getOptional(TRANSACTIONAL_ID_PREFIX).orElse(null);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && (prefix == null || prefix.isEmpty())) {
            throw new ValidationException(
                    String.format(
                            "'%s' = 'exactly-once' needs '%s': the prefix of the sink's Kafka"
                                    + " transactional ids, unique to this job among the jobs"
                                    + " writing to the cluster.",
                            DELIVERY_GUARANTEE.key(), TRANSACTIONAL_ID_PREFIX.key()));
        }
        return new KafkaWriteOptions(
                topics.get(0), KafkaProperties.of(rawOptions), guarantee, prefix);
    }

    /** Sets the properties and the delivery guarantee on {@code builder}. */
    KafkaSinkBuilder<RowData> configure(KafkaSinkBuilder<RowData> builder) {
        Properties props = new Properties();
        props.putAll(properties);
        builder.setKafkaProducerConfig(props).setDeliveryGuarantee(deliveryGuarantee);
        if (transactionalIdPrefix != null) {
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder;
    }

    String topic() {
        return topic;
    }

    /** The Kafka producer properties, keys without {@code properties.}. */
    Map<String, String> properties() {
        return properties;
    }

    DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaWriteOptions)) {
            return false;
        }
        KafkaWriteOptions that = (KafkaWriteOptions) o;
        return topic.equals(that.topic)
                && properties.equals(that.properties)
                && deliveryGuarantee == that.deliveryGuarantee
                && Objects.equals(transactionalIdPrefix, that.transactionalIdPrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, properties, deliveryGuarantee, transactionalIdPrefix);
    }

    @Override
    public String toString() {
        return "topic "
                + topic
                + ", "
                + deliveryGuarantee
                + (transactionalIdPrefix == null
                        ? ""
                        : ", transactional-id-prefix " + transactionalIdPrefix)
                + ", properties "
                + properties;
    }
}
