package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link TiCdcCanalSerializationSchema} writes, byte for byte: TiCDC's layout and escaping
 * (the test suite's TiCDC writer as the reference), row kinds, {@code _tidb}, and the values it
 * refuses.
 */
class TiCdcCanalSerializationSchemaTest {

    private static final RowType ROW =
            rowType(
                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                    DataTypes.FIELD("name", DataTypes.VARCHAR(32)),
                    DataTypes.FIELD("note", DataTypes.STRING()),
                    DataTypes.FIELD("tag", DataTypes.BYTES()),
                    DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                    DataTypes.FIELD("paid", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("day", DataTypes.DATE()),
                    DataTypes.FIELD("at", DataTypes.TIMESTAMP(3)));

    /** The same table as TiDB would describe it in canal-json's default bare types. */
    private static final TiDbTable TIDB =
            TiDbTable.of("shop", "orders")
                    .pk("id", "bigint")
                    .column("name", "varchar")
                    .column("note", "longtext")
                    .column("tag", "longblob")
                    .column("price", "decimal")
                    .column("paid", "tinyint")
                    .column("day", "date")
                    .column("at", "datetime");

    private static final long COMMIT_TS = CanalJsonWriter.tso(1_700_000_000_123L, 7);

    /**
     * Text that needs every kind of escape. Without a supplementary character: the reference writer
     * (Jackson) escapes those as surrogate pairs where Go writes them literally, as {@link
     * #aSupplementaryCharacterIsWrittenAsItsUtf8Bytes} checks.
     */
    private static final String TRICKY = "<a&b>\n\t\r\"\\\u0001\u007f\u2028\u2029é";

    private static final byte[] BYTES = {0, 0x1f, '<', (byte) 0x7f, (byte) 0x80, (byte) 0xff};

    @Test
    void writesTheBytesTiCdcWrites() {
        TiCdcCanalSerializationSchema schema =
                TiCdcCanalSerializationSchema.builder(ROW, "shop", "orders")
                        .setPrimaryKey(List.of("id"))
                        .setWritableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                        .build();
        GenericRowData row = sampleRow(RowKind.INSERT);
        row = append(row, COMMIT_TS);

        byte[] ours = schema.serialize(row);
        byte[] ticdc =
                CanalJsonWriter.create()
                        .withEncodeClock(() -> 0L)
                        .insert(
                                TIDB,
                                COMMIT_TS,
                                TIDB.row(
                                        7,
                                        TRICKY,
                                        null,
                                        new String(BYTES, StandardCharsets.ISO_8859_1),
                                        "12.30",
                                        "1",
                                        "2024-02-29",
                                        "2024-02-29 23:59:58.120"));

        assertThat(withoutEncodeTime(ours)).isEqualTo(new String(ticdc, StandardCharsets.UTF_8));
        assertThat(new String(ours, StandardCharsets.UTF_8))
                .contains("\"es\":1700000000123,")
                .contains(
                        "\"name\":\"\\u003ca\\u0026b\\u003e\\n\\t\\r\\\"\\\\\\u0001\u007f"
                                + "\\u2028\\u2029é\"")
                .endsWith(",\"_tidb\":{\"commitTs\":" + COMMIT_TS + "}}");
    }

    @Test
    void aSupplementaryCharacterIsWrittenAsItsUtf8Bytes() {
        RowType row = rowType(DataTypes.FIELD("s", DataTypes.STRING()));
        byte[] message =
                TiCdcCanalSerializationSchema.builder(row, "d", "t")
                        .build()
                        .serialize(GenericRowData.of(StringData.fromString("😀")));
        assertThat(new String(message, StandardCharsets.UTF_8))
                .contains("\"data\":[{\"s\":\"😀\"}]");
    }

    @Test
    void updatesAreWrittenAsDeleteAndInsertAndDeletesAsDelete() {
        TiCdcCanalSerializationSchema schema =
                TiCdcCanalSerializationSchema.builder(ROW, "shop", "orders").build();
        assertThat(type(schema.serialize(sampleRow(RowKind.INSERT)))).isEqualTo("INSERT");
        assertThat(type(schema.serialize(sampleRow(RowKind.UPDATE_BEFORE)))).isEqualTo("DELETE");
        assertThat(type(schema.serialize(sampleRow(RowKind.UPDATE_AFTER)))).isEqualTo("INSERT");
        assertThat(type(schema.serialize(sampleRow(RowKind.DELETE)))).isEqualTo("DELETE");
    }

    @Test
    void withoutACommitTsThereIsNoTidbExtensionAndEsIsTheTimeOfWriting() {
        TiCdcCanalSerializationSchema schema =
                TiCdcCanalSerializationSchema.builder(ROW, "shop", "orders")
                        .setWritableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                        .build();
        long before = System.currentTimeMillis();
        String message =
                new String(
                        schema.serialize(append(sampleRow(RowKind.INSERT), (Object) null)),
                        StandardCharsets.UTF_8);
        long after = System.currentTimeMillis();

        assertThat(message).doesNotContain("_tidb").contains("\"pkNames\":[]");
        long es = longField(message, "es");
        assertThat(es).isEqualTo(longField(message, "ts")).isBetween(before, after);
    }

    @Test
    void aRowsDatabaseAndTableReplaceTheBuildersNames() {
        TiCdcCanalSerializationSchema schema =
                TiCdcCanalSerializationSchema.builder(ROW, "shop", "orders")
                        .setWritableMetadata(List.of(TiCdcMetadata.TABLE, TiCdcMetadata.DATABASE))
                        .build();
        String named =
                new String(
                        schema.serialize(
                                append(
                                        sampleRow(RowKind.INSERT),
                                        StringData.fromString("items"),
                                        StringData.fromString("store"))),
                        StandardCharsets.UTF_8);
        String unnamed =
                new String(
                        schema.serialize(append(sampleRow(RowKind.INSERT), null, null)),
                        StandardCharsets.UTF_8);
        assertThat(named).startsWith("{\"id\":0,\"database\":\"store\",\"table\":\"items\",");
        assertThat(unnamed).startsWith("{\"id\":0,\"database\":\"shop\",\"table\":\"orders\",");
    }

    @Test
    void valuesNoTiDbColumnHoldsFailNamingTheColumn() {
        RowType row =
                rowType(
                        DataTypes.FIELD("f", DataTypes.FLOAT()),
                        DataTypes.FIELD("d", DataTypes.DOUBLE()),
                        DataTypes.FIELD("day", DataTypes.DATE()),
                        DataTypes.FIELD("v", DataTypes.ARRAY(DataTypes.FLOAT())));
        TiCdcCanalSerializationSchema schema =
                TiCdcCanalSerializationSchema.builder(row, "db", "t")
                        .setWritableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                        .build();
        int day10000 = (int) LocalDate.of(10000, 1, 1).toEpochDay();
        GenericArrayData vector = new GenericArrayData(new Float[] {1f, null});

        assertThatThrownBy(
                        () ->
                                schema.serialize(
                                        GenericRowData.of(Float.NaN, null, null, null, null)))
                .hasMessageStartingWith("Cannot write column 'f' (FLOAT) as TiCDC canal-json: NaN");
        assertThatThrownBy(
                        () ->
                                schema.serialize(
                                        GenericRowData.of(
                                                null, Double.NEGATIVE_INFINITY, null, null, null)))
                .hasMessageContaining("column 'd' (DOUBLE)")
                .hasMessageContaining("TiDB has no NaN or infinity");
        assertThatThrownBy(
                        () -> schema.serialize(GenericRowData.of(null, null, day10000, null, null)))
                .hasMessageContaining("column 'day' (DATE)")
                .hasMessageContaining("year 0000 to 9999");
        assertThatThrownBy(
                        () -> schema.serialize(GenericRowData.of(null, null, null, vector, null)))
                .hasMessageContaining("column 'v' (ARRAY<FLOAT>)")
                .hasMessageContaining("vector element 1 is NULL");
        assertThatThrownBy(() -> schema.serialize(GenericRowData.of(null, null, null, null, -1L)))
                .hasMessageContaining("commit TSO -1");
    }

    @Test
    void theBuilderRefusesWhatCannotBeWritten() {
        RowType withMap =
                rowType(DataTypes.FIELD("m", DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())));
        assertThatThrownBy(() -> TiCdcCanalSerializationSchema.builder(withMap, "d", "t").build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'm' is declared as MAP<STRING, INT>");
        assertThatThrownBy(
                        () ->
                                TiCdcCanalSerializationSchema.builder(ROW, "d", "t")
                                        .setWritableMetadata(List.of(TiCdcMetadata.EVENT_TYPE))
                                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "Metadata 'event-type' cannot be written; ticdc-canal writes"
                                + " ['database', 'table', 'commit-ts'], each once.");
        assertThatThrownBy(
                        () ->
                                TiCdcCanalSerializationSchema.builder(ROW, "d", "t")
                                        .setPrimaryKey(List.of("order_id"))
                                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Primary key column 'order_id' is not a column");
    }

    private static GenericRowData sampleRow(RowKind kind) {
        return GenericRowData.ofKind(
                kind,
                7L,
                StringData.fromString(TRICKY),
                null,
                BYTES,
                DecimalData.fromBigDecimal(new BigDecimal("12.3"), 10, 2),
                true,
                (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                TimestampData.fromLocalDateTime(
                        LocalDateTime.of(2024, 2, 29, 23, 59, 58, 120_000_000)));
    }

    /** The row with metadata columns appended. */
    static GenericRowData append(GenericRowData row, Object... metadata) {
        GenericRowData joined =
                new GenericRowData(row.getRowKind(), row.getArity() + metadata.length);
        for (int i = 0; i < row.getArity(); i++) {
            joined.setField(i, row.getField(i));
        }
        for (int i = 0; i < metadata.length; i++) {
            joined.setField(row.getArity() + i, metadata[i]);
        }
        return joined;
    }

    private static String withoutEncodeTime(byte[] message) {
        return new String(message, StandardCharsets.UTF_8)
                .replaceFirst(",\"ts\":\\d+,", ",\"ts\":0,");
    }

    private static String type(byte[] message) {
        Matcher m =
                Pattern.compile("\"type\":\"([A-Z]+)\"")
                        .matcher(new String(message, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static long longField(String message, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(message);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static RowType rowType(DataTypes.Field... fields) {
        DataType row = DataTypes.ROW(fields);
        return (RowType) row.getLogicalType();
    }
}
