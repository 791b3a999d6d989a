package io.github.flinkticdc.format.fuzz;

import java.util.SplittableRandom;

/**
 * Values that sit on the edges of what the decoders must accept or refuse, written as JSON
 * literals: huge and tiny numbers, non-ASCII digits, special float spellings, zero dates, escapes
 * that are not characters, and replacements of every JSON type.
 */
final class InterestingValues {

    private InterestingValues() {}

    /** A 1500-digit integer. */
    static final String DIGITS_1500 = "9".repeat(1500);

    /** Bare JSON numbers far outside every type's range. */
    static final String[] HUGE_NUMBERS = {
        DIGITS_1500,
        "-" + DIGITS_1500,
        "1e999999999",
        "-1e2147483647",
        "1e10000000",
        "1e39",
        "1e309",
        "1e400",
        "4.9e-325",
        "1e-46",
        "1e-400",
        "0." + "0".repeat(400) + "1",
        "18446744073709551616",
        "-9223372036854775809",
        "9223372036854775808",
        "1." + "1".repeat(1200),
    };

    /** Texts for string values of the row images (quoted as JSON strings when used). */
    static final String[] VALUE_TEXTS = {
        "١٢٣",
        "１２３",
        "１.５",
        "٣.١٤",
        "12३",
        "0",
        "-0",
        "+1",
        "1",
        "-1",
        " 1",
        "1 ",
        "\t1",
        "1_000",
        "0x1F",
        "0b1",
        "1e10000000",
        "1E5",
        "1.5e3",
        "1e-5",
        "1e39",
        "1e309",
        "1e400",
        "-1e400",
        "1e-400",
        "1e-50",
        "3.4028236e38",
        "3.4028235e38",
        "1.4e-45",
        "7e-46",
        "4.9e-324",
        "2e-324",
        "NaN",
        "-NaN",
        "Infinity",
        "-Infinity",
        "inf",
        "0x1p3",
        "1f",
        "1d",
        "1.5F",
        ".5",
        "5.",
        "-.5",
        "00012",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "2147483647",
        "2147483648",
        "-2147483649",
        "99999999999999999999",
        "999999999.999",
        "1000000000.000",
        "999999999.9995",
        "0.0005",
        "1.23456789012345678901234567890",
        "1.2000",
        "1." + "0".repeat(50),
        "",
        "-",
        "+",
        "--1",
        "1..2",
        "0000-00-00",
        "0000-00-00 00:00:00",
        "0000-00-00 00:00:00.000000",
        "0000-00-00 00:00:00.000",
        "0000-00-00 12:34:56",
        "0000-00-00 00:00:00.000001",
        "0000-01-01",
        "2020-00-00",
        "2020-02-30",
        "2020-13-01",
        "2020-02-29 24:00:00",
        "9999-12-31 23:59:59.999999",
        "1970-01-01 00:00:00",
        "2038-01-19 03:14:08",
        "2020-01-01T00:00:00",
        "2020-01-01 00:00:00.1234567",
        "2020-01-01 00:00:00 +08:00",
        "１９７０-01-01",
        "ÿþ",
        "😀",
        "\u0000",
        "\u2028",
        "\uFEFF",
    };

    /** JSON string literals that are escapes without a character behind them. */
    static final String[] ESCAPE_LITERALS = {
        "\"\\ud800\"", "\"\\udfff\"", "\"\\udc00\\ud800\"", "\"a\\u0000b\"", "\"\\u00ff\\u0100\"",
    };

    /** Replacements of each JSON type. */
    static final String[] ANY_JSON = {
        "0",
        "-1",
        "1.5",
        "1e5",
        "\"x\"",
        "\"\"",
        "\"1\"",
        "true",
        "false",
        "null",
        "{}",
        "[]",
        "[null]",
        "[{}]",
        "{\"a\":1}",
        "[1,\"2\"]",
        "[\"id\"]",
        "[{\"id\":\"1\"},{\"id\":\"2\"}]",
    };

    static final String[] EVENT_TYPES = {
        "\"INSERT\"",
        "\"UPDATE\"",
        "\"DELETE\"",
        "\"TIDB_WATERMARK\"",
        "\"CREATE\"",
        "\"QUERY\"",
        "\"ERASE\"",
        "\"insert\"",
        "\"\"",
        "\"UPSERT\"",
    };

    /** commitTs / watermarkTs replacements: negative, beyond 64 bits, not integers. */
    static final String[] TSO_VALUES = {
        "-1",
        "-9223372036854775808",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "-0",
        "0",
        "1.5",
        "4.6e17",
        "4.6E+17",
        "\"429918007904436226\"",
        "null",
        "true",
        "[]",
        DIGITS_1500,
    };

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A JSON string literal of {@code text}, escaped as any JSON writer would. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    /** {@code set('l0','l1',...)} with {@code n} labels. */
    static String setDefinition(int n) {
        StringBuilder s = new StringBuilder("set(");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("'l").append(i).append('\'');
        }
        return s.append(')').toString();
    }
}
