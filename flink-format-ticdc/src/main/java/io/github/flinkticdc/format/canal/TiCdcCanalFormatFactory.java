package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TableFilter;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import static io.github.flinkticdc.format.canal.TiCdcCanalFormatOptions.COMPRESSION;
import static io.github.flinkticdc.format.canal.TiCdcCanalFormatOptions.DATABASE_INCLUDE;
import static io.github.flinkticdc.format.canal.TiCdcCanalFormatOptions.DDL;
import static io.github.flinkticdc.format.canal.TiCdcCanalFormatOptions.IGNORE_PARSE_ERRORS;
import static io.github.flinkticdc.format.canal.TiCdcCanalFormatOptions.TABLE_INCLUDE;
import static io.github.flinkticdc.format.canal.TiCdcCanalFormatOptions.TIMESTAMP_TIME_ZONE;

/**
 * Factory of the {@code ticdc-canal} format ({@code 'format' = 'ticdc-canal'}): TiCDC's canal-json,
 * read as a changelog with TiDB's commit timestamp.
 */
public class TiCdcCanalFormatFactory implements DeserializationFormatFactory {

    /** The format's identifier in {@code 'format' = '...'}. */
    public static final String IDENTIFIER = "ticdc-canal";

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        String databaseInclude = formatOptions.getOptional(DATABASE_INCLUDE).orElse(null);
        String tableInclude = formatOptions.getOptional(TABLE_INCLUDE).orElse(null);
        TableFilter.validateRegex(IDENTIFIER + "." + DATABASE_INCLUDE.key(), databaseInclude);
        TableFilter.validateRegex(IDENTIFIER + "." + TABLE_INCLUDE.key(), tableInclude);
        return new TiCdcCanalDecodingFormat(
                formatOptions.get(IGNORE_PARSE_ERRORS),
                databaseInclude,
                tableInclude,
                zone(formatOptions.get(TIMESTAMP_TIME_ZONE)),
                formatOptions.get(DDL),
                formatOptions.get(COMPRESSION));
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Collections.emptySet();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(IGNORE_PARSE_ERRORS);
        options.add(DATABASE_INCLUDE);
        options.add(TABLE_INCLUDE);
        options.add(TIMESTAMP_TIME_ZONE);
        options.add(DDL);
        options.add(COMPRESSION);
        return options;
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ValidationException(
                    String.format(
                            "Option '%s.%s' is not a valid time zone: '%s' (%s). Use a zone id"
                                    + " such as 'UTC', 'Asia/Shanghai' or '+08:00'.",
                            IDENTIFIER, TIMESTAMP_TIME_ZONE.key(), zone, e.getMessage()));
        }
    }
}
