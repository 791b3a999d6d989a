package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.InstantiationUtil;

import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the schema turns canal-json events into changelog rows, whatever the field order. */
class TiCdcCanalDeserializationSchemaTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("color", DataTypes.STRING()),
                                    DataTypes.FIELD("raw", DataTypes.BYTES()))
                            .getLogicalType();

    private static final String TYPES =
            "\"mysqlType\":{\"id\":\"int\",\"name\":\"varchar\","
                    + "\"color\":\"enum('red','green')\",\"raw\":\"varbinary\",\"bad\":\"int\"}";

    @Test
    void updateEmitsBeforeAndAfterWithSharedMetadata() throws Exception {
        String update =
                "{\"database\":\"shop\",\"table\":\"t\",\"isDdl\":false,\"type\":\"UPDATE\","
                        + TYPES
                        + ",\"old\":[{\"name\":null,\"color\":\"1\"}],"
                        + "\"data\":[{\"id\":\"1\",\"name\":\"b\",\"color\":\"2\",\"raw\":\"\\u00ff\"}],"
                        + "\"_tidb\":{\"commitTs\":429918007904436226}}";
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(ROW)
                                .setReadableMetadata(
                                        List.of(TiCdcMetadata.COMMIT_TS, TiCdcMetadata.TABLE))
                                .build());

        List<RowData> rows = decoder.decode(bytes(update));

        // Columns missing from a changed-only old image keep the new value; nulls stay null.
        StringData table = StringData.fromString("t");
        assertThat(rows)
                .containsExactly(
                        GenericRowData.ofKind(
                                RowKind.UPDATE_BEFORE,
                                1,
                                null,
                                StringData.fromString("red"),
                                new byte[] {-1},
                                429918007904436226L,
                                table),
                        GenericRowData.ofKind(
                                RowKind.UPDATE_AFTER,
                                1,
                                StringData.fromString("b"),
                                StringData.fromString("green"),
                                new byte[] {-1},
                                429918007904436226L,
                                table));
    }

    @Test
    void fieldOrderDoesNotMatter() throws Exception {
        String data =
                "\"data\":[{\"raw\":\"\\u0001A\",\"color\":\"2\",\"id\":\"5\",\"name\":\"x\"}]";
        String old = "\"old\":[{\"raw\":\"\\u0001A\",\"color\":\"1\",\"id\":\"5\",\"name\":\"w\"}]";
        String head = "\"database\":\"shop\",\"table\":\"t\",\"isDdl\":false,\"type\":\"UPDATE\"";
        List<String> orders =
                List.of(
                        "{" + head + "," + TYPES + "," + old + "," + data + "}",
                        "{" + data + "," + old + "," + TYPES + "," + head + "}",
                        "{" + old + "," + head + "," + data + "," + TYPES + "}");
        for (String message : orders) {
            assertThat(decoder().decode(bytes(message)))
                    .as(message)
                    .containsExactly(
                            row(RowKind.UPDATE_BEFORE, 5, "w", "red", new byte[] {1, 65}),
                            row(RowKind.UPDATE_AFTER, 5, "x", "green", new byte[] {1, 65}));
        }
    }

    @Test
    void deleteIgnoresTheOldCopyOfOldTiCdc() throws Exception {
        String delete =
                "{\"database\":\"shop\",\"table\":\"t\",\"isDdl\":false,\"type\":\"DELETE\","
                        + TYPES
                        + ",\"data\":[{\"id\":\"3\",\"name\":\"c\"}],\"old\":[{\"id\":\"3\","
                        + "\"name\":\"zzz\"}]}";
        assertThat(decoder().decode(bytes(delete)))
                .containsExactly(row(RowKind.DELETE, 3, "c", null, null));
    }

    @Test
    void columnsNotDeclaredAreNeverConverted() throws Exception {
        String insert =
                "{\"database\":\"shop\",\"table\":\"t\",\"isDdl\":false,\"type\":\"INSERT\","
                        + TYPES
                        + ",\"data\":[{\"id\":\"9\",\"bad\":\"not a number\",\"extra\":{}}]}";
        assertThat(decoder().decode(bytes(insert)))
                .containsExactly(row(RowKind.INSERT, 9, null, null, null));
    }

    @Test
    void filtersSkipOtherTablesAndCountThem() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(ROW)
                                .setDatabaseInclude("shop|crm")
                                .setTableInclude("orders_\\d+")
                                .setDdlHandling(DdlHandling.FAIL)
                                .build());

        assertThat(decoder.decode(insert("shop", "orders_1"))).hasSize(1);
        assertThat(decoder.decode(insert("crm", "orders_22"))).hasSize(1);
        assertThat(decoder.decode(insert("shop", "orders"))).isEmpty();
        assertThat(decoder.decode(insert("shop2", "orders_1"))).isEmpty();
        assertThat(decoder.decode(insert("xshop", "orders_1"))).isEmpty();
        // A DDL of a table that is not read cannot fail the job.
        assertThat(
                        decoder.decode(
                                bytes(
                                        "{\"database\":\"other\",\"table\":\"x\",\"isDdl\":true,"
                                                + "\"type\":\"ALTER\",\"sql\":\"alter table x\"}")))
                .isEmpty();
        assertThat(decoder.counter(DecodeMetrics.EVENTS_FILTERED)).isEqualTo(4);
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        bytes(
                                                "{\"database\":\"shop\",\"table\":\"orders_1\","
                                                        + "\"isDdl\":true,\"type\":\"TRUNCATE\","
                                                        + "\"sql\":\"truncate table orders_1\"}")))
                .hasMessageContaining("TRUNCATE on shop.orders_1")
                .hasMessageContaining("'ddl' is 'fail': truncate table orders_1");
    }

    @Test
    void ddlFailsEvenWhenParseErrorsAreIgnored() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(ROW)
                                .setIgnoreParseErrors(true)
                                .setDdlHandling(DdlHandling.FAIL)
                                .build());
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        bytes(
                                                "{\"database\":\"shop\",\"table\":\"t\","
                                                        + "\"isDdl\":true,\"type\":\"CINDEX\","
                                                        + "\"sql\":\"create index i on t(a)\"}")))
                .hasMessageContaining("create index i on t(a)");
    }

    @Test
    void lz4AndSnappyCompressedMessages() throws Exception {
        byte[] plain = insert("shop", "t");
        ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(lz4)) {
            out.write(plain);
        }
        assertThat(decoder(Compression.LZ4).decode(lz4.toByteArray()))
                .containsExactly(row(RowKind.INSERT, 1, "a", null, null));
        assertThat(decoder(Compression.SNAPPY).decode(Snappy.compress(plain)))
                .containsExactly(row(RowKind.INSERT, 1, "a", null, null));

        assertThatThrownBy(() -> decoder(Compression.LZ4).decode(plain))
                .hasMessageContaining("not an LZ4 frame");
        assertThatThrownBy(() -> decoder(Compression.SNAPPY).decode(plain))
                .hasMessageContaining("large-message-handle-compression");
    }

    @Test
    void builtSchemasCompareByTheirSettingsAndSurviveSerialization() throws Exception {
        TiCdcCanalDeserializationSchema a =
                TiCdcCanalDeserializationSchema.builder(ROW)
                        .setTableInclude("t")
                        .setTimestampZone(ZoneId.of("Asia/Shanghai"))
                        .build();
        TiCdcCanalDeserializationSchema b =
                TiCdcCanalDeserializationSchema.builder(ROW)
                        .setTableInclude("t")
                        .setTimestampZone(ZoneId.of("Asia/Shanghai"))
                        .build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a)
                .isNotEqualTo(
                        TiCdcCanalDeserializationSchema.builder(ROW).setTableInclude("u").build());

        TiCdcCanalDeserializationSchema copy = InstantiationUtil.clone(a);
        assertThat(copy).isEqualTo(a);
        assertThat(DecoderHarness.of(copy).decode(insert("shop", "t"))).hasSize(1);
    }

    private static DecoderHarness<byte[]> decoder() throws Exception {
        return decoder(Compression.NONE);
    }

    private static DecoderHarness<byte[]> decoder(Compression compression) throws Exception {
        return DecoderHarness.of(
                TiCdcCanalDeserializationSchema.builder(ROW).setCompression(compression).build());
    }

    private static byte[] insert(String database, String table) {
        return bytes(
                "{\"database\":\""
                        + database
                        + "\",\"table\":\""
                        + table
                        + "\",\"isDdl\":false,\"type\":\"INSERT\","
                        + TYPES
                        + ",\"data\":[{\"id\":\"1\",\"name\":\"a\"}]}");
    }

    private static GenericRowData row(RowKind kind, int id, String name, String color, byte[] raw) {
        GenericRowData row = new GenericRowData(4);
        row.setRowKind(kind);
        row.setField(0, id);
        row.setField(1, name == null ? null : StringData.fromString(name));
        row.setField(2, color == null ? null : StringData.fromString(color));
        row.setField(3, raw);
        return row;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
