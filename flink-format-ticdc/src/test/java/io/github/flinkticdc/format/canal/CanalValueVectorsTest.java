package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.testutil.CanalJsonMessages;
import io.github.flinkticdc.format.testutil.Hex;
import io.github.flinkticdc.format.testutil.NaturalTypes;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The value vectors of {@code canal-json/value-vectors.json}: each TiCDC column value decodes to
 * its expected text or bytes, and to the same value in the Flink type a user would declare for that
 * TiDB type (docs: type mapping); and written from that Flink type, it is TiCDC's text again.
 */
class CanalValueVectorsTest {

    static Stream<JsonNode> vectors() {
        JsonNode file = TiCdcSampleFiles.json("canal-json/value-vectors.json");
        return Stream.concat(
                StreamSupport.stream(file.get("vectors").spliterator(), false),
                Stream.of(file.get("binaryDocsExample")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheExpectedTextOrBytes(JsonNode vector) throws Exception {
        boolean binary = vector.has("decodedBytesHex");
        Object value = decode(vector, binary ? DataTypes.BYTES() : DataTypes.STRING());

        if (binary) {
            assertThat(Hex.of((byte[]) value)).isEqualTo(vector.get("decodedBytesHex").asText());
        } else if (vector.get("decodedValue").isNull()) {
            assertThat(value).isNull();
        } else {
            assertThat(value).hasToString(vector.get("decodedValue").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheNaturalFlinkType(JsonNode vector) throws Exception {
        String mysqlType = vector.get("mysqlType").asText();
        DataType declared = NaturalTypes.of(mysqlType);
        Object value = decode(vector, declared);

        if (vector.path("decodedValue").isNull()) {
            assertThat(value).isNull();
        } else if (vector.has("decodedBytesHex")) {
            assertThat(Hex.of((byte[]) value)).isEqualTo(vector.get("decodedBytesHex").asText());
        } else {
            assertThat(comparable(mysqlType, value))
                    .isEqualTo(expected(mysqlType, vector.get("decodedValue").asText()));
        }
    }

    /**
     * The Flink type whose encoding names each TiDB type the encoder writes, with the vectors' fsp
     * (0) and scale (0); the other TiDB types no Flink type is written as.
     */
    private static final Map<String, DataType> WRITTEN_AS =
            Map.ofEntries(
                    Map.entry("tinyint", DataTypes.TINYINT()),
                    Map.entry("smallint", DataTypes.SMALLINT()),
                    Map.entry("int", DataTypes.INT()),
                    Map.entry("bigint", DataTypes.BIGINT()),
                    Map.entry("float", DataTypes.FLOAT()),
                    Map.entry("double", DataTypes.DOUBLE()),
                    Map.entry("decimal", DataTypes.DECIMAL(10, 0)),
                    Map.entry("char", DataTypes.CHAR(8)),
                    Map.entry("varchar", DataTypes.VARCHAR(100)),
                    Map.entry("longtext", DataTypes.STRING()),
                    Map.entry("binary", DataTypes.BINARY(12)),
                    Map.entry("varbinary", DataTypes.VARBINARY(100)),
                    Map.entry("longblob", DataTypes.BYTES()),
                    Map.entry("date", DataTypes.DATE()),
                    Map.entry("datetime", DataTypes.TIMESTAMP(0)),
                    Map.entry("timestamp", DataTypes.TIMESTAMP_LTZ(0)),
                    Map.entry("time", DataTypes.TIME(0)));

    /**
     * Writing: each vector of a TiDB type the encoder writes, read into its Flink type and written
     * again, gives TiCDC's own bytes for the value, its {@code mysqlType} and its {@code sqlType}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenVectors")
    void encodesToTiCdcsOwnText(JsonNode vector) throws Exception {
        String mysqlType = vector.get("mysqlType").asText();
        DataType declared = WRITTEN_AS.get(mysqlType);
        RowType rowType = (RowType) DataTypes.ROW(DataTypes.FIELD("c", declared)).getLogicalType();
        GenericRowData row = new GenericRowData(1);
        row.setField(0, decode(vector, declared));

        String message =
                new String(
                        TiCdcCanalSerializationSchema.builder(rowType, "d", "t")
                                .build()
                                .serialize(row),
                        StandardCharsets.UTF_8);

        assertThat(message)
                .contains(",\"sqlType\":{\"c\":" + vector.get("sqlType").asInt() + "},")
                .contains(",\"mysqlType\":{\"c\":\"" + mysqlType + "\"},")
                .contains(",\"data\":[{\"c\":" + vector.get("wireJsonValue").asText() + "}]");
    }

    static Stream<JsonNode> writtenVectors() {
        return vectors().filter(v -> WRITTEN_AS.containsKey(v.get("mysqlType").asText()));
    }

    private static Object decode(JsonNode vector, DataType declared) throws Exception {
        RowType rowType = (RowType) DataTypes.ROW(DataTypes.FIELD("c", declared)).getLogicalType();
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(TiCdcCanalDeserializationSchema.builder(rowType).build());
        List<RowData> rows =
                decoder.decode(
                        CanalJsonMessages.insert(
                                vector.get("mysqlType").asText(),
                                vector.get("wireJsonValue").asText()));
        assertThat(rows).hasSize(1);
        return RowData.createFieldGetter(rowType.getTypeAt(0), 0).getFieldOrNull(rows.get(0));
    }

    /** The decoded internal value as a Java value that compares by meaning. */
    private static Object comparable(String mysqlType, Object internal) {
        switch (mysqlType) {
            case "decimal":
            case "decimal unsigned":
            case "bigint unsigned":
                return ((org.apache.flink.table.data.DecimalData) internal)
                        .toBigDecimal()
                        .stripTrailingZeros();
            case "date":
                return LocalDate.ofEpochDay((Integer) internal);
            case "datetime":
            case "timestamp":
                return ((org.apache.flink.table.data.TimestampData) internal).toLocalDateTime();
            case "time":
                return LocalTime.ofNanoOfDay((Integer) internal * 1_000_000L);
            default:
                return internal.toString();
        }
    }

    private static Object expected(String mysqlType, String text) {
        switch (mysqlType) {
            case "decimal":
            case "decimal unsigned":
            case "bigint unsigned":
                return new BigDecimal(text).stripTrailingZeros();
            case "date":
                return LocalDate.parse(text);
            case "datetime":
            case "timestamp":
                return LocalDateTime.parse(text.replace(' ', 'T'));
            case "time":
                return LocalTime.parse(text);
            default:
                return text;
        }
    }
}
