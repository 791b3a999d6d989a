package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The values of the TiCDC format options ({@link TiCdcFormatOptions}) of one table, validated. The
 * {@code ticdc-canal} format and the {@code ticdc} connector read the same options; this is where
 * both turn them into decoder settings.
 */
@Internal
public final class DecoderOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean ignoreParseErrors;
    private final String databaseInclude;
    private final String tableInclude;
    private final ZoneId timestampZone;
    private final DdlHandling ddl;
    private final Compression compression;

    private DecoderOptions(
            boolean ignoreParseErrors,
            String databaseInclude,
            String tableInclude,
            ZoneId timestampZone,
            DdlHandling ddl,
            Compression compression) {
        this.ignoreParseErrors = ignoreParseErrors;
        this.databaseInclude = databaseInclude;
        this.tableInclude = tableInclude;
        this.timestampZone = timestampZone;
        this.ddl = ddl;
        this.compression = compression;
    }

    /**
     * Reads and validates the options.
     *
     * @param keyPrefix how the user wrote the keys, for error messages ({@code "ticdc-canal."}
     *     under a format, empty under the connector)
     * @throws ValidationException naming the option that is wrong
     */
    public static DecoderOptions from(ReadableConfig config, String keyPrefix) {
        String databaseInclude =
                config.getOptional(TiCdcFormatOptions.DATABASE_INCLUDE).orElse(null);
        String tableInclude = config.getOptional(TiCdcFormatOptions.TABLE_INCLUDE).orElse(null);
        TableFilter.validateRegex(
                keyPrefix + TiCdcFormatOptions.DATABASE_INCLUDE.key(), databaseInclude);
        TableFilter.validateRegex(keyPrefix + TiCdcFormatOptions.TABLE_INCLUDE.key(), tableInclude);
        return new DecoderOptions(
                config.get(TiCdcFormatOptions.IGNORE_PARSE_ERRORS),
                databaseInclude,
                tableInclude,
                zone(
                        keyPrefix + TiCdcFormatOptions.TIMESTAMP_TIME_ZONE.key(),
                        config.get(TiCdcFormatOptions.TIMESTAMP_TIME_ZONE)),
                config.get(TiCdcFormatOptions.DDL),
                config.get(TiCdcFormatOptions.COMPRESSION));
    }

    /** Sets every option on {@code builder}; returns it. */
    public <B extends DecoderBuilder<B, ?>> B applyTo(B builder) {
        return builder.setIgnoreParseErrors(ignoreParseErrors)
                .setDatabaseInclude(databaseInclude)
                .setTableInclude(tableInclude)
                .setTimestampZone(timestampZone)
                .setDdlHandling(ddl)
                .setCompression(compression);
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
                && compression == that.compression;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                ignoreParseErrors, databaseInclude, tableInclude, timestampZone, ddl, compression);
    }
}
