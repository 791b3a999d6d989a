package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.TestDynamicTableFactory;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.apache.flink.table.runtime.connector.source.ScanRuntimeProviderContext;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ticdc-debezium} factory, found by its identifier as the planner finds it: the shared
 * format options under its own prefix, validated, and this protocol's metadata.
 */
class TiCdcDebeziumFormatFactoryTest {

    private static final ResolvedSchema SCHEMA =
            ResolvedSchema.of(
                    Column.physical("id", DataTypes.BIGINT()),
                    Column.physical("price", DataTypes.DECIMAL(10, 2)));
    private static final DataType PHYSICAL = SCHEMA.toPhysicalRowDataType();
    private static final RowType PHYSICAL_ROW = (RowType) PHYSICAL.getLogicalType();

    @Test
    void everyOptionReachesTheSchema() {
        Map<String, String> options = options();
        options.put("ticdc-debezium.ignore-parse-errors", "true");
        options.put("ticdc-debezium.database.include", "shop");
        options.put("ticdc-debezium.table.include", "orders");
        options.put("ticdc-debezium.timestamp.time-zone", "Asia/Shanghai");
        options.put("ticdc-debezium.ddl", "fail");
        options.put("ticdc-debezium.compression", "snappy");
        TiCdcDebeziumDeserializationSchema expected =
                TiCdcDebeziumDeserializationSchema.builder(PHYSICAL_ROW)
                        .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                        .setIgnoreParseErrors(true)
                        .setDatabaseInclude("shop")
                        .setTableInclude("orders")
                        .setTimestampZone(ZoneId.of("Asia/Shanghai"))
                        .setDdlHandling(DdlHandling.FAIL)
                        .setCompression(Compression.SNAPPY)
                        .build();

        assertThat(
                        format(options)
                                .createRuntimeDecoder(
                                        ScanRuntimeProviderContext.INSTANCE, PHYSICAL))
                .isEqualTo(expected);
    }

    @Test
    void listsTheMetadataOfTheProtocol() {
        assertThat(format(options()).listReadableMetadata())
                .isEqualTo(TiCdcMetadata.types(TiCdcMetadata.DEBEZIUM));
    }

    @Test
    void anUnknownOrBadOptionNamesItsKey() {
        Map<String, String> unknown = options();
        unknown.put("ticdc-debezium.schema", "off");
        assertThatThrownBy(() -> FactoryMocks.createTableSource(SCHEMA, unknown))
                .hasStackTraceContaining("ticdc-debezium.schema");
        Map<String, String> badZone = options();
        badZone.put("ticdc-debezium.timestamp.time-zone", "Mars/Olympus");
        assertThatThrownBy(() -> FactoryMocks.createTableSource(SCHEMA, badZone))
                .hasRootCauseInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "'ticdc-debezium.timestamp.time-zone' is not a valid time zone");
    }

    private static Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", TestDynamicTableFactory.IDENTIFIER);
        options.put("target", "MyTarget");
        options.put("buffer-size", "1000");
        options.put("format", TiCdcDebeziumFormatFactory.IDENTIFIER);
        return options;
    }

    private static DecodingFormat<DeserializationSchema<RowData>> format(
            Map<String, String> options) {
        return ((TestDynamicTableFactory.DynamicTableSourceMock)
                        FactoryMocks.createTableSource(SCHEMA, options))
                .valueFormat;
    }
}
