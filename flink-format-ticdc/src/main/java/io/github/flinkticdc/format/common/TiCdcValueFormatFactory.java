package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the factories of the value-only TiCDC formats share: the same options, validated the same
 * way, and a {@link TiCdcDecodingFormat} of their protocol. A subclass names its identifier, its
 * protocol, the metadata its messages carry and its schema builder.
 */
@Internal
public abstract class TiCdcValueFormatFactory implements DeserializationFormatFactory {

    private final String identifier;
    private final TiCdcProtocol protocol;
    private final Set<TiCdcMetadata> readableMetadata;
    private final Function<RowType, DecoderBuilder<?, ? extends TiCdcDeserializationSchema>>
            builders;

    protected TiCdcValueFormatFactory(
            String identifier,
            TiCdcProtocol protocol,
            Set<TiCdcMetadata> readableMetadata,
            Function<RowType, DecoderBuilder<?, ? extends TiCdcDeserializationSchema>> builders) {
        this.identifier = Objects.requireNonNull(identifier);
        this.protocol = Objects.requireNonNull(protocol);
        this.readableMetadata = Objects.requireNonNull(readableMetadata);
        this.builders = Objects.requireNonNull(builders);
    }

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        String keyPrefix = validate(formatOptions);
        return new TiCdcDecodingFormat(
                protocol,
                readableMetadata,
                builders,
                DecoderOptions.from(formatOptions, keyPrefix));
    }

    /**
     * Checks a table's options of this format as every TiCDC format checks them, reading or
     * writing.
     *
     * @return the prefix the table writes the format's keys with ({@code "ticdc-canal."}), for
     *     error messages
     */
    protected final String validate(ReadableConfig formatOptions) {
        String keyPrefix = identifier + ".";
        EnumOptionValue.requireKnownFormatValues(formatOptions, keyPrefix);
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return keyPrefix;
    }

    @Override
    public String factoryIdentifier() {
        return identifier;
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
