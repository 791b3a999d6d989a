package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecoderOptions;
import io.github.flinkticdc.format.common.TiCdcFormatOptions;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.common.TiCdcValueFormatFactory;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.SerializationFormatFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Factory of the {@code ticdc-canal} format ({@code 'format' = 'ticdc-canal'}): TiCDC's canal-json,
 * read as a changelog with TiDB's commit timestamp, and written as TiCDC writes it.
 */
@Internal
public class TiCdcCanalFormatFactory extends TiCdcValueFormatFactory
        implements SerializationFormatFactory {

    /** The format's identifier in {@code 'format' = '...'}. */
    public static final String IDENTIFIER = "ticdc-canal";

    public TiCdcCanalFormatFactory() {
        super(
                IDENTIFIER,
                TiCdcProtocol.CANAL_JSON,
                TiCdcMetadata.CANAL_JSON,
                TiCdcCanalDeserializationSchema::builder);
    }

    @Override
    public EncodingFormat<SerializationSchema<RowData>> createEncodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        String keyPrefix = validate(formatOptions);
        ObjectIdentifier flinkTable = context.getObjectIdentifier();
        List<String> primaryKey =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of());
        return new TiCdcCanalEncodingFormat(
                formatOptions
                        .getOptional(TiCdcFormatOptions.ENCODE_DATABASE)
                        .orElse(flinkTable.getDatabaseName()),
                formatOptions
                        .getOptional(TiCdcFormatOptions.ENCODE_TABLE)
                        .orElse(flinkTable.getObjectName()),
                primaryKey,
                DecoderOptions.from(formatOptions, keyPrefix).timestampZone());
    }

    /** The options of reading and of writing. */
    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>(super.optionalOptions());
        options.addAll(TiCdcFormatOptions.encodingOptions());
        return options;
    }
}
