package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static io.github.flinkticdc.format.convert.Convert.PLAIN;
import static io.github.flinkticdc.format.convert.Convert.convert;
import static io.github.flinkticdc.format.convert.Convert.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type rules of the TiCDC formats, one declared Flink type at a time (docs: type mapping). */
class ValueConvertersTest {

    private static final ColumnType VARBINARY = new ColumnType("varbinary", Kind.BINARY, List.of());

    @ParameterizedTest
    @CsvSource({"1,true", "0,false", "2,true", "-1,true", "00,false", "true,true", "FALSE,false"})
    void booleanFromIntegerText(String text, boolean expected) throws Exception {
        assertThat(convert(DataTypes.BOOLEAN(), text)).isEqualTo(expected);
    }

    @Test
    void booleanRejectsOtherText() {
        assertThatThrownBy(() -> convert(DataTypes.BOOLEAN(), "yes"))
                .hasMessageContaining("not a boolean");
    }

    @Test
    void integersKeepTheirWidth() throws Exception {
        assertThat(convert(DataTypes.TINYINT(), "-128")).isEqualTo((byte) -128);
        assertThat(convert(DataTypes.SMALLINT(), "32767")).isEqualTo((short) 32767);
        assertThat(convert(DataTypes.INT(), "2020")).isEqualTo(2020);
        assertThat(convert(DataTypes.BIGINT(), "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void integerOutOfRangeIsAnErrorNeverAWrap() {
        assertThatThrownBy(() -> convert(DataTypes.TINYINT(), "128"))
                .hasMessageContaining("out of the range of TINYINT (-128 to 127)");
        assertThatThrownBy(() -> convert(DataTypes.BIGINT(), "18446744073709551615"))
                .hasMessageContaining("out of the range of BIGINT");
        assertThatThrownBy(() -> convert(DataTypes.INT(), "12a"))
                .hasMessageContaining("not an integer");
    }

    /**
     * TiCDC writes an unsigned column's values as they are: the error names the type to declare.
     */
    @Test
    void anIntegerAboveTheRangeSaysWhichTypeHoldsTheUnsignedColumn() {
        assertThatThrownBy(() -> convert(DataTypes.BIGINT(), "18446744073709551615"))
                .hasMessage(
                        "out of the range of BIGINT; if the TiDB column is BIGINT UNSIGNED, whose"
                                + " values reach twice as far, declare it as DECIMAL(20, 0)");
        assertThatThrownBy(() -> convert(DataTypes.INT(), "4294967295"))
                .hasMessageEndingWith(
                        "if the TiDB column is INT UNSIGNED, whose values reach"
                                + " twice as far, declare it as BIGINT");
        assertThatThrownBy(() -> convert(DataTypes.TINYINT(), "255"))
                .hasMessageEndingWith("declare it as SMALLINT");
        assertThatThrownBy(() -> convert(DataTypes.SMALLINT(), "65535"))
                .hasMessageEndingWith("declare it as INT");
        // Below the range, or not a number, no unsigned type is the answer.
        assertThatThrownBy(() -> convert(DataTypes.INT(), "-3000000000"))
                .hasMessage("out of the range of INT (-2147483648 to 2147483647)");
        assertThatThrownBy(() -> convert(DataTypes.BIGINT(), "-18446744073709551615"))
                .hasMessage("out of the range of BIGINT");
        assertThatThrownBy(() -> convert(DataTypes.BIGINT(), "99999999999999999999x"))
                .hasMessage("not an integer, cannot be read as BIGINT");
    }

    @Test
    void unsignedBigintFitsDecimal20() throws Exception {
        DecimalData value = (DecimalData) convert(DataTypes.DECIMAL(20, 0), "18446744073709551615");
        assertThat(value.toBigDecimal()).isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void decimalIsExact() throws Exception {
        assertThat(((DecimalData) convert(DataTypes.DECIMAL(10, 4), "129012.12")).toBigDecimal())
                .isEqualTo(new BigDecimal("129012.1200"));
        assertThat(((DecimalData) convert(DataTypes.DECIMAL(10, 2), "1.2000")).toBigDecimal())
                .isEqualTo(new BigDecimal("1.20"));
        assertThatThrownBy(() -> convert(DataTypes.DECIMAL(5, 2), "12345.6"))
                .hasMessageContaining("does not fit DECIMAL(5, 2)");
        assertThatThrownBy(() -> convert(DataTypes.DECIMAL(10, 2), "1.205"))
                .hasMessageContaining("more than 2 fractional digits");
    }

    /**
     * Plain decimal text reads as the same text with the exponent {@code e0}, which leaves its
     * value and scale as written but takes the BigDecimal path even where the digits fit a long.
     */
    @ParameterizedTest
    @CsvSource({"1,0", "3,3", "5,2", "10,2", "18,0", "18,9", "18,18", "19,2"})
    void decimalDigitsReadAsTheirBigDecimal(int precision, int scale) {
        ValueConverter converter =
                ValueConverters.forType(
                        "c", DataTypes.DECIMAL(precision, scale).getLogicalType(), ZoneOffset.UTC);
        for (String sign : List.of("", "-", "+")) {
            for (String integer :
                    List.of(
                            "",
                            "0",
                            "007",
                            "9",
                            "10",
                            "99999",
                            "999999999",
                            "123456789012345678")) {
                for (String fraction :
                        List.of("", ".", ".0", ".5", ".05", ".50", ".000000000000000000001")) {
                    String text = sign + integer + fraction;
                    assertThat(outcome(converter, text, PLAIN))
                            .as(text)
                            .isEqualTo(outcome(converter, text + "e0", PLAIN));
                }
            }
        }
    }

    @Test
    void floatsFromText() throws Exception {
        assertThat(convert(DataTypes.FLOAT(), "3.14")).isEqualTo(3.14f);
        assertThat(convert(DataTypes.DOUBLE(), "0.15652")).isEqualTo(0.15652d);
        assertThatThrownBy(() -> convert(DataTypes.DOUBLE(), "abc"))
                .hasMessageContaining("not a number");
    }

    @Test
    void binaryColumnsAreOneBytePerChar() throws Exception {
        String wire = "\u0005\n\u00ff\u00feA";
        assertThat((byte[]) convert(DataTypes.BYTES(), wire, VARBINARY))
                .containsExactly(0x05, 0x0a, 0xff, 0xfe, 0x41);
        assertThatThrownBy(() -> convert(DataTypes.BYTES(), "\u6d4b", VARBINARY))
                .hasMessageContaining("U+6D4B");
    }

    @Test
    void binaryIntoStringIsReadAsUtf8() throws Exception {
        // "测试" in UTF-8, as TiCDC writes the bytes of a VARBINARY column.
        String wire = "\u00e6\u00b5\u008b\u00e8\u00af\u0095";
        assertThat(convert(DataTypes.STRING(), wire, VARBINARY)).hasToString("测试");
    }

    @ParameterizedTest
    @CsvSource({
        // A lone Latin-1 byte, a truncated sequence, a stray continuation byte, a surrogate.
        "'ok\u00e9', 2, E9",
        "'\u00e6\u00b5', 0, E6",
        "'a\u0080', 1, 80",
        "'\u00ed\u00a0\u0080', 0, ED"
    })
    void binaryBytesThatAreNotUtf8AreRefusedForAString(String wire, int at, String hex) {
        assertThatThrownBy(() -> convert(DataTypes.STRING(), wire, VARBINARY))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("byte " + at + " is 0x" + hex)
                .hasMessageContaining("declare the column BYTES");
        // The same bytes are a value of BYTES.
        assertThatCode(() -> convert(DataTypes.BYTES(), wire, VARBINARY))
                .doesNotThrowAnyException();
    }

    @Test
    void binaryBytesIntoStringMayHoldZeroBytes() throws Exception {
        assertThat(convert(DataTypes.STRING(), "a\u0000b", VARBINARY)).hasToString("a\u0000b");
    }

    @Test
    void textIntoBytesIsUtf8() throws Exception {
        assertThat((byte[]) convert(DataTypes.BYTES(), "测试"))
                .isEqualTo("测试".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void enumAndSetLabelsWhenTheTypeListsThem() throws Exception {
        ColumnType enumType =
                new ColumnType("enum('a','b','c')", Kind.ENUM, List.of("a", "b", "c"));
        ColumnType setType = new ColumnType("set('x','y','z')", Kind.SET, List.of("x", "y", "z"));
        assertThat(convert(DataTypes.STRING(), "2", enumType)).hasToString("b");
        assertThat(convert(DataTypes.STRING(), "0", enumType)).hasToString("");
        assertThat(convert(DataTypes.STRING(), "5", setType)).hasToString("x,z");
        assertThat(convert(DataTypes.STRING(), "0", setType)).hasToString("");
        assertThat(convert(DataTypes.INT(), "2", enumType)).isEqualTo(2);
        assertThatThrownBy(() -> convert(DataTypes.STRING(), "4", enumType))
                .hasMessageContaining("outside the 3 listed labels");
        assertThatThrownBy(() -> convert(DataTypes.STRING(), "8", setType))
                .hasMessageContaining("bits beyond the 3 labels");
    }

    @Test
    void enumAndSetNumbersWithoutLabels() throws Exception {
        ColumnType bareEnum = new ColumnType("enum", Kind.ENUM, List.of());
        assertThat(convert(DataTypes.STRING(), "2", bareEnum)).hasToString("2");
    }

    @Test
    void datesAndTheZeroDate() throws Exception {
        assertThat(convert(DataTypes.DATE(), "2020-02-20"))
                .isEqualTo((int) LocalDate.of(2020, 2, 20).toEpochDay());
        assertThat(convert(DataTypes.DATE(), "0000-00-00")).isNull();
        assertThatThrownBy(() -> convert(DataTypes.DATE(), "2020-02-30"))
                .hasMessageContaining("not a valid date");
        assertThatThrownBy(() -> convert(DataTypes.DATE(), "20200220"))
                .hasMessageContaining("expected YYYY-MM-DD");
    }

    @Test
    void timeWithinADay() throws Exception {
        assertThat(convert(DataTypes.TIME(0), "23:59:59")).isEqualTo(86_399_000);
        assertThat(convert(DataTypes.TIME(3), "02:20:20.123456")).isEqualTo(8_420_123);
        assertThat(convert(DataTypes.TIME(1), "02:20:20.987")).isEqualTo(8_420_900);
        assertThatThrownBy(() -> convert(DataTypes.TIME(0), "838:59:59"))
                .hasMessageContaining("declare the column as STRING");
        assertThatThrownBy(() -> convert(DataTypes.TIME(0), "-01:00:00"))
                .hasMessageContaining("declare the column as STRING");
        assertThat(convert(DataTypes.STRING(), "838:59:59")).hasToString("838:59:59");
    }

    @Test
    void timestampKeepsTheFractionUpToItsPrecision() throws Exception {
        assertThat(ts(DataTypes.TIMESTAMP(6), "2026-02-05 22:58:40.992217"))
                .isEqualTo(LocalDateTime.of(2026, 2, 5, 22, 58, 40, 992_217_000));
        assertThat(ts(DataTypes.TIMESTAMP(3), "2026-02-05 22:58:40.992217"))
                .isEqualTo(LocalDateTime.of(2026, 2, 5, 22, 58, 40, 992_000_000));
        assertThat(ts(DataTypes.TIMESTAMP(0), "2020-02-20 02:20:20"))
                .isEqualTo(LocalDateTime.of(2020, 2, 20, 2, 20, 20));
        assertThat(convert(DataTypes.TIMESTAMP(0), "0000-00-00 00:00:00")).isNull();
        assertThatThrownBy(() -> convert(DataTypes.TIMESTAMP(3), "2020-02-20"))
                .hasMessageContaining("not a date-time");
    }

    @Test
    void localZonedTimestampIsReadInTheConfiguredZone() throws Exception {
        // Sample canal-json/09: TiCDC in UTC+8 wrote 22:58:40.992217 for 14:58:40.992217Z.
        Instant expected = Instant.parse("2026-02-05T14:58:40.992217Z");
        for (ZoneId zone : List.of(ZoneId.of("Asia/Shanghai"), ZoneOffset.ofHours(8))) {
            TimestampData value =
                    (TimestampData)
                            ValueConverters.forType(
                                            "c", DataTypes.TIMESTAMP_LTZ(6).getLogicalType(), zone)
                                    .convert("2026-02-05 22:58:40.992217", PLAIN);
            assertThat(value.toInstant()).isEqualTo(expected);
        }
    }

    @Test
    void aUtcInstantIsReadAsItselfInAnyZone() throws Exception {
        for (ZoneId zone : List.of(ZoneId.of("America/New_York"), ZoneOffset.ofHours(8))) {
            TimestampData value =
                    (TimestampData)
                            ValueConverters.forType(
                                            "c", DataTypes.TIMESTAMP_LTZ(6).getLogicalType(), zone)
                                    .convert("2024-11-03 05:30:00.123456Z", PLAIN);
            assertThat(value.toInstant()).isEqualTo(Instant.parse("2024-11-03T05:30:00.123456Z"));
        }
        // Only readers that know a column is TIMESTAMP_LTZ write the mark.
        assertThatThrownBy(() -> convert(DataTypes.TIMESTAMP(3), "2024-11-03 05:30:00Z"))
                .isInstanceOf(ValueConversionException.class);
    }

    @Test
    void vectorIntoFloatArray() throws Exception {
        ArrayData vector = (ArrayData) convert(DataTypes.ARRAY(DataTypes.FLOAT()), "[1,2.5,-3]");
        assertThat(vector.toFloatArray()).containsExactly(1f, 2.5f, -3f);
        assertThat(((ArrayData) convert(DataTypes.ARRAY(DataTypes.FLOAT()), "[]")).size()).isZero();
        assertThatThrownBy(() -> convert(DataTypes.ARRAY(DataTypes.FLOAT()), "1,2"))
                .hasMessageContaining("not a vector");
    }

    @Test
    void jsonTextIsKeptAsIs() throws Exception {
        assertThat(convert(DataTypes.STRING(), "{\"key1\": \"value1\"}"))
                .isEqualTo(StringData.fromString("{\"key1\": \"value1\"}"));
    }

    @Test
    void unsupportedTypesAreRejectedUpFront() {
        assertThatThrownBy(
                        () ->
                                ValueConverters.forType(
                                        "m",
                                        DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())
                                                .getLogicalType(),
                                        ZoneOffset.UTC))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'm'");
    }

    private static LocalDateTime ts(DataType type, String text) throws Exception {
        return ((TimestampData) convert(type, text)).toLocalDateTime();
    }
}
