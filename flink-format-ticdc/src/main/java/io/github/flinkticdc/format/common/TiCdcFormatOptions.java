package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of decoding TiCDC messages, whatever the protocol: those of the {@code ticdc-canal}
 * format, where a table's DDL gives them the format's prefix ({@code
 * 'ticdc-canal.ignore-parse-errors' = 'true'}), and of the {@code ticdc} connector, where they have
 * none. The {@code encode.*} options, and {@code timestamp.time-zone}, are those of writing {@code
 * ticdc-canal}.
 */
@PublicEvolving
public final class TiCdcFormatOptions {

    /** Skip a message that cannot be decoded instead of failing the job. */
    public static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS =
            ConfigOptions.key("ignore-parse-errors")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Skip a message that cannot be decoded (malformed JSON, a value that"
                                    + " does not fit its column, a handle-key-only or claim-check"
                                    + " message) instead of failing. Every skip is counted in the"
                                    + " metric '"
                                    + DecodeMetrics.PARSE_ERRORS_SKIPPED
                                    + "' and logged with its reason"
                                    + " (rate-limited).");

    /** Regular expression for the databases to read. */
    public static final ConfigOption<String> DATABASE_INCLUDE =
            ConfigOptions.key("database.include")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Java regular expression that must match the whole TiDB database"
                                    + " name of an event for it to be read. Events of other"
                                    + " databases are skipped before their values are converted."
                                    + " Default: every database.");

    /** Regular expression for the tables to read. */
    public static final ConfigOption<String> TABLE_INCLUDE =
            ConfigOptions.key("table.include")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Java regular expression that must match the whole TiDB table name"
                                    + " of an event for it to be read. Default: every table.");

    /** Zone of TiCDC's TIMESTAMP text. */
    public static final ConfigOption<String> TIMESTAMP_TIME_ZONE =
            ConfigOptions.key("timestamp.time-zone")
                    .stringType()
                    .defaultValue("UTC")
                    .withDescription(
                            "Time zone TiCDC wrote TIMESTAMP columns in (the TiCDC server's"
                                    + " --tz / TZ). Used to read them into TIMESTAMP_LTZ columns,"
                                    + " and to write TIMESTAMP_LTZ columns as TIMESTAMP text;"
                                    + " any java.time.ZoneId, e.g. 'Asia/Shanghai' or '+08:00'.");

    /** What to do with DDL events. */
    public static final ConfigOption<DdlHandling> DDL =
            ConfigOptions.key("ddl")
                    .enumType(DdlHandling.class)
                    .defaultValue(DdlHandling.SKIP)
                    .withDescription(
                            "'skip' consumes DDL events (counted in '"
                                    + DecodeMetrics.DDL_EVENTS_SKIPPED
                                    + "');"
                                    + " 'fail' fails the job on the first DDL of a read table,"
                                    + " naming the statement.");

    /** TiCDC's large-message-handle-compression. */
    public static final ConfigOption<Compression> COMPRESSION =
            ConfigOptions.key("compression")
                    .enumType(Compression.class)
                    .defaultValue(Compression.NONE)
                    .withDescription(
                            "Set to TiCDC's large-message-handle-compression: 'none', 'lz4' (LZ4"
                                    + " frame) or 'snappy' (raw Snappy block). TiCDC then"
                                    + " compresses every message, not only large ones.");

    /** Where claim-check objects may be read from; required to read claim-check rows. */
    public static final ConfigOption<List<String>> CLAIM_CHECK_ALLOWED_LOCATIONS =
            ConfigOptions.key(ClaimCheck.ALLOWED_LOCATIONS_OPTION)
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Locations (URIs, separated by ';') under which the objects of TiCDC's"
                                    + " large-message-handle-option = claim-check may be read,"
                                    + " e.g. the changefeed's claim-check-storage-uri"
                                    + " 's3://bucket/claim-check'. A message names the object to"
                                    + " read, so without this option a claim-check row is an"
                                    + " error, as is a location outside every listed one. Objects"
                                    + " are read through Flink's file systems: any scheme with a"
                                    + " Flink file system plugin (s3, gs, oss, abfs, hdfs, file).");

    /** The largest claim-check object read. */
    public static final ConfigOption<MemorySize> CLAIM_CHECK_MAX_OBJECT_SIZE =
            ConfigOptions.key("claim-check.max-object-size")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(64))
                    .withDescription(
                            "A claim-check object larger than this is an error, found from its"
                                    + " length before it is read (at most 1 gb).");

    /** TiCDC's claim-check-raw-value. */
    public static final ConfigOption<Boolean> CLAIM_CHECK_RAW_VALUE =
            ConfigOptions.key("claim-check.raw-value")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Set to TiCDC's claim-check-raw-value: true when the claim-check"
                                    + " objects are the raw record values rather than TiCDC's"
                                    + " JSON {\"key\": ..., \"value\": ...}. canal-json and"
                                    + " simple only: TiCDC rejects it for the Open Protocol.");

    /** Verify the row checksums of TiCDC's integrity check (simple protocol). */
    public static final ConfigOption<Boolean> CHECKSUM_VERIFY =
            ConfigOptions.key("checksum.verify")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Simple protocol only: verify the row checksums TiCDC's integrity"
                                    + " check writes ([integrity] integrity-check-level ="
                                    + " 'correctness'). Each row image's checksum is recomputed"
                                    + " from its values and its table's schema; a mismatch, or a"
                                    + " row TiCDC marked corrupted, is a bad message (an error,"
                                    + " or a counted skip with 'ignore-parse-errors'). Rows that"
                                    + " cannot be verified (no schema received yet, no checksum"
                                    + " sent) are read and counted in '"
                                    + DecodeMetrics.CHECKSUMS_UNVERIFIED
                                    + "'.");

    /** The database name written into each message. */
    public static final ConfigOption<String> ENCODE_DATABASE =
            ConfigOptions.key("encode.database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Writing only: the TiDB database name each message names, unless a"
                                    + " row gives its own in the 'database' metadata column."
                                    + " Default: the database of the Flink table.");

    /** The table name written into each message. */
    public static final ConfigOption<String> ENCODE_TABLE =
            ConfigOptions.key("encode.table")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Writing only: the TiDB table name each message names, unless a row"
                                    + " gives its own in the 'table' metadata column. Default:"
                                    + " the name of the Flink table.");

    private TiCdcFormatOptions() {}

    /** Every option above, for a factory's {@code optionalOptions()}. */
    public static Set<ConfigOption<?>> decodingOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(IGNORE_PARSE_ERRORS);
        options.add(DATABASE_INCLUDE);
        options.add(TABLE_INCLUDE);
        options.add(TIMESTAMP_TIME_ZONE);
        options.add(DDL);
        options.add(COMPRESSION);
        options.add(CLAIM_CHECK_ALLOWED_LOCATIONS);
        options.add(CLAIM_CHECK_MAX_OBJECT_SIZE);
        options.add(CLAIM_CHECK_RAW_VALUE);
        options.add(CHECKSUM_VERIFY);
        return options;
    }

    /**
     * The options of writing, for a factory's {@code optionalOptions()}: the names, and the zone
     * TIMESTAMP_LTZ values are written in ({@link #TIMESTAMP_TIME_ZONE}, as when reading).
     */
    public static Set<ConfigOption<?>> encodingOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(ENCODE_DATABASE);
        options.add(ENCODE_TABLE);
        options.add(TIMESTAMP_TIME_ZONE);
        return options;
    }
}
