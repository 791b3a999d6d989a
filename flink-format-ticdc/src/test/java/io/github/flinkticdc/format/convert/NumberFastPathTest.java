package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

import org.apache.flink.table.data.DecimalData;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DOUBLE and DECIMAL read plain text in one pass without the JDK's parsers: on hundreds of
 * thousands of random texts near and past the limits of that pass, they give what the JDK's parsers
 * give, and refuse what the general path refuses.
 */
class NumberFastPathTest {

    private static final int TEXTS = 300_000;

    @Test
    void readsDoublesAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(11L);
        for (int i = 0; i < TEXTS; i++) {
            String text = randomNumberText(random);
            Object expected;
            try {
                expected = NumberText.isDecimal(text) ? Double.parseDouble(text) : "refused";
            } catch (NumberFormatException e) {
                expected = "refused";
            }
            assertThat(outcome(FloatConverters.DOUBLE, text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void readsDecimalsAsBigDecimalDoes() {
        SplittableRandom random = new SplittableRandom(12L);
        for (int i = 0; i < TEXTS; i++) {
            int precision = 1 + random.nextInt(18);
            int scale = random.nextInt(precision + 1);
            String text = randomNumberText(random);
            assertThat(outcome(new DecimalConverter(precision, scale), text))
                    .as("%s as DECIMAL(%d, %d)", text, precision, scale)
                    .isEqualTo(bigDecimalReading(text, precision, scale));
        }
    }

    /** What DECIMAL(p, s) holds of the text by BigDecimal's arithmetic, or "refused". */
    private static Object bigDecimalReading(String text, int precision, int scale) {
        if (!NumberText.isDecimal(text)) {
            return "refused";
        }
        BigDecimal value = new BigDecimal(text);
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale);
        } catch (ArithmeticException inexact) {
            return "refused";
        }
        return scaled.precision() - scaled.scale() > precision - scale && scaled.signum() != 0
                ? "refused"
                : DecimalData.fromBigDecimal(scaled, precision, scale);
    }

    private static Object outcome(ValueConverter converter, String text) {
        try {
            return converter.convert(text, ColumnType.UNKNOWN);
        } catch (ValueConversionException e) {
            return "refused";
        }
    }

    /** Signs, leading zeros, 0 to 20 digits around an optional point, now and then an exponent. */
    private static String randomNumberText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int sign = random.nextInt(4);
        if (sign == 0) {
            text.append('-');
        } else if (sign == 1) {
            text.append('+');
        }
        int zeros = random.nextInt(5) == 0 ? random.nextInt(4) : 0;
        for (int i = 0; i < zeros; i++) {
            text.append('0');
        }
        appendDigits(text, random, random.nextInt(12));
        if (random.nextInt(3) > 0) {
            text.append('.');
            appendDigits(text, random, random.nextInt(12));
            if (random.nextInt(3) == 0) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    text.append('0');
                }
            }
        }
        if (random.nextInt(20) == 0) {
            text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-5, 6));
        }
        if (random.nextInt(50) == 0) {
            text.insert(random.nextInt(text.length() + 1), "x.-".charAt(random.nextInt(3)));
        }
        return text.toString();
    }

    private static void appendDigits(StringBuilder text, SplittableRandom random, int count) {
        for (int i = 0; i < count; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
    }
}
