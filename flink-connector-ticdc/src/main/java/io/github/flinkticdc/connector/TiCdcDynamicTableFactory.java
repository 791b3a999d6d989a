package io.github.flinkticdc.connector;

import io.github.flinkticdc.format.common.DecoderOptions;
import io.github.flinkticdc.format.common.EnumOptionValue;
import io.github.flinkticdc.format.common.TiCdcFormatOptions;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.ScanBoundedMode;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.ScanStartupMode;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.WatermarkSpec;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.CONSISTENCY;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.DELIVERY_GUARANTEE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.ENCODE_DATABASE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.ENCODE_TABLE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.OPEN_PROTOCOL_OUTPUT_OLD_VALUE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.PROPERTIES_PREFIX;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.PROPS_BOOTSTRAP_SERVERS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.PROPS_GROUP_ID;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.PROTOCOL;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_BOUNDED_MODE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_STARTUP_MODE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_STARTUP_SPECIFIC_OFFSETS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SCAN_TOPIC_PARTITION_DISCOVERY;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.SINK_PARALLELISM;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TIMESTAMP_TIME_ZONE;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TOPIC;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TOPIC_PATTERN;
import static io.github.flinkticdc.connector.TiCdcConnectorOptions.TRANSACTIONAL_ID_PREFIX;

/**
 * Factory of the {@code 'connector' = 'ticdc'} table source and sink. The source reads a TiCDC
 * changefeed's Kafka topic, key and value, in one of the {@link TiCdcProtocol}s, as a changelog;
 * the sink writes a changelog to a topic as TiCDC writes canal-json.
 */
@Internal
public class TiCdcDynamicTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    /** The connector's identifier in {@code 'connector' = '...'}. */
    public static final String IDENTIFIER = "ticdc";

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper =
                validatedHelper(context, sinkOnlyOptions(), "of writing (a sink)", "read from");
        Map<String, String> rawOptions = context.getCatalogTable().getOptions();
        ReadableConfig options = helper.getOptions();
        TiCdcProtocol protocol = options.get(PROTOCOL);
        boolean hasPrimaryKey =
                context.getCatalogTable().getResolvedSchema().getPrimaryKey().isPresent();
        DecoderOptions format = DecoderOptions.from(options, "");
        format.validateFor(protocol);
        return new TiCdcDynamicSource(
                context.getPhysicalRowDataType(),
                protocol,
                KafkaReadOptions.from(options, rawOptions),
                format,
                upsert(options, protocol, hasPrimaryKey),
                options.get(CONSISTENCY),
                rowtimeIsCommitTime(context.getCatalogTable().getResolvedSchema()),
                context.getObjectIdentifier().asSummaryString());
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper =
                validatedHelper(
                        context, sourceOnlyOptions(), "of reading (a source)", "written to");
        ReadableConfig options = helper.getOptions();
        if (options.get(PROTOCOL) != TiCdcProtocol.CANAL_JSON) {
            throw new ValidationException(
                    String.format(
                            "A 'ticdc' sink writes 'protocol' = 'canal-json' only (with TiCDC's"
                                    + " TiDB extension), not '%s'.",
                            options.get(PROTOCOL)));
        }
        ObjectIdentifier flinkTable = context.getObjectIdentifier();
        return new TiCdcDynamicSink(
                context.getPhysicalRowDataType(),
                context.getPrimaryKeyIndexes(),
                KafkaWriteOptions.from(options, context.getCatalogTable().getOptions()),
                options.getOptional(ENCODE_DATABASE).orElse(flinkTable.getDatabaseName()),
                options.getOptional(ENCODE_TABLE).orElse(flinkTable.getObjectName()),
                DecoderOptions.from(options, "").timestampZone(),
                options.getOptional(SINK_PARALLELISM).orElse(null));
    }

    /**
     * The helper of a table whose options are all known and none of them of the other role: a table
     * is created for reading or for writing, and an option that role ignores is an error the user
     * should see, not one the job hides.
     *
     * @param otherRole the options the table's role does not use
     * @param otherRoleName what those options are for, in the error
     * @param verb what the job does with the table, in the error
     */
    private FactoryUtil.TableFactoryHelper validatedHelper(
            Context context, Set<ConfigOption<?>> otherRole, String otherRoleName, String verb) {
        Map<String, String> rawOptions = context.getCatalogTable().getOptions();
        if (!rawOptions.containsKey(PROTOCOL.key())) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is required: the 'protocol' of the TiCDC changefeed's"
                                    + " sink URI, one of %s.",
                            PROTOCOL.key(), EnumOptionValue.quotedValues(TiCdcProtocol.class)));
        }
        for (ConfigOption<?> option : otherRole) {
            if (rawOptions.containsKey(option.key())) {
                throw new ValidationException(
                        String.format(
                                "Option '%s' is an option %s, but table %s is %s here. Remove it,"
                                        + " or declare one table for reading and one for"
                                        + " writing.",
                                option.key(),
                                otherRoleName,
                                context.getObjectIdentifier().asSummaryString(),
                                verb));
            }
        }
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        requireKnownEnumValues(helper.getOptions());
        helper.validateExcept(PROPERTIES_PREFIX);
        return helper;
    }

    private static void requireKnownEnumValues(ReadableConfig options) {
        EnumOptionValue.requireKnown(options, "", PROTOCOL, TiCdcProtocol.class);
        EnumOptionValue.requireKnown(options, "", CONSISTENCY, Consistency.class);
        EnumOptionValue.requireKnown(options, "", SCAN_STARTUP_MODE, ScanStartupMode.class);
        EnumOptionValue.requireKnown(options, "", SCAN_BOUNDED_MODE, ScanBoundedMode.class);
        EnumOptionValue.requireKnown(options, "", DELIVERY_GUARANTEE, DeliveryGuarantee.class);
        EnumOptionValue.requireKnownFormatValues(options, "");
    }

    /** Whether the table's watermark is declared on its {@code commit-time} metadata column. */
    private static boolean rowtimeIsCommitTime(ResolvedSchema schema) {
        for (WatermarkSpec watermark : schema.getWatermarkSpecs()) {
            Column rowtime = schema.getColumn(watermark.getRowtimeAttribute()).orElse(null);
            if (rowtime instanceof Column.MetadataColumn) {
                Column.MetadataColumn metadata = (Column.MetadataColumn) rowtime;
                return TiCdcMetadata.COMMIT_TIME
                        .key()
                        .equals(metadata.getMetadataKey().orElse(metadata.getName()));
            }
        }
        return false;
    }

    /**
     * Whether {@code open-protocol.output-old-value} = false makes the rows upserts; that needs a
     * primary key, and the option is only for a protocol whose updates can lack the row before.
     */
    private static boolean upsert(
            ReadableConfig options, TiCdcProtocol protocol, boolean hasPrimaryKey) {
        if (options.getOptional(OPEN_PROTOCOL_OUTPUT_OLD_VALUE).isEmpty()) {
            return false;
        }
        if (!protocol.canOmitOldImage()) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is only for 'protocol' = 'open-protocol'; %s always"
                                    + " carries the row before an update.",
                            OPEN_PROTOCOL_OUTPUT_OLD_VALUE.key(), protocol));
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

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(PROTOCOL);
        options.add(PROPS_BOOTSTRAP_SERVERS);
        return options;
    }

    /** The options of both roles, of reading only and of writing only. */
    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(TOPIC);
        options.add(PROPS_GROUP_ID);
        options.add(TIMESTAMP_TIME_ZONE);
        options.addAll(sourceOnlyOptions());
        options.addAll(sinkOnlyOptions());
        return options;
    }

    private static Set<ConfigOption<?>> sourceOnlyOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(TOPIC_PATTERN);
        options.add(SCAN_STARTUP_MODE);
        options.add(SCAN_STARTUP_SPECIFIC_OFFSETS);
        options.add(SCAN_STARTUP_TIMESTAMP_MILLIS);
        options.add(SCAN_BOUNDED_MODE);
        options.add(SCAN_BOUNDED_SPECIFIC_OFFSETS);
        options.add(SCAN_BOUNDED_TIMESTAMP_MILLIS);
        options.add(SCAN_TOPIC_PARTITION_DISCOVERY);
        options.add(OPEN_PROTOCOL_OUTPUT_OLD_VALUE);
        options.add(CONSISTENCY);
        options.addAll(TiCdcFormatOptions.decodingOptions());
        options.remove(TIMESTAMP_TIME_ZONE);
        return options;
    }

    private static Set<ConfigOption<?>> sinkOnlyOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(DELIVERY_GUARANTEE);
        options.add(TRANSACTIONAL_ID_PREFIX);
        options.add(SINK_PARALLELISM);
        options.add(ENCODE_DATABASE);
        options.add(ENCODE_TABLE);
        return options;
    }
}
