package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;
import io.github.flinkticdc.format.protocol.ValueText;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.github.flinkticdc.format.convert.Convert.PLAIN;
import static io.github.flinkticdc.format.convert.Convert.outcome;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A converter reads a {@link ValueText} exactly as it reads the same text as a {@code String}: the
 * same value, or the same error. The text comes in every state a reader can hand over: a {@code
 * ValueText} over a {@code String}, and over the bytes of a JSON message whose writer escaped only
 * what JSON requires (raw UTF-8 when nothing needs escaping), also every non-ASCII character, or
 * every character.
 */
class ValueTextConversionTest {

    private static final ColumnType VARBINARY = new ColumnType("varbinary", Kind.BINARY, List.of());
    private static final ColumnType ENUM =
            new ColumnType("enum", Kind.ENUM, List.of("a", "é", "c"));
    private static final ColumnType BARE_ENUM = new ColumnType("enum", Kind.ENUM, List.of());
    private static final ColumnType SET = new ColumnType("set", Kind.SET, List.of("x", "y", "z"));
    private static final ColumnType SET_OF_64 =
            new ColumnType(
                    "set",
                    Kind.SET,
                    IntStream.range(0, 64).mapToObj(i -> "l" + i).collect(toList()));

    /** The message before the value's content, so that the content does not start at 0. */
    private static final String FIELD = "{\"c\":\"";

    /** The bytes of 测试 as TiCDC writes a VARBINARY column: one char per byte. */
    private static final String BINARY_UTF8 = "\u00e6\u00b5\u008b\u00e8\u00af\u0095";

    private static final String[] TEXTS = {"", "abc", "é", "测试", "😀", "a\"b\\c\nd\te\u0001"};

    static Stream<Arguments> values() {
        return Stream.of(
                        texts(
                                DataTypes.BOOLEAN(),
                                PLAIN,
                                "1",
                                "0",
                                "2",
                                "-1",
                                "00",
                                "+0",
                                "true",
                                "FALSE",
                                "yes",
                                "",
                                "١"),
                        texts(DataTypes.TINYINT(), PLAIN, "-128", "127", "128", "12a"),
                        texts(DataTypes.SMALLINT(), PLAIN, "32767", "-32769"),
                        texts(DataTypes.INT(), PLAIN, "2020", "+42", "-0", "٣", "4\n"),
                        texts(
                                DataTypes.BIGINT(),
                                PLAIN,
                                "9223372036854775807",
                                "-9223372036854775808",
                                "9223372036854775808",
                                "18446744073709551615",
                                "",
                                "-",
                                "1 ",
                                "１２３"),
                        texts(DataTypes.INT(), ENUM, "2"),
                        decimals(),
                        texts(
                                DataTypes.FLOAT(),
                                PLAIN,
                                "3.14",
                                "3.4028235e38",
                                "1e39",
                                "1e-50",
                                "NaN",
                                " 1.5",
                                "１.５"),
                        texts(
                                DataTypes.DOUBLE(),
                                PLAIN,
                                "0.15652",
                                "-0",
                                "4.9e-324",
                                "1e309",
                                "1e-400",
                                "abc",
                                "1.5d"),
                        texts(DataTypes.STRING(), PLAIN, TEXTS),
                        texts(DataTypes.STRING(), PLAIN, "{\"key1\": \"value1\"}", "838:59:59"),
                        texts(DataTypes.STRING(), VARBINARY, TEXTS),
                        texts(DataTypes.STRING(), VARBINARY, BINARY_UTF8, "\u0005\n\u00ff\u00feA"),
                        texts(DataTypes.BYTES(), PLAIN, TEXTS),
                        texts(DataTypes.BYTES(), VARBINARY, TEXTS),
                        texts(DataTypes.BYTES(), VARBINARY, BINARY_UTF8, "\u0005\n\u00ff\u00feA"),
                        texts(DataTypes.STRING(), ENUM, "2", "0", "4", "-1", "x", ""),
                        texts(DataTypes.STRING(), BARE_ENUM, "2", "é"),
                        texts(DataTypes.STRING(), SET, "5", "0", "+5", "8", "-1", "３", ""),
                        texts(
                                DataTypes.STRING(),
                                SET_OF_64,
                                "9223372036854775809",
                                "18446744073709551616"),
                        texts(
                                DataTypes.DATE(),
                                PLAIN,
                                "2020-02-20",
                                "0000-00-00",
                                "2020-02-30",
                                "20200220",
                                "2020-0a-20",
                                "2020-02-2é"),
                        texts(
                                DataTypes.TIME(0),
                                PLAIN,
                                "23:59:59",
                                "838:59:59",
                                "-01:00:00",
                                "02:20",
                                "02:20:20x",
                                ""),
                        texts(DataTypes.TIME(3), PLAIN, "02:20:20.123456", "02:20:20."),
                        texts(
                                DataTypes.TIMESTAMP(6),
                                PLAIN,
                                "2026-02-05 22:58:40.992217",
                                "2020-02-20T02:20:20",
                                "0000-00-00 00:00:00",
                                "0000-00-00 12:34:56",
                                "2020-02-20",
                                "2020-02-20 02:20:20.1234567890",
                                "2020-02-20 02:20:20 "),
                        texts(DataTypes.TIMESTAMP(3), PLAIN, "2026-02-05 22:58:40.992217"),
                        texts(
                                DataTypes.TIMESTAMP_LTZ(6),
                                PLAIN,
                                "2026-02-05 22:58:40.992217",
                                "0000-00-00 00:00:00",
                                "2020-02-30 00:00:00"),
                        texts(
                                DataTypes.ARRAY(DataTypes.FLOAT()),
                                PLAIN,
                                "[1,2.5,-3]",
                                "[]",
                                " [ 1 , 2 ] ",
                                "1,2",
                                "[1,NaN]",
                                "[1e39]",
                                "[é]"))
                .flatMap(Function.identity());
    }

    private static Stream<Arguments> decimals() {
        String longest = "0".repeat(DecimalConverter.MAX_TEXT_LENGTH - 1) + "7";
        return Stream.of(
                        texts(
                                DataTypes.DECIMAL(10, 2),
                                PLAIN,
                                "1.2000",
                                "1.205",
                                "-12.5",
                                "+0012.30",
                                "-0",
                                "0.000",
                                "0.001",
                                "99999999.99",
                                "100000000",
                                "12345678901.234",
                                "1.5e2",
                                "12500e-4",
                                "0e999999999",
                                "1e999999999",
                                "1e2147483648",
                                "1E+2",
                                "1.",
                                ".5",
                                "abc",
                                "",
                                "１.５",
                                "1.2é",
                                longest,
                                longest + "0",
                                "0." + longest.substring(2)),
                        texts(DataTypes.DECIMAL(10, 4), PLAIN, "129012.12"),
                        texts(DataTypes.DECIMAL(5, 2), PLAIN, "12345.6", "999.99", "-999.995"),
                        texts(DataTypes.DECIMAL(1, 0), PLAIN, "9", "-9", "10", "0.0"),
                        texts(DataTypes.DECIMAL(3, 3), PLAIN, "0", "0.05", "-0.999", "5"),
                        texts(
                                DataTypes.DECIMAL(18, 0),
                                PLAIN,
                                "999999999999999999",
                                "-999999999999999999",
                                "1000000000000000000",
                                longest),
                        texts(
                                DataTypes.DECIMAL(18, 18),
                                PLAIN,
                                "0.999999999999999999",
                                "-0.000000000000000001",
                                "1"),
                        texts(DataTypes.DECIMAL(19, 0), PLAIN, "9223372036854775808"),
                        texts(DataTypes.DECIMAL(20, 0), PLAIN, "18446744073709551615"),
                        texts(
                                DataTypes.DECIMAL(38, 10),
                                PLAIN,
                                "1234567890123456789012345678.0123456789",
                                "1.5e10"))
                .flatMap(Function.identity());
    }

    private static Stream<Arguments> texts(DataType type, ColumnType column, String... texts) {
        return Arrays.stream(texts).map(text -> Arguments.of(type, column, text));
    }

    /** Values TiCDC writes as ASCII text, which converters read char by char. */
    static Stream<Arguments> charValues() {
        return Stream.of(
                        texts(DataTypes.BOOLEAN(), PLAIN, "1", "0", "-7"),
                        texts(DataTypes.TINYINT(), PLAIN, "-128"),
                        texts(DataTypes.SMALLINT(), PLAIN, "32767"),
                        texts(DataTypes.INT(), PLAIN, "2020"),
                        texts(DataTypes.BIGINT(), PLAIN, "-9223372036854775808"),
                        texts(DataTypes.INT(), ENUM, "2"),
                        texts(DataTypes.DECIMAL(10, 4), PLAIN, "129012.12", "-0.5", "7"),
                        texts(DataTypes.DECIMAL(18, 0), PLAIN, "-999999999999999999"),
                        texts(DataTypes.STRING(), ENUM, "2"),
                        texts(DataTypes.STRING(), SET, "5"),
                        texts(DataTypes.DATE(), PLAIN, "2020-02-20", "0000-00-00"),
                        texts(DataTypes.TIME(3), PLAIN, "02:20:20.123456"),
                        texts(DataTypes.TIMESTAMP(6), PLAIN, "2026-02-05 22:58:40.992217"),
                        texts(DataTypes.TIMESTAMP_LTZ(6), PLAIN, "2026-02-05 22:58:40.992217"))
                .flatMap(Function.identity());
    }

    @ParameterizedTest(name = "{0} from ''{2}'' ({1})")
    @MethodSource("values")
    void aValueTextReadsAsItsString(DataType type, ColumnType column, String text) {
        ValueConverter converter = converter(type);
        Object expected = outcome(converter, text, column);

        assertThat(outcome(converter, new ValueText().setString(text), column))
                .as("a ValueText over the String")
                .isEqualTo(expected);
        for (JsonEscapes escapes : JsonEscapes.values()) {
            String content = escapes.content(text);
            byte[] message = (FIELD + content + "\"}").getBytes(StandardCharsets.UTF_8);
            ValueText value =
                    new ValueText()
                            .setJson(
                                    message,
                                    FIELD.length(),
                                    message.length - 2,
                                    content.indexOf('\\') >= 0,
                                    content.chars().allMatch(c -> c < 0x80));
            Object actual = outcome(converter, value, column);
            // The reader reuses its buffer for the next message.
            Arrays.fill(message, (byte) '?');
            assertThat(actual).as("the JSON string \"%s\"", content).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} from ''{2}'' ({1})")
    @MethodSource("charValues")
    void numbersAndTimesAreReadWithoutMakingAString(DataType type, ColumnType column, String text) {
        ValueConverter converter = converter(type);
        assertThat(outcome(converter, new CharsOnly(text), column))
                .isEqualTo(outcome(converter, text, column));
    }

    private static ValueConverter converter(DataType type) {
        return ValueConverters.forType("c", type.getLogicalType(), ZoneOffset.UTC);
    }

    /** Ways a JSON writer may put a text between quotes. */
    private enum JsonEscapes {
        /** Only what JSON requires, so text without such characters stays raw UTF-8. */
        REQUIRED {
            @Override
            String escape(char c) {
                if (c == '"' || c == '\\') {
                    return "\\" + c;
                }
                if (c == '\n') {
                    return "\\n";
                }
                return c < 0x20 ? unicode(c) : null;
            }
        },
        /** Also every non-ASCII character (each UTF-16 unit), so the bytes are all ASCII. */
        NON_ASCII {
            @Override
            String escape(char c) {
                return c >= 0x80 ? unicode(c) : REQUIRED.escape(c);
            }
        },
        /** Every character, digits and signs too, in upper-case hex. */
        ALL {
            @Override
            String escape(char c) {
                return String.format("\\u%04X", (int) c);
            }
        };

        /** The escape for {@code c}, or null to write it as it is. */
        abstract String escape(char c);

        String content(String text) {
            StringBuilder content = new StringBuilder();
            for (char c : text.toCharArray()) {
                String escape = escape(c);
                if (escape == null) {
                    content.append(c);
                } else {
                    content.append(escape);
                }
            }
            return content.toString();
        }

        private static String unicode(char c) {
            return String.format("\\u%04x", (int) c);
        }
    }

    /** Text that fails the test when a converter asks it for a String. */
    private static final class CharsOnly implements CharSequence {

        private final String text;

        CharsOnly(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new AssertionError("a converter took a part of '" + text + "'");
        }

        @Override
        public String toString() {
            throw new AssertionError("a converter made a String of '" + text + "'");
        }
    }
}
