package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.TestDynamicTableFactory;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.apache.flink.table.runtime.connector.sink.SinkRuntimeProviderContext;
import org.apache.flink.table.runtime.connector.source.ScanRuntimeProviderContext;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code ticdc-canal} factory: options, their validation, metadata and projection; and as a
 * sink format, its names, primary key and writable metadata.
 */
class TiCdcCanalFormatFactoryTest {

    private static final ResolvedSchema SCHEMA =
            ResolvedSchema.of(
                    Column.physical("id", DataTypes.BIGINT()),
                    Column.physical("name", DataTypes.STRING()),
                    Column.physical("price", DataTypes.DECIMAL(10, 2)));
    private static final DataType PHYSICAL = SCHEMA.toPhysicalRowDataType();
    private static final RowType PHYSICAL_ROW = (RowType) PHYSICAL.getLogicalType();

    private static final ResolvedSchema KEYED_SCHEMA =
            new ResolvedSchema(
                    List.of(
                            Column.physical("id", DataTypes.BIGINT().notNull()),
                            Column.physical("name", DataTypes.STRING())),
                    List.of(),
                    UniqueConstraint.primaryKey("pk", List.of("id")));
    private static final DataType KEYED = KEYED_SCHEMA.toPhysicalRowDataType();
    private static final RowType KEYED_ROW = (RowType) KEYED.getLogicalType();

    @Test
    void defaultOptions() {
        TiCdcCanalDeserializationSchema expected =
                TiCdcCanalDeserializationSchema.builder(PHYSICAL_ROW)
                        .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                        .build();

        assertThat(decoder(options())).isEqualTo(expected);
    }

    @Test
    void everyOption() {
        Map<String, String> options = options();
        options.put("ticdc-canal.ignore-parse-errors", "true");
        options.put("ticdc-canal.database.include", "shop");
        options.put("ticdc-canal.table.include", "orders|customers");
        options.put("ticdc-canal.timestamp.time-zone", "Asia/Shanghai");
        options.put("ticdc-canal.ddl", "fail");
        options.put("ticdc-canal.compression", "lz4");
        TiCdcCanalDeserializationSchema expected =
                TiCdcCanalDeserializationSchema.builder(PHYSICAL_ROW)
                        .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                        .setIgnoreParseErrors(true)
                        .setDatabaseInclude("shop")
                        .setTableInclude("orders|customers")
                        .setTimestampZone(ZoneId.of("Asia/Shanghai"))
                        .setDdlHandling(DdlHandling.FAIL)
                        .setCompression(Compression.LZ4)
                        .build();

        assertThat(decoder(options)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ticdc-canal.table.include|orders(|'ticdc-canal.table.include' is not a valid Java"
                        + " regular expression",
                "ticdc-canal.database.include|[a|'ticdc-canal.database.include' is not a valid",
                "ticdc-canal.timestamp.time-zone|Mars/Base|'ticdc-canal.timestamp.time-zone' is"
                        + " not a valid time zone",
                "ticdc-canal.ignore-parse-errors|maybe|Could not parse value 'maybe'",
                "ticdc-canal.no-such-option|x|Unsupported options",
            })
    void invalidOptionsAreRejectedWithTheirName(String key, String value, String message) {
        Map<String, String> options = options();
        options.put(key, value);
        assertThatThrownBy(() -> FactoryMocks.createTableSource(SCHEMA, options))
                .satisfies(
                        e ->
                                assertThat(causes(e))
                                        .anySatisfy(m -> assertThat(m).contains(message)));
    }

    @Test
    void listsEveryMetadataKeyOfTheContract() {
        assertThat(format(options()).listReadableMetadata())
                .containsExactly(
                        Map.entry("database", DataTypes.STRING().nullable()),
                        Map.entry("table", DataTypes.STRING().nullable()),
                        Map.entry("event-type", DataTypes.STRING().nullable()),
                        Map.entry("commit-ts", DataTypes.BIGINT().nullable()),
                        Map.entry("commit-time", DataTypes.TIMESTAMP_LTZ(3).nullable()),
                        Map.entry("event-timestamp", DataTypes.TIMESTAMP_LTZ(3).nullable()),
                        Map.entry("ingestion-timestamp", DataTypes.TIMESTAMP_LTZ(3).nullable()),
                        Map.entry("pk-names", DataTypes.ARRAY(DataTypes.STRING()).nullable()),
                        Map.entry(
                                "sql-type",
                                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT()).nullable()),
                        Map.entry(
                                "mysql-type",
                                DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING()).nullable()));
    }

    @Test
    void projectionAndMetadataShapeTheDecoder() {
        DecodingFormat<DeserializationSchema<RowData>> format = format(options());
        format.applyReadableMetadata(List.of("commit-ts", "table"));
        DeserializationSchema<RowData> decoder =
                ((ProjectableDecodingFormat<DeserializationSchema<RowData>>) format)
                        .createRuntimeDecoder(
                                ScanRuntimeProviderContext.INSTANCE,
                                PHYSICAL,
                                new int[][] {{2}, {0}});

        RowType projected =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                                        DataTypes.FIELD("id", DataTypes.BIGINT()))
                                .notNull()
                                .getLogicalType();
        RowType produced =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                                        DataTypes.FIELD("commit-ts", DataTypes.BIGINT()),
                                        DataTypes.FIELD("table", DataTypes.STRING()))
                                .notNull()
                                .getLogicalType();
        assertThat(decoder)
                .isEqualTo(
                        TiCdcCanalDeserializationSchema.builder(projected)
                                .setReadableMetadata(
                                        List.of(TiCdcMetadata.COMMIT_TS, TiCdcMetadata.TABLE))
                                .setProducedTypeInfo(InternalTypeInfo.of(produced))
                                .build());
    }

    @Test
    void unsupportedColumnTypesFailWhenTheDecoderIsCreated() {
        DataType physical =
                DataTypes.ROW(
                                DataTypes.FIELD(
                                        "m", DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())))
                        .notNull();
        assertThatThrownBy(
                        () ->
                                format(options())
                                        .createRuntimeDecoder(
                                                ScanRuntimeProviderContext.INSTANCE, physical))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'm' is declared as MAP<STRING, INT>");
    }

    @Test
    void namesDefaultToTheFlinkTableAndTheKeyBecomesPkNames() {
        assertThat(encoder(sinkFormat(options())))
                .isEqualTo(
                        TiCdcCanalSerializationSchema.builder(
                                        KEYED_ROW,
                                        FactoryMocks.IDENTIFIER.getDatabaseName(),
                                        FactoryMocks.IDENTIFIER.getObjectName())
                                .setPrimaryKey(List.of("id"))
                                .build());
    }

    @Test
    void everyWritingOptionAndTheWrittenMetadata() {
        Map<String, String> options = options();
        options.put("ticdc-canal.encode.database", "shop");
        options.put("ticdc-canal.encode.table", "orders");
        options.put("ticdc-canal.timestamp.time-zone", "+08:00");
        EncodingFormat<SerializationSchema<RowData>> format = sinkFormat(options);

        assertThat(format.listWritableMetadata())
                .containsExactly(
                        Map.entry("database", DataTypes.STRING().nullable()),
                        Map.entry("table", DataTypes.STRING().nullable()),
                        Map.entry("commit-ts", DataTypes.BIGINT().nullable()));
        assertThat(format.getChangelogMode().getContainedKinds())
                .containsExactlyInAnyOrder(RowKind.values());
        format.applyWritableMetadata(List.of("commit-ts"));
        assertThat(encoder(format))
                .isEqualTo(
                        TiCdcCanalSerializationSchema.builder(KEYED_ROW, "shop", "orders")
                                .setPrimaryKey(List.of("id"))
                                .setWritableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                .setTimestampZone(ZoneId.of("+08:00"))
                                .build());
    }

    @Test
    void aSinkWithAnInvalidZoneIsRejectedWithTheOptionsName() {
        Map<String, String> options = options();
        options.put("ticdc-canal.timestamp.time-zone", "Mars/Base");
        assertThatThrownBy(() -> sinkFormat(options))
                .hasRootCauseMessage(
                        "Option 'ticdc-canal.timestamp.time-zone' is not a valid time zone:"
                                + " 'Mars/Base' (Unknown time-zone ID: Mars/Base). Use a zone id"
                                + " such as 'UTC', 'Asia/Shanghai' or '+08:00'.");
    }

    private static SerializationSchema<RowData> encoder(
            EncodingFormat<SerializationSchema<RowData>> format) {
        return format.createRuntimeEncoder(new SinkRuntimeProviderContext(false), KEYED);
    }

    /** The sink format of a table whose key is {@code id}. */
    @SuppressWarnings("unchecked")
    private static EncodingFormat<SerializationSchema<RowData>> sinkFormat(
            Map<String, String> options) {
        return ((TestDynamicTableFactory.DynamicTableSinkMock)
                        FactoryMocks.createTableSink(KEYED_SCHEMA, options))
                .valueFormat;
    }

    private static Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", TestDynamicTableFactory.IDENTIFIER);
        options.put("target", "MyTarget");
        options.put("buffer-size", "1000");
        options.put("format", TiCdcCanalFormatFactory.IDENTIFIER);
        return options;
    }

    private static DecodingFormat<DeserializationSchema<RowData>> format(
            Map<String, String> options) {
        return ((TestDynamicTableFactory.DynamicTableSourceMock)
                        FactoryMocks.createTableSource(SCHEMA, options))
                .valueFormat;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {"ddl|ignore|'skip', 'fail'", "compression|gzip|'none', 'lz4', 'snappy'"})
    void anEnumOptionWithAnUnknownValueNamesTheOptionAsWrittenAndItsValues(
            String key, String value, String allowed) {
        Map<String, String> options = options();
        options.put("ticdc-canal." + key, value);
        Throwable root = catchThrowable(() -> decoder(options));
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root)
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "Option 'ticdc-canal." + key + "' is '" + value + "'; it must be one of ")
                .hasMessageContaining(allowed);
    }

    /**
     * Under Flink's {@code kafka} connector the format's options are written with its prefix: an
     * error names them so, the hint to set the compression as the way to skip.
     */
    @Test
    void errorsNameTheOptionsAsTheTableWritesThem() throws Exception {
        DecoderHarness<byte[]> decoder = DecoderHarness.of(decoder(options()));
        byte[] lz4 = {0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, (byte) 0x82, 0, 0, 0, 0};
        assertThatThrownBy(() -> decoder.decode(lz4))
                .hasMessageContaining("set 'ticdc-canal.compression' = 'lz4'")
                .hasMessageContaining(
                        "To skip such messages instead, set 'ticdc-canal.ignore-parse-errors' ="
                                + " 'true': each one skipped is counted in the metric"
                                + " ticdcParseErrorsSkipped.");
    }

    private static DeserializationSchema<RowData> decoder(Map<String, String> options) {
        return format(options).createRuntimeDecoder(ScanRuntimeProviderContext.INSTANCE, PHYSICAL);
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
