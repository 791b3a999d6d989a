package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.source.TiCdcDecodingBuilder;
import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.TableFilter;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.COMPRESSION;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.DATABASE_INCLUDE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.DDL;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.IGNORE_PARSE_ERRORS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.OPEN_PROTOCOL_OUTPUT_OLD_VALUE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TABLE_INCLUDE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TIMESTAMP_TIME_ZONE;

/**
 * What the format options of a {@code ticdc} table say about decoding, validated; applied to a
 * {@link TiCdcDecodingBuilder}.
 */
final class DecodingOptions {

    private final boolean ignoreParseErrors;
    private final String databaseInclude;
    private final String tableInclude;
    private final ZoneId timestampZone;
    private final DdlHandling ddl;
    private final Compression compression;
    private final boolean upsert;

    private DecodingOptions(
            boolean ignoreParseErrors,
            String databaseInclude,
            String tableInclude,
            ZoneId timestampZone,
            DdlHandling ddl,
            Compression compression,
            boolean upsert) {
        this.ignoreParseErrors = ignoreParseErrors;
        this.databaseInclude = databaseInclude;
        this.tableInclude = tableInclude;
        this.timestampZone = timestampZone;
        this.ddl = ddl;
        this.compression = compression;
        this.upsert = upsert;
    }

    /**
     * @param hasPrimaryKey whether the table declares a primary key, which upserts need
     */
    static DecodingOptions from(
            ReadableConfig options, TiCdcProtocol protocol, boolean hasPrimaryKey) {
        String databaseInclude = options.getOptional(DATABASE_INCLUDE).orElse(null);
        String tableInclude = options.getOptional(TABLE_INCLUDE).orElse(null);
        TableFilter.validateRegex(DATABASE_INCLUDE.key(), databaseInclude);
        TableFilter.validateRegex(TABLE_INCLUDE.key(), tableInclude);
        return new DecodingOptions(
                options.get(IGNORE_PARSE_ERRORS),
                databaseInclude,
                tableInclude,
                zone(options.get(TIMESTAMP_TIME_ZONE)),
                options.get(DDL),
                options.get(COMPRESSION),
                upsert(options, protocol, hasPrimaryKey));
    }

    private static boolean upsert(
            ReadableConfig options, TiCdcProtocol protocol, boolean hasPrimaryKey) {
        if (options.getOptional(OPEN_PROTOCOL_OUTPUT_OLD_VALUE).isEmpty()) {
            return false;
        }
        if (protocol != TiCdcProtocol.OPEN_PROTOCOL) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is only for 'protocol' = 'open-protocol'; canal-json"
                                    + " always carries the row before an update.",
                            OPEN_PROTOCOL_OUTPUT_OLD_VALUE.key()));
        }
        boolean upsert = !options.get(OPEN_PROTOCOL_OUTPUT_OLD_VALUE);
        if (upsert && !hasPrimaryKey) {
            throw new ValidationException(
                    String.format(
                            "'%s' = 'false' needs a PRIMARY KEY: TiCDC then writes updates"
                                    + " without the row before, so the source emits upserts,"
                                    + " which Flink applies by key. Declare the TiDB table's"
                                    + " primary key, e.g. PRIMARY KEY (id) NOT ENFORCED.",
                            OPEN_PROTOCOL_OUTPUT_OLD_VALUE.key()));
        }
        return upsert;
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is not a valid time zone: '%s' (%s). Use a zone id such"
                                    + " as 'UTC', 'Asia/Shanghai' or '+08:00'.",
                            TIMESTAMP_TIME_ZONE.key(), zone, e.getMessage()));
        }
    }

    /** Whether updates arrive without the row before, so rows are upserts. */
    boolean upsert() {
        return upsert;
    }

    /** Sets every format option on {@code builder}; returns it. */
    <B extends TiCdcDecodingBuilder<B>> B applyTo(B builder) {
        return builder.setIgnoreParseErrors(ignoreParseErrors)
                .setDatabaseInclude(databaseInclude)
                .setTableInclude(tableInclude)
                .setTimestampZone(timestampZone)
                .setDdlHandling(ddl)
                .setCompression(compression)
                .setUpsert(upsert);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DecodingOptions)) {
            return false;
        }
        DecodingOptions that = (DecodingOptions) o;
        return ignoreParseErrors == that.ignoreParseErrors
                && Objects.equals(databaseInclude, that.databaseInclude)
                && Objects.equals(tableInclude, that.tableInclude)
                && timestampZone.equals(that.timestampZone)
                && ddl == that.ddl
                && compression == that.compression
                && upsert == that.upsert;
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
                upsert);
    }
}
