package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.TestDynamicTableFactory;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.apache.flink.table.runtime.connector.sink.SinkRuntimeProviderContext;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code ticdc-canal} factory as a sink format: options, names, primary key and metadata. */
class TiCdcCanalEncodingFormatFactoryTest {

    private static final ResolvedSchema SCHEMA =
            new ResolvedSchema(
                    List.of(
                            Column.physical("id", DataTypes.BIGINT().notNull()),
                            Column.physical("name", DataTypes.STRING())),
                    List.of(),
                    UniqueConstraint.primaryKey("pk", List.of("id")));
    private static final DataType PHYSICAL = SCHEMA.toPhysicalRowDataType();
    private static final RowType PHYSICAL_ROW = (RowType) PHYSICAL.getLogicalType();

    @Test
    void namesDefaultToTheFlinkTableAndTheKeyBecomesPkNames() {
        assertThat(encoder(format(options())))
                .isEqualTo(
                        TiCdcCanalSerializationSchema.builder(
                                        PHYSICAL_ROW,
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
        EncodingFormat<SerializationSchema<RowData>> format = format(options);

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
                        TiCdcCanalSerializationSchema.builder(PHYSICAL_ROW, "shop", "orders")
                                .setPrimaryKey(List.of("id"))
                                .setWritableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                .setTimestampZone(ZoneId.of("+08:00"))
                                .build());
    }

    @Test
    void anInvalidZoneIsRejectedWithTheOptionsName() {
        Map<String, String> options = options();
        options.put("ticdc-canal.timestamp.time-zone", "Mars/Base");
        assertThatThrownBy(() -> format(options))
                .hasRootCauseMessage(
                        "Option 'ticdc-canal.timestamp.time-zone' is not a valid time zone:"
                                + " 'Mars/Base' (Unknown time-zone ID: Mars/Base). Use a zone id"
                                + " such as 'UTC', 'Asia/Shanghai' or '+08:00'.");
    }

    private static SerializationSchema<RowData> encoder(
            EncodingFormat<SerializationSchema<RowData>> format) {
        return format.createRuntimeEncoder(new SinkRuntimeProviderContext(false), PHYSICAL);
    }

    @SuppressWarnings("unchecked")
    private static EncodingFormat<SerializationSchema<RowData>> format(
            Map<String, String> options) {
        return ((TestDynamicTableFactory.DynamicTableSinkMock)
                        FactoryMocks.createTableSink(SCHEMA, options))
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
}
