package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecoderOptions;
import io.github.flinkticdc.format.common.EnumOptionValue;
import io.github.flinkticdc.format.common.TiCdcFormatOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Collections;
import java.util.Set;

/**
 * Factory of the {@code ticdc-canal} format ({@code 'format' = 'ticdc-canal'}): TiCDC's canal-json,
 * read as a changelog with TiDB's commit timestamp.
 */
@Internal
public class TiCdcCanalFormatFactory implements DeserializationFormatFactory {

    /** The format's identifier in {@code 'format' = '...'}. */
    public static final String IDENTIFIER = "ticdc-canal";

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        String keyPrefix = IDENTIFIER + ".";
        EnumOptionValue.requireKnownFormatValues(formatOptions, keyPrefix);
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return new TiCdcCanalDecodingFormat(DecoderOptions.from(formatOptions, keyPrefix));
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
        return TiCdcFormatOptions.decodingOptions();
    }
}
