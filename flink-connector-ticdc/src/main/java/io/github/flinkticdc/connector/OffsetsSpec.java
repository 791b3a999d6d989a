package io.github.flinkticdc.connector;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.table.api.ValidationException;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_BOUNDED_MODE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_STARTUP_MODE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_STARTUP_SPECIFIC_OFFSETS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;

/**
 * Where a scan starts or stops, as the {@code scan.startup.*} or {@code scan.bounded.*} options
 * say; validated, comparable, and turned into the {@link OffsetsInitializer} of a {@code
 * KafkaSource}.
 */
final class OffsetsSpec {

    /** The modes of both option groups; {@code UNBOUNDED} only stops. */
    enum Kind {
        EARLIEST,
        LATEST,
        GROUP_OFFSETS,
        TIMESTAMP,
        SPECIFIC_OFFSETS,
        UNBOUNDED
    }

    private final Kind kind;
    private final Long timestampMillis;
    private final Map<Integer, Long> specificOffsets;

    private OffsetsSpec(Kind kind, Long timestampMillis, Map<Integer, Long> specificOffsets) {
        this.kind = kind;
        this.timestampMillis = timestampMillis;
        this.specificOffsets = specificOffsets;
    }

    /** From {@code scan.startup.mode} and its companions. */
    static OffsetsSpec startup(ReadableConfig options) {
        Kind kind;
        switch (options.get(SCAN_STARTUP_MODE)) {
            case EARLIEST_OFFSET:
                kind = Kind.EARLIEST;
                break;
            case LATEST_OFFSET:
                kind = Kind.LATEST;
                break;
            case TIMESTAMP:
                kind = Kind.TIMESTAMP;
                break;
            case SPECIFIC_OFFSETS:
                kind = Kind.SPECIFIC_OFFSETS;
                break;
            default:
                kind = Kind.GROUP_OFFSETS;
        }
        return of(
                kind,
                options,
                SCAN_STARTUP_MODE,
                SCAN_STARTUP_TIMESTAMP_MILLIS,
                SCAN_STARTUP_SPECIFIC_OFFSETS);
    }

    /** From {@code scan.bounded.mode} and its companions. */
    static OffsetsSpec bounded(ReadableConfig options) {
        Kind kind;
        switch (options.get(SCAN_BOUNDED_MODE)) {
            case LATEST_OFFSET:
                kind = Kind.LATEST;
                break;
            case GROUP_OFFSETS:
                kind = Kind.GROUP_OFFSETS;
                break;
            case TIMESTAMP:
                kind = Kind.TIMESTAMP;
                break;
            case SPECIFIC_OFFSETS:
                kind = Kind.SPECIFIC_OFFSETS;
                break;
            default:
                kind = Kind.UNBOUNDED;
        }
        return of(
                kind,
                options,
                SCAN_BOUNDED_MODE,
                SCAN_BOUNDED_TIMESTAMP_MILLIS,
                SCAN_BOUNDED_SPECIFIC_OFFSETS);
    }

    private static OffsetsSpec of(
            Kind kind,
            ReadableConfig options,
            ConfigOption<?> modeOption,
            ConfigOption<Long> timestampOption,
            ConfigOption<String> offsetsOption) {
        Optional<Long> timestamp = options.getOptional(timestampOption);
        Optional<String> offsets = options.getOptional(offsetsOption);
        String mode = modeOption.key() + "' = '" + options.get(modeOption);
        if (kind == Kind.TIMESTAMP && timestamp.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "'%s' needs '%s' (epoch milliseconds).", mode, timestampOption.key()));
        }
        if (kind != Kind.TIMESTAMP && timestamp.isPresent()) {
            throw new ValidationException(
                    String.format(
                            "'%s' is only read with '%s' = 'timestamp', but it is '%s'.",
                            timestampOption.key(), modeOption.key(), options.get(modeOption)));
        }
        if (kind == Kind.SPECIFIC_OFFSETS && offsets.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "'%s' needs '%s' (e.g. 'partition:0,offset:42;partition:1,offset:300').",
                            mode, offsetsOption.key()));
        }
        if (kind != Kind.SPECIFIC_OFFSETS && offsets.isPresent()) {
            throw new ValidationException(
                    String.format(
                            "'%s' is only read with '%s' = 'specific-offsets', but it is '%s'.",
                            offsetsOption.key(), modeOption.key(), options.get(modeOption)));
        }
        if (timestamp.isPresent() && timestamp.get() < 0) {
            throw new ValidationException(
                    String.format(
                            "'%s' must not be negative, but is %d.",
                            timestampOption.key(), timestamp.get()));
        }
        return new OffsetsSpec(
                kind,
                timestamp.orElse(null),
                offsets.map(text -> SpecificOffsets.parse(offsetsOption.key(), text)).orElse(null));
    }

    Kind kind() {
        return kind;
    }

    /**
     * The starting offsets. Committed offsets fall back to Kafka's {@code auto.offset.reset}
     * ({@code none}, the default, fails when the group has none), as in Flink's kafka connector.
     *
     * @param topic the one topic specific offsets refer to
     */
    OffsetsInitializer startingOffsets(String topic, Map<String, String> kafkaProperties) {
        if (kind == Kind.GROUP_OFFSETS) {
            return OffsetsInitializer.committedOffsets(resetStrategy(kafkaProperties));
        }
        return initializer(topic);
    }

    /** The stopping offsets; only for a bounded spec. */
    OffsetsInitializer stoppingOffsets(String topic) {
        if (kind == Kind.GROUP_OFFSETS) {
            return OffsetsInitializer.committedOffsets();
        }
        return initializer(topic);
    }

    private OffsetsInitializer initializer(String topic) {
        switch (kind) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            case TIMESTAMP:
                return OffsetsInitializer.timestamp(timestampMillis);
            case SPECIFIC_OFFSETS:
                Map<TopicPartition, Long> offsets = new HashMap<>();
                specificOffsets.forEach((p, o) -> offsets.put(new TopicPartition(topic, p), o));
                return OffsetsInitializer.offsets(offsets);
            default:
                throw new IllegalStateException("No offsets initializer for " + kind);
        }
    }

    /** Fails unless {@code auto.offset.reset} is one Kafka knows. */
    static void validateResetStrategy(Map<String, String> kafkaProperties) {
        resetStrategy(kafkaProperties);
    }

    private static OffsetResetStrategy resetStrategy(Map<String, String> kafkaProperties) {
        String value = kafkaProperties.getOrDefault("auto.offset.reset", "none");
        try {
            return OffsetResetStrategy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    String.format(
                            "'%sauto.offset.reset' must be 'earliest', 'latest' or 'none', but is"
                                    + " '%s'.",
                            TiCdcConnectorOptions.PROPERTIES_PREFIX, value));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OffsetsSpec)) {
            return false;
        }
        OffsetsSpec that = (OffsetsSpec) o;
        return kind == that.kind
                && Objects.equals(timestampMillis, that.timestampMillis)
                && Objects.equals(specificOffsets, that.specificOffsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestampMillis, specificOffsets);
    }

    @Override
    public String toString() {
        return kind
                + (timestampMillis == null ? "" : " " + timestampMillis)
                + (specificOffsets == null ? "" : " " + specificOffsets);
    }
}
