package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The values of the TiCDC format options ({@link TiCdcFormatOptions}), validated: the one model of
 * them. The {@code ticdc-canal} format and the {@code ticdc} connector read them from a table's
 * options with {@link #from}; the decoder builders start from {@link #DEFAULTS} and change one
 * value per setter. Immutable.
 */
@Internal
public final class DecoderOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every option at its default. */
    public static final DecoderOptions DEFAULTS =
            new DecoderOptions(
                    TiCdcFormatOptions.IGNORE_PARSE_ERRORS.defaultValue(),
                    null,
                    null,
                    ZoneId.of(TiCdcFormatOptions.TIMESTAMP_TIME_ZONE.defaultValue()),
                    TiCdcFormatOptions.DDL.defaultValue(),
                    TiCdcFormatOptions.COMPRESSION.defaultValue(),
                    ClaimCheckOptions.DEFAULTS,
                    TiCdcFormatOptions.CHECKSUM_VERIFY.defaultValue(),
                    "");

    // Not final only for with(), which sets one of them on a fresh copy.
    private boolean ignoreParseErrors;
    private String databaseInclude;
    private String tableInclude;
    private ZoneId timestampZone;
    private DdlHandling ddl;
    private Compression compression;
    private ClaimCheckOptions claimCheck;
    private boolean checksumVerify;
    private final String keyPrefix;

    private DecoderOptions(
            boolean ignoreParseErrors,
            String databaseInclude,
            String tableInclude,
            ZoneId timestampZone,
            DdlHandling ddl,
            Compression compression,
            ClaimCheckOptions claimCheck,
            boolean checksumVerify,
            String keyPrefix) {
        this.ignoreParseErrors = ignoreParseErrors;
        this.databaseInclude = databaseInclude;
        this.tableInclude = tableInclude;
        this.timestampZone = Objects.requireNonNull(timestampZone);
        this.ddl = Objects.requireNonNull(ddl);
        this.compression = Objects.requireNonNull(compression);
        this.claimCheck = Objects.requireNonNull(claimCheck);
        this.checksumVerify = checksumVerify;
        this.keyPrefix = Objects.requireNonNull(keyPrefix);
    }

    /**
     * Reads and validates the options.
     *
     * @param keyPrefix how the user wrote the keys, for error messages ({@code "ticdc-canal."}
     *     under a format, empty under the connector)
     * @throws ValidationException naming the option that is wrong
     */
    public static DecoderOptions from(ReadableConfig config, String keyPrefix) {
        DecoderOptions options =
                new DecoderOptions(
                        config.get(TiCdcFormatOptions.IGNORE_PARSE_ERRORS),
                        config.getOptional(TiCdcFormatOptions.DATABASE_INCLUDE).orElse(null),
                        config.getOptional(TiCdcFormatOptions.TABLE_INCLUDE).orElse(null),
                        zone(
                                keyPrefix + TiCdcFormatOptions.TIMESTAMP_TIME_ZONE.key(),
                                config.get(TiCdcFormatOptions.TIMESTAMP_TIME_ZONE)),
                        config.get(TiCdcFormatOptions.DDL),
                        config.get(TiCdcFormatOptions.COMPRESSION),
                        ClaimCheckOptions.from(config),
                        config.get(TiCdcFormatOptions.CHECKSUM_VERIFY),
                        keyPrefix);
        options.validate();
        return options;
    }

    /**
     * @throws ValidationException if a table filter is not a valid regular expression, or a
     *     claim-check option is wrong
     */
    void validate() {
        TableFilter.validateRegex(keyOf(TiCdcFormatOptions.DATABASE_INCLUDE), databaseInclude);
        TableFilter.validateRegex(keyOf(TiCdcFormatOptions.TABLE_INCLUDE), tableInclude);
        claimCheck.validate(this);
    }

    /**
     * Checks the options that only some protocols have.
     *
     * @throws ValidationException naming the option and the protocols it is for
     */
    public void validateFor(TiCdcProtocol protocol) {
        if (claimCheck.rawValue() && protocol == TiCdcProtocol.OPEN_PROTOCOL) {
            throw new ValidationException(
                    "Option '"
                            + keyOf(TiCdcFormatOptions.CLAIM_CHECK_RAW_VALUE)
                            + "' is for canal-json and simple: TiCDC rejects"
                            + " claim-check-raw-value for the Open Protocol, whose objects always"
                            + " hold the record key and value as JSON.");
        }
        if (checksumVerify && protocol != TiCdcProtocol.SIMPLE) {
            throw new ValidationException(
                    "Option '"
                            + keyOf(TiCdcFormatOptions.CHECKSUM_VERIFY)
                            + "' is for the simple protocol: of the protocols read here, TiCDC"
                            + " writes row checksums only into simple-protocol messages, not "
                            + protocol
                            + ".");
        }
    }

    private static ZoneId zone(String option, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is not a valid time zone: '%s' (%s). Use a zone id such"
                                    + " as 'UTC', 'Asia/Shanghai' or '+08:00'.",
                            option, zone, e.getMessage()));
        }
    }

    DecoderOptions withIgnoreParseErrors(boolean value) {
        return with(o -> o.ignoreParseErrors = value);
    }

    DecoderOptions withDatabaseInclude(String regex) {
        return with(o -> o.databaseInclude = regex);
    }

    DecoderOptions withTableInclude(String regex) {
        return with(o -> o.tableInclude = regex);
    }

    DecoderOptions withTimestampZone(ZoneId zone) {
        return with(o -> o.timestampZone = Objects.requireNonNull(zone));
    }

    DecoderOptions withDdl(DdlHandling handling) {
        return with(o -> o.ddl = Objects.requireNonNull(handling));
    }

    DecoderOptions withCompression(Compression value) {
        return with(o -> o.compression = Objects.requireNonNull(value));
    }

    DecoderOptions withClaimCheck(UnaryOperator<ClaimCheckOptions> change) {
        return with(o -> o.claimCheck = change.apply(o.claimCheck));
    }

    DecoderOptions withChecksumVerify(boolean value) {
        return with(o -> o.checksumVerify = value);
    }

    /** A copy with one value changed: instances are never changed once they are handed out. */
    private DecoderOptions with(Consumer<DecoderOptions> change) {
        DecoderOptions copy =
                new DecoderOptions(
                        ignoreParseErrors,
                        databaseInclude,
                        tableInclude,
                        timestampZone,
                        ddl,
                        compression,
                        claimCheck,
                        checksumVerify,
                        keyPrefix);
        change.accept(copy);
        return copy;
    }

    public boolean ignoreParseErrors() {
        return ignoreParseErrors;
    }

    /** The {@code database.include} / {@code table.include} filter. */
    public TableFilter filter() {
        return new TableFilter(databaseInclude, tableInclude);
    }

    public ZoneId timestampZone() {
        return timestampZone;
    }

    public DdlHandling ddl() {
        return ddl;
    }

    public Compression compression() {
        return compression;
    }

    /** {@code checksum.verify}: whether to verify TiCDC's row checksums. */
    public boolean checksumVerify() {
        return checksumVerify;
    }

    /** The {@code claim-check.*} options. */
    ClaimCheckOptions claimCheck() {
        return claimCheck;
    }

    /**
     * How the user writes the option's key: with the format's prefix ({@code
     * 'ticdc-canal.compression'}) under Flink's {@code kafka} connector, bare under the {@code
     * ticdc} connector and in the builders.
     */
    public String keyOf(ConfigOption<?> option) {
        return keyPrefix + option.key();
    }

    /** Equal options decode alike; how their keys are written only words the errors. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DecoderOptions)) {
            return false;
        }
        DecoderOptions that = (DecoderOptions) o;
        return ignoreParseErrors == that.ignoreParseErrors
                && Objects.equals(databaseInclude, that.databaseInclude)
                && Objects.equals(tableInclude, that.tableInclude)
                && timestampZone.equals(that.timestampZone)
                && ddl == that.ddl
                && compression == that.compression
                && claimCheck.equals(that.claimCheck)
                && checksumVerify == that.checksumVerify;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                ignoreParseErrors,
                databaseInclude,
                tableInclude,
                timestampZone,
                ddl,
                compression,
                claimCheck,
                checksumVerify);
    }

    @Override
    public String toString() {
        return String.format(
                "ignore-parse-errors=%s, database.include=%s, table.include=%s,"
                        + " timestamp.time-zone=%s, ddl=%s, compression=%s, %s,"
                        + " checksum.verify=%s",
                ignoreParseErrors,
                databaseInclude,
                tableInclude,
                timestampZone,
                ddl,
                compression,
                claimCheck,
                checksumVerify);
    }
}
