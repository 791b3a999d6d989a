package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinkticdc.format.convert.Convert.PLAIN;
import static io.github.flinkticdc.format.convert.Convert.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Value text that TiCDC never writes but a corrupt or hostile message can hold: each is an error
 * with its reason, never a plausible value, and none costs more than its length.
 */
class HostileValueTextTest {

    /** Long enough for any value here to be read, far too short to build a 10^N of N ~ 10^8. */
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e10000000",
                "1e30000000",
                "1e100000000",
                "1e999999999",
                "-1e2147483647",
                "1e-999999999",
                "1e2147483648",
                "9e-2147483648"
            })
    void decimalWithAHugeExponentIsRefusedAtOnce(String text) {
        assertTimeoutPreemptively(
                NO_HANG,
                () ->
                        assertThatThrownBy(() -> convert(DataTypes.DECIMAL(10, 2), text))
                                .isInstanceOf(ValueConversionException.class)
                                .hasMessageMatching(
                                        "(does not fit DECIMAL\\(10, 2\\)"
                                                + "|has more than 2 fractional digits.*"
                                                + "|has an exponent beyond any DECIMAL)"));
    }

    @Test
    void decimalWithAnExponentIsReadWhenExact() throws Exception {
        assertThat(((DecimalData) convert(DataTypes.DECIMAL(10, 2), "1.5e2")).toBigDecimal())
                .isEqualTo(new BigDecimal("150.00"));
        assertThat(((DecimalData) convert(DataTypes.DECIMAL(10, 2), "12500e-4")).toBigDecimal())
                .isEqualTo(new BigDecimal("1.25"));
        assertThat(((DecimalData) convert(DataTypes.DECIMAL(10, 2), "0e999999999")).toBigDecimal())
                .isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void decimalTextLongerThanAnyDecimalIsRefused() {
        assertThatThrownBy(() -> convert(DataTypes.DECIMAL(38, 0), "1" + "0".repeat(250)))
                .hasMessageContaining("longer than the 200 characters of any DECIMAL");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "BIGINT|١٢٣",
                "BIGINT|１２３",
                "INT|٣",
                "DECIMAL|１.５",
                "DECIMAL|1.５",
                "DOUBLE|１.５",
                "FLOAT|١٢٣",
                "SET|３"
            })
    void digitsOfOtherScriptsAreNotNumbers(String type, String text) {
        DataType declared;
        ColumnType columnType = PLAIN;
        switch (type) {
            case "BIGINT":
                declared = DataTypes.BIGINT();
                break;
            case "INT":
                declared = DataTypes.INT();
                break;
            case "DECIMAL":
                declared = DataTypes.DECIMAL(10, 2);
                break;
            case "DOUBLE":
                declared = DataTypes.DOUBLE();
                break;
            case "FLOAT":
                declared = DataTypes.FLOAT();
                break;
            default:
                declared = DataTypes.STRING();
                columnType = new ColumnType("set", Kind.SET, List.of("a", "b"));
        }
        DataType finalDeclared = declared;
        ColumnType finalType = columnType;
        assertThatThrownBy(() -> convert(finalDeclared, text, finalType))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageMatching("not (an integer|a decimal number|a number|a SET bitmask).*");
    }

    @ParameterizedTest
    @CsvSource({
        "-9223372036854775808,-9223372036854775808",
        "9223372036854775807,9223372036854775807",
        "+00042,42",
        "-0,0"
    })
    void bigintReadsItsWholeRange(String text, long expected) throws Exception {
        assertThat(convert(DataTypes.BIGINT(), text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-9223372036854775809",
                "9223372036854775808",
                "99999999999999999999",
                "-99999999999999999990"
            })
    void bigintBeyondItsRangeIsOutOfRange(String text) {
        assertThatThrownBy(() -> convert(DataTypes.BIGINT(), text))
                .hasMessageStartingWith("out of the range of BIGINT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", "1-", "99999999999999999999x", "1 "})
    void textThatIsNotAnIntegerSaysSo(String text) {
        assertThatThrownBy(() -> convert(DataTypes.BIGINT(), text))
                .hasMessage("not an integer, cannot be read as BIGINT");
    }

    @ParameterizedTest
    @CsvSource({"FLOAT,1e39", "FLOAT,-3.5e38", "DOUBLE,1e309", "DOUBLE,-1e400"})
    void floatsBeyondTheirRangeAreErrorsNotInfinity(String type, String text) {
        DataType declared = type.equals("FLOAT") ? DataTypes.FLOAT() : DataTypes.DOUBLE();
        assertThatThrownBy(() -> convert(declared, text)).hasMessage("out of the range of " + type);
    }

    @ParameterizedTest
    @CsvSource({
        "FLOAT,1e-50",
        "DOUBLE,1e-400",
        "DOUBLE,0.00000000000000000000000000000000001e-300"
    })
    void nonZeroFloatsThatWouldBecomeZeroAreErrors(String type, String text) {
        DataType declared = type.equals("FLOAT") ? DataTypes.FLOAT() : DataTypes.DOUBLE();
        assertThatThrownBy(() -> convert(declared, text)).hasMessageContaining("too close to zero");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5.",
                ".5",
                "-.5",
                "1e",
                "1e+",
                "+",
                "NaN",
                "Infinity",
                "-Infinity",
                "0x1p3",
                "1.5f",
                "2d",
                " 1.5",
                "1.5 ",
                ""
            })
    void floatTextOutsideTheDecimalGrammarIsRefused(String text) {
        assertThatThrownBy(() -> convert(DataTypes.DOUBLE(), text))
                .hasMessage("not a number, cannot be read as DOUBLE");
        assertThatThrownBy(() -> convert(DataTypes.FLOAT(), text))
                .hasMessage("not a number, cannot be read as FLOAT");
    }

    @Test
    void floatsWithinTheirRangeStillRead() throws Exception {
        assertThat(convert(DataTypes.FLOAT(), "3.4028235e38")).isEqualTo(Float.MAX_VALUE);
        assertThat(convert(DataTypes.DOUBLE(), "4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(convert(DataTypes.DOUBLE(), "-0")).isEqualTo(-0.0);
        assertThat(convert(DataTypes.DOUBLE(), "1e2")).isEqualTo(100.0);
    }

    @Test
    void vectorElementsFollowTheFloatRules() {
        assertThatThrownBy(() -> convert(DataTypes.ARRAY(DataTypes.FLOAT()), "[1,NaN]"))
                .hasMessageContaining("vector element 1 'NaN' is not a number");
        assertThatThrownBy(() -> convert(DataTypes.ARRAY(DataTypes.FLOAT()), "[1e39]"))
                .hasMessageContaining("vector element 0 '1e39' is out of the range of FLOAT");
    }

    @Test
    void aSetOf64LabelsReadsItsTopBit() throws Exception {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            labels.add("l" + i);
        }
        ColumnType set = new ColumnType("set", Kind.SET, labels);
        assertThat(convert(DataTypes.STRING(), "9223372036854775809", set))
                .isEqualTo(StringData.fromString("l0,l63"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000-00-00 12:34:56",
                "0000-00-00 00:00:01",
                "0000-00-00 00:00:00.000001",
                "0000-00-00T00:01:00",
                "2024-00-00 12:34:56",
                "2024-05-00 00:00:01"
            })
    void theZeroDateWithATimeIsAnErrorNotNull(String text) {
        assertThatThrownBy(() -> convert(DataTypes.TIMESTAMP(0), text))
                .hasMessageContaining("has a zero date (a zero month or day) with a time of day");
        assertThatThrownBy(() -> convert(DataTypes.TIMESTAMP_LTZ(3), text))
                .hasMessageContaining("has a zero date (a zero month or day) with a time of day");
    }

    /**
     * MySQL's and TiDB's dates with a zero month or day (kept unless the SQL mode has
     * NO_ZERO_IN_DATE) are no calendar dates: NULL, as the zero date 0000-00-00 is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2024-00-00", "2024-05-00", "2024-00-17", "0000-00-00", "0000-03-00"})
    void aDateWithAZeroMonthOrDayIsNull(String date) throws Exception {
        assertThat(convert(DataTypes.DATE(), date)).isNull();
        assertThat(convert(DataTypes.TIMESTAMP(6), date + " 00:00:00")).isNull();
        assertThat(convert(DataTypes.TIMESTAMP_LTZ(3), date + " 00:00:00.000")).isNull();
    }

    @Test
    void theWholeZeroValueIsStillNull() throws Exception {
        assertThat(convert(DataTypes.TIMESTAMP(6), "0000-00-00 00:00:00")).isNull();
        assertThat(convert(DataTypes.TIMESTAMP(6), "0000-00-00 00:00:00.000000")).isNull();
    }
}
