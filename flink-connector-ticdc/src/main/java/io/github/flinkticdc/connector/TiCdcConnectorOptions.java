package io.github.flinkticdc.connector;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.EnumOptionValue;
import io.github.flinkticdc.format.common.TiCdcFormatOptions;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.ScanBoundedMode;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.ScanStartupMode;

import java.time.Duration;
import java.util.List;

/**
 * Options of the {@code 'connector' = 'ticdc'} table source and sink. The Kafka options are those
 * of Flink's {@code kafka} connector (the same definitions), the format options those of the {@code
 * ticdc-canal} format without its prefix. Options of reading ({@code scan.*}, {@code consistency},
 * the decoding ones) are refused on a sink table, those of writing ({@code sink.*}, {@code
 * encode.*}) on a source table.
 */
@PublicEvolving
public final class TiCdcConnectorOptions {

    /**
     * Prefix of the Kafka consumer (source) or producer (sink) properties passed through, e.g.
     * {@code properties.acks}.
     */
    public static final String PROPERTIES_PREFIX = "properties.";

    // ------------------------------------------------------------------ TiCDC

    /** The TiCDC protocol of the topic; a sink writes {@code canal-json} only. */
    public static final ConfigOption<TiCdcProtocol> PROTOCOL =
            ConfigOptions.key("protocol")
                    .enumType(TiCdcProtocol.class)
                    .noDefaultValue()
                    .withDescription(
                            "The protocol TiCDC writes the topic in: the value of the 'protocol'"
                                    + " parameter of the changefeed's sink URI: "
                                    + EnumOptionValue.quotedValues(TiCdcProtocol.class)
                                    + ".");

    /** Whether TiCDC's replays are dropped and rows released in commit order. */
    public static final ConfigOption<Consistency> CONSISTENCY =
            ConfigOptions.key("consistency")
                    .enumType(Consistency.class)
                    .defaultValue(Consistency.EXACTLY_ONCE)
                    .withDescription(
                            "What to make of TiCDC's at-least-once delivery: 'exactly-once' or"
                                    + " 'at-least-once'.");

    /** TiCDC's {@code [sink.open] output-old-value}. */
    public static final ConfigOption<Boolean> OPEN_PROTOCOL_OUTPUT_OLD_VALUE =
            ConfigOptions.key("open-protocol.output-old-value")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Set to the changefeed's output-old-value ([sink.open], default"
                                    + " true). With false, TiCDC writes updates without the row"
                                    + " before, indistinguishable from inserts: the source then"
                                    + " emits upserts (+U for inserts and updates, -D for"
                                    + " deletes) and the table needs a PRIMARY KEY. Only for"
                                    + " 'protocol' = 'open-protocol'.");

    // ------------------------------------------------------------------ Kafka

    /** The topics to read; a sink writes exactly one. */
    public static final ConfigOption<List<String>> TOPIC = KafkaConnectorOptions.TOPIC;

    /** A regular expression of the topics to read. */
    public static final ConfigOption<String> TOPIC_PATTERN = KafkaConnectorOptions.TOPIC_PATTERN;

    /** Kafka's {@code bootstrap.servers}. */
    public static final ConfigOption<String> PROPS_BOOTSTRAP_SERVERS =
            KafkaConnectorOptions.PROPS_BOOTSTRAP_SERVERS;

    /** Kafka's {@code group.id}. */
    public static final ConfigOption<String> PROPS_GROUP_ID = KafkaConnectorOptions.PROPS_GROUP_ID;

    /** Where each partition starts. */
    public static final ConfigOption<ScanStartupMode> SCAN_STARTUP_MODE =
            KafkaConnectorOptions.SCAN_STARTUP_MODE;

    /** The start offsets of {@code scan.startup.mode = specific-offsets}. */
    public static final ConfigOption<String> SCAN_STARTUP_SPECIFIC_OFFSETS =
            KafkaConnectorOptions.SCAN_STARTUP_SPECIFIC_OFFSETS;

    /** The start time of {@code scan.startup.mode = timestamp}. */
    public static final ConfigOption<Long> SCAN_STARTUP_TIMESTAMP_MILLIS =
            KafkaConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;

    /** Where each partition ends, if anywhere. */
    public static final ConfigOption<ScanBoundedMode> SCAN_BOUNDED_MODE =
            KafkaConnectorOptions.SCAN_BOUNDED_MODE;

    /** The end offsets of {@code scan.bounded.mode = specific-offsets}. */
    public static final ConfigOption<String> SCAN_BOUNDED_SPECIFIC_OFFSETS =
            KafkaConnectorOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS;

    /** The end time of {@code scan.bounded.mode = timestamp}. */
    public static final ConfigOption<Long> SCAN_BOUNDED_TIMESTAMP_MILLIS =
            KafkaConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;

    /** How often new partitions and matching topics are looked for. */
    public static final ConfigOption<Duration> SCAN_TOPIC_PARTITION_DISCOVERY =
            KafkaConnectorOptions.SCAN_TOPIC_PARTITION_DISCOVERY;

    // ------------------------------------------------------------------ Kafka, writing

    /** The sink's guarantee: {@code none}, {@code at-least-once} or {@code exactly-once}. */
    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            KafkaConnectorOptions.DELIVERY_GUARANTEE;

    /** The prefix of the sink's Kafka transactional ids; required for {@code exactly-once}. */
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            KafkaConnectorOptions.TRANSACTIONAL_ID_PREFIX;

    /** The sink's parallelism; by default that of its input. */
    public static final ConfigOption<Integer> SINK_PARALLELISM =
            KafkaConnectorOptions.SINK_PARALLELISM;

    // ------------------------------------------------------------------ format

    /** Skip a record or event that cannot be decoded instead of failing. */
    public static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS =
            TiCdcFormatOptions.IGNORE_PARSE_ERRORS;

    /** Regular expression for the databases to read. */
    public static final ConfigOption<String> DATABASE_INCLUDE = TiCdcFormatOptions.DATABASE_INCLUDE;

    /** Regular expression for the tables to read. */
    public static final ConfigOption<String> TABLE_INCLUDE = TiCdcFormatOptions.TABLE_INCLUDE;

    /** Zone of TiCDC's TIMESTAMP text. */
    public static final ConfigOption<String> TIMESTAMP_TIME_ZONE =
            TiCdcFormatOptions.TIMESTAMP_TIME_ZONE;

    /** What to do with DDL events. */
    public static final ConfigOption<DdlHandling> DDL = TiCdcFormatOptions.DDL;

    /** TiCDC's {@code large-message-handle-compression}. */
    public static final ConfigOption<Compression> COMPRESSION = TiCdcFormatOptions.COMPRESSION;

    /** Where claim-check objects may be read from; required to read claim-check rows. */
    public static final ConfigOption<List<String>> CLAIM_CHECK_ALLOWED_LOCATIONS =
            TiCdcFormatOptions.CLAIM_CHECK_ALLOWED_LOCATIONS;

    /** The largest claim-check object read. */
    public static final ConfigOption<MemorySize> CLAIM_CHECK_MAX_OBJECT_SIZE =
            TiCdcFormatOptions.CLAIM_CHECK_MAX_OBJECT_SIZE;

    /** TiCDC's {@code claim-check-raw-value}. */
    public static final ConfigOption<Boolean> CLAIM_CHECK_RAW_VALUE =
            TiCdcFormatOptions.CLAIM_CHECK_RAW_VALUE;

    /** Verify the row checksums of TiCDC's integrity check ({@code protocol = 'simple'}). */
    public static final ConfigOption<Boolean> CHECKSUM_VERIFY = TiCdcFormatOptions.CHECKSUM_VERIFY;

    /** Writing only: the TiDB database each message names, unless a row gives its own. */
    public static final ConfigOption<String> ENCODE_DATABASE = TiCdcFormatOptions.ENCODE_DATABASE;

    /** Writing only: the TiDB table each message names, unless a row gives its own. */
    public static final ConfigOption<String> ENCODE_TABLE = TiCdcFormatOptions.ENCODE_TABLE;

    private TiCdcConnectorOptions() {}
}
