package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.testutil.FormatFactoryDecoder;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The debezium samples decode through the {@code ticdc-debezium} format's factory, as the planner
 * builds it for a {@code kafka} table: every sample of {@code expected.json} to its rows and
 * metadata, and TiCDC's every-type golden to exact Flink values, with its embedded schema and
 * without it (TiCDC's {@code debezium-disable-schema=true}).
 */
class TiCdcDebeziumSamplesTest {

    private static final List<String> METADATA =
            List.of("database", "table", "event-type", "commit-ts", "commit-time");

    static Stream<Named<JsonNode>> samples() {
        return TiCdcSampleFiles.expectations("debezium").stream()
                .map(sample -> Named.of(sample.get("files").get("value").asText(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesLikeTheExpectationSays(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        FormatFactoryDecoder decoder =
                decoder(DataTypes.ROW(DataTypes.FIELD("tiny", DataTypes.SMALLINT())));
        List<Row> rows =
                decoder.decode(TiCdcSampleFiles.bytes(sample.get("files").get("value").asText()));

        List<Row> expected = new ArrayList<>();
        long commitTs = Long.parseLong(expect.get("commitTs").asText());
        for (JsonNode row : expect.path("rows")) {
            RowKind kind = RowKind.valueOf(row.get("kind").asText());
            expected.add(
                    Row.ofKind(
                            kind,
                            (short) row.get("values").get("tiny").asInt(),
                            expect.get("db").asText(),
                            expect.get("table").asText(),
                            kind == RowKind.INSERT
                                    ? "INSERT"
                                    : kind == RowKind.DELETE ? "DELETE" : "UPDATE",
                            commitTs,
                            Instant.ofEpochMilli(commitTs >>> 18)));
        }
        assertThat(rows).isEqualTo(expected);
        if (expected.isEmpty()) {
            assertThat(decoder.counter(DecodeMetrics.WATERMARK_EVENTS)).isEqualTo(1);
        }
    }

    @Test
    void offersTheMetadataTheProtocolCarries() throws Exception {
        assertThat(
                        decoder(DataTypes.ROW(DataTypes.FIELD("tiny", DataTypes.SMALLINT())))
                                .readableMetadata())
                .isEqualTo(TiCdcMetadata.types(TiCdcMetadata.DEBEZIUM))
                .containsOnlyKeys(
                        "database",
                        "table",
                        "event-type",
                        "commit-ts",
                        "commit-time",
                        "event-timestamp",
                        "ingestion-timestamp");
    }

    @Test
    void theEveryTypeGoldenDecodesToExactFlinkValues() throws Exception {
        FormatFactoryDecoder decoder =
                FormatFactoryDecoder.create(
                        new TiCdcDebeziumFormatFactory(),
                        Map.of("timestamp.time-zone", "UTC"),
                        goldenType(false),
                        List.of(
                                "commit-ts",
                                "commit-time",
                                "event-timestamp",
                                "ingestion-timestamp"));

        List<Row> rows = decoder.decode(TiCdcSampleFiles.bytes("debezium/datatype.dbz.json"));

        Instant commit = Instant.ofEpochMilli(1701673705000L);
        assertThat(rows)
                .containsExactly(
                        Row.join(
                                goldenRow(false),
                                Row.of(
                                        null,
                                        commit,
                                        commit,
                                        Instant.ofEpochMilli(1701673705263L))));
    }

    /**
     * Without the schema, DATE and TIME numbers are still certain; DATETIME numbers are not
     * (milliseconds or microseconds), so they are read only as BIGINT, and BIT(n) as its
     * little-endian bytes.
     */
    @Test
    void theGoldenWithoutItsSchemaDecodesByTheDeclaredTypes() throws Exception {
        FormatFactoryDecoder decoder =
                FormatFactoryDecoder.create(
                        new TiCdcDebeziumFormatFactory(),
                        Map.of("timestamp.time-zone", "UTC"),
                        goldenType(true),
                        List.of());

        assertThat(decoder.decode(withoutSchema())).containsExactly(goldenRow(true));
    }

    @Test
    void aDateTimeNumberWithoutTheSchemaIsRefusedAsTimestamp() throws Exception {
        FormatFactoryDecoder decoder =
                FormatFactoryDecoder.create(
                        new TiCdcDebeziumFormatFactory(),
                        Map.of(),
                        DataTypes.ROW(DataTypes.FIELD("col_dt", DataTypes.TIMESTAMP(0))),
                        List.of());

        assertThatThrownBy(() -> decoder.decode(withoutSchema()))
                .hasMessageContaining("column 'col_dt'")
                .hasMessageContaining("only the embedded schema tells which")
                .hasMessageContaining("debezium-disable-schema=false");
    }

    /** The golden's columns and the Flink type each is declared as. */
    private static DataType goldenType(boolean withoutSchema) {
        DataType dateTime0 = withoutSchema ? DataTypes.BIGINT() : DataTypes.TIMESTAMP(0);
        DataType bits = withoutSchema ? DataTypes.BYTES() : DataTypes.BIGINT();
        return DataTypes.ROW(
                DataTypes.FIELD("pk", DataTypes.INT()),
                DataTypes.FIELD("col_d_2023", DataTypes.DATE()),
                DataTypes.FIELD("col_d_1000", DataTypes.DATE()),
                DataTypes.FIELD("col_d_9999", DataTypes.DATE()),
                DataTypes.FIELD("col_d_0000", DataTypes.DATE()),
                DataTypes.FIELD("col_dt", dateTime0),
                DataTypes.FIELD(
                        "col_dt_fsp_1",
                        withoutSchema ? DataTypes.BIGINT() : DataTypes.TIMESTAMP(1)),
                DataTypes.FIELD(
                        "col_dt_fsp_4",
                        withoutSchema ? DataTypes.BIGINT() : DataTypes.TIMESTAMP(4)),
                DataTypes.FIELD(
                        "col_dt_fsp_6",
                        withoutSchema ? DataTypes.BIGINT() : DataTypes.TIMESTAMP(6)),
                DataTypes.FIELD(
                        "col_dt_0000", withoutSchema ? DataTypes.BIGINT() : DataTypes.TIMESTAMP(6)),
                DataTypes.FIELD("col_t", DataTypes.TIME(0)),
                DataTypes.FIELD("col_t_fsp_1", DataTypes.TIME(1)),
                DataTypes.FIELD("col_t_fsp_6", DataTypes.TIME(3)),
                DataTypes.FIELD("col_t_neg", DataTypes.STRING()),
                DataTypes.FIELD("col_ts", DataTypes.TIMESTAMP_LTZ(0)),
                DataTypes.FIELD("col_ts_fsp_5", DataTypes.TIMESTAMP_LTZ(5)),
                DataTypes.FIELD("col_ts_fsp_6", DataTypes.TIMESTAMP(6)),
                DataTypes.FIELD("col_y", DataTypes.INT()),
                DataTypes.FIELD("col_bit_1", DataTypes.BOOLEAN()),
                DataTypes.FIELD("col_bit_5", bits),
                DataTypes.FIELD("col_bit_60", bits),
                DataTypes.FIELD("col_varchar", DataTypes.STRING()),
                DataTypes.FIELD("col_char", DataTypes.STRING()),
                DataTypes.FIELD("col_varbinary", DataTypes.BYTES()),
                DataTypes.FIELD("col_binary", DataTypes.BYTES()),
                DataTypes.FIELD("col_blob", DataTypes.BYTES()),
                DataTypes.FIELD("col_decimal", DataTypes.DECIMAL(10, 5)),
                DataTypes.FIELD("col_numeric", DataTypes.DECIMAL(10, 5)),
                DataTypes.FIELD("col_float", DataTypes.FLOAT()),
                DataTypes.FIELD("col_double", DataTypes.DOUBLE()),
                DataTypes.FIELD("col_int", DataTypes.INT()),
                DataTypes.FIELD("col_int_unsigned", DataTypes.BIGINT()),
                DataTypes.FIELD("col_tinyint", DataTypes.TINYINT()),
                DataTypes.FIELD("col_tinyint_unsigned", DataTypes.SMALLINT()),
                DataTypes.FIELD("col_smallint_unsigned", DataTypes.INT()),
                DataTypes.FIELD("col_mediumint", DataTypes.INT()),
                DataTypes.FIELD("col_bigint", DataTypes.BIGINT()),
                DataTypes.FIELD("col_bigint_unsigned", DataTypes.DECIMAL(20, 0)),
                DataTypes.FIELD("col_enum", DataTypes.STRING()),
                DataTypes.FIELD("col_enum_invalid", DataTypes.STRING()),
                DataTypes.FIELD("col_set", DataTypes.STRING()),
                DataTypes.FIELD("col_set_invalid", DataTypes.STRING()),
                DataTypes.FIELD("col_json", DataTypes.STRING()));
    }

    private static Row goldenRow(boolean withoutSchema) {
        LocalDateTime dt = LocalDateTime.of(2023, 11, 30, 12, 34, 56);
        byte[] binary = Arrays.copyOf("foo".getBytes(StandardCharsets.US_ASCII), 100);
        Object bit5 = withoutSchema ? new byte[] {0x10} : 16L;
        Object bit60 = withoutSchema ? new byte[] {0x10, 0, 0, 0, 0, 0, 0, 0} : 16L;
        return Row.ofKind(
                RowKind.INSERT,
                1,
                LocalDate.of(2023, 11, 30),
                LocalDate.of(1000, 1, 1),
                LocalDate.of(9999, 12, 31),
                null,
                withoutSchema ? (Object) 1701347696000L : dt,
                withoutSchema ? (Object) 1701347696100L : dt.withNano(100_000_000),
                withoutSchema ? (Object) 1701347696123500L : dt.withNano(123_500_000),
                withoutSchema ? (Object) 1701347696123456L : dt.withNano(123_456_000),
                null,
                LocalTime.of(12, 34, 56),
                LocalTime.of(12, 34, 56, 100_000_000),
                LocalTime.of(12, 34, 56, 123_000_000),
                // Without the schema a number read as STRING stays the number TiCDC wrote.
                withoutSchema ? "-45296123456" : "-12:34:56.123456",
                Instant.parse("2023-11-30T12:34:56Z"),
                Instant.parse("2023-11-30T12:34:56.12346Z"),
                dt.withNano(123_456_000),
                2023,
                true,
                bit5,
                bit60,
                "foo",
                "foo",
                "foo".getBytes(StandardCharsets.US_ASCII),
                binary,
                "foo".getBytes(StandardCharsets.US_ASCII),
                new BigDecimal("12345.12345"),
                new BigDecimal("12345.12345"),
                12345.123f,
                12345.12345d,
                -2147483648,
                4294967295L,
                (byte) -128,
                (short) 255,
                65535,
                -8388608,
                Long.MIN_VALUE,
                // TiCDC writes BIGINT UNSIGNED's maximum as -1; without tidb_type nothing says
                // the column is unsigned (docs: ticdc-debezium, lossy cases).
                new BigDecimal("-1"),
                "a",
                "",
                "a,b",
                "",
                "[\"foo\"]");
    }

    private static byte[] withoutSchema() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode message =
                (ObjectNode) mapper.readTree(TiCdcSampleFiles.bytes("debezium/datatype.dbz.json"));
        message.remove("schema");
        return mapper.writeValueAsBytes(message);
    }

    private static FormatFactoryDecoder decoder(DataType physical) throws Exception {
        return FormatFactoryDecoder.create(
                new TiCdcDebeziumFormatFactory(), Map.of(), physical, METADATA);
    }
}
