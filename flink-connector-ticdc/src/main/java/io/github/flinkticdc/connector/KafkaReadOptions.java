package io.github.flinkticdc.connector;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.PROPS_GROUP_ID;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_TOPIC_PARTITION_DISCOVERY;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TOPIC;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TOPIC_PATTERN;

/**
 * What the Kafka options of a {@code ticdc} table say: the topics, the consumer properties and
 * where to start and stop. Validated on creation; configures a {@code KafkaSourceBuilder}.
 */
final class KafkaReadOptions {

    /** KafkaSource's property for {@code scan.topic-partition-discovery.interval}. */
    static final String PARTITION_DISCOVERY_INTERVAL_MS = "partition.discovery.interval.ms";

    private final List<String> topics;
    private final String topicPattern;
    private final Map<String, String> properties;
    private final OffsetsSpec startup;
    private final OffsetsSpec bounded;

    private KafkaReadOptions(
            List<String> topics,
            String topicPattern,
            Map<String, String> properties,
            OffsetsSpec startup,
            OffsetsSpec bounded) {
        this.topics = topics;
        this.topicPattern = topicPattern;
        this.properties = properties;
        this.startup = startup;
        this.bounded = bounded;
    }

    /**
     * @param options the table's options, typed
     * @param rawOptions the table's options as written, for {@code properties.*}
     */
    static KafkaReadOptions from(ReadableConfig options, Map<String, String> rawOptions) {
        List<String> topics = options.getOptional(TOPIC).orElse(null);
        String topicPattern = options.getOptional(TOPIC_PATTERN).orElse(null);
        if (topics != null && topicPattern != null) {
            throw new ValidationException(
                    String.format(
                            "Options '%s' and '%s' must not both be set: read a list of topics or"
                                    + " the topics matching a pattern.",
                            TOPIC.key(), TOPIC_PATTERN.key()));
        }
        if (topics == null && topicPattern == null) {
            throw new ValidationException(
                    String.format(
                            "Either '%s' (the changefeed's topics, separated by ';') or '%s' must"
                                    + " be set.",
                            TOPIC.key(), TOPIC_PATTERN.key()));
        }
        if (topicPattern != null) {
            try {
                Pattern.compile(topicPattern);
            } catch (PatternSyntaxException e) {
                throw new ValidationException(
                        String.format(
                                "Option '%s' is not a valid Java regular expression: %s",
                                TOPIC_PATTERN.key(), e.getMessage()));
            }
        }

        Map<String, String> properties = KafkaProperties.of(rawOptions);
        // The KafkaSource takes the discovery interval as a property, in milliseconds.
        properties.put(
                PARTITION_DISCOVERY_INTERVAL_MS,
                String.valueOf(options.get(SCAN_TOPIC_PARTITION_DISCOVERY).toMillis()));

        OffsetsSpec startup = OffsetsSpec.startup(options);
        OffsetsSpec bounded = OffsetsSpec.bounded(options);
        for (OffsetsSpec spec : List.of(startup, bounded)) {
            if (spec.kind() == OffsetsSpec.Kind.GROUP_OFFSETS
                    && !properties.containsKey("group.id")) {
                throw new ValidationException(
                        String.format(
                                "'%s' is required to start or stop at the group's offsets"
                                        + " ('group-offsets'; the default 'scan.startup.mode')."
                                        + " Set it, or choose another mode, e.g."
                                        + " 'scan.startup.mode' = 'earliest-offset'.",
                                PROPS_GROUP_ID.key()));
            }
            if (spec.kind() == OffsetsSpec.Kind.SPECIFIC_OFFSETS
                    && (topics == null || topics.size() != 1)) {
                throw new ValidationException(
                        String.format(
                                "'specific-offsets' needs exactly one topic in '%s'.",
                                TOPIC.key()));
            }
        }
        OffsetsSpec.validateResetStrategy(properties);
        return new KafkaReadOptions(
                topics == null ? null : List.copyOf(topics),
                topicPattern,
                properties,
                startup,
                bounded);
    }

    /** Sets topics, properties and offsets on {@code builder}. */
    void configure(KafkaSourceBuilder<RowData> builder) {
        Properties props = new Properties();
        props.putAll(properties);
        builder.setProperties(props);
        if (topics != null) {
            builder.setTopics(topics);
        } else {
            builder.setTopicPattern(Pattern.compile(topicPattern));
        }
        String firstTopic = topics == null ? null : topics.get(0);
        builder.setStartingOffsets(startup.startingOffsets(firstTopic, properties));
        if (bounded.kind() != OffsetsSpec.Kind.UNBOUNDED) {
            builder.setBounded(bounded.stoppingOffsets(firstTopic));
        }
    }

    List<String> topics() {
        return topics;
    }

    String topicPattern() {
        return topicPattern;
    }

    /** The Kafka consumer and KafkaSource properties, keys without {@code properties.}. */
    Map<String, String> properties() {
        return properties;
    }

    OffsetsSpec startup() {
        return startup;
    }

    OffsetsSpec bounded() {
        return bounded;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaReadOptions)) {
            return false;
        }
        KafkaReadOptions that = (KafkaReadOptions) o;
        return Objects.equals(topics, that.topics)
                && Objects.equals(topicPattern, that.topicPattern)
                && properties.equals(that.properties)
                && startup.equals(that.startup)
                && bounded.equals(that.bounded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topics, topicPattern, properties, startup, bounded);
    }

    @Override
    public String toString() {
        return (topics != null ? "topics " + topics : "topic-pattern " + topicPattern)
                + ", startup "
                + startup
                + ", bounded "
                + bounded
                + ", properties "
                + properties;
    }
}
