package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

import org.apache.flink.table.data.DecimalData;

import java.math.BigDecimal;

/**
 * DECIMAL(p, s) from decimal or integer text, exactly: no double on the way (BIGINT UNSIGNED fits
 * DECIMAL(20, 0)), and a value that needs more digits than p or s allow is an error, never NULL or
 * rounded.
 *
 * <p>Every check runs on the digits as written before any scaling, so that text such as {@code
 * 1e100000000} costs no more than its length: scaling it would build a number of a hundred million
 * digits.
 */
final class DecimalConverter implements ValueConverter {

    /**
     * The longest decimal text read: MySQL's widest DECIMAL(65, 30) takes 67 characters, and Flink
     * holds at most 38 digits.
     */
    static final int MAX_TEXT_LENGTH = 200;

    /** The most digits {@link DecimalData} holds as an unscaled long. */
    private static final int MAX_LONG_DIGITS = 18;

    private final int precision;
    private final int scale;

    DecimalConverter(int precision, int scale) {
        this.precision = precision;
        this.scale = scale;
    }

    @Override
    public Object convert(CharSequence text, ColumnType type) throws ValueConversionException {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new ValueConversionException(
                    "is longer than the " + MAX_TEXT_LENGTH + " characters of any DECIMAL");
        }
        if (precision <= MAX_LONG_DIGITS) {
            DecimalData plain = plainDecimalOrNull(text);
            if (plain != null) {
                return plain;
            }
        }
        if (!NumberText.isDecimal(text)) {
            throw new ValueConversionException("not a decimal number");
        }
        return fromBigDecimal(text.toString());
    }

    /**
     * The value of plain decimal text ({@code [+-]digits[.digits]}, as TiCDC writes DECIMAL) that
     * fits, read in one pass into the unscaled long; null for anything else (an exponent, a value
     * that does not fit, text that is no number), which {@link #fromBigDecimal} reads or refuses
     * with its reason. Digits past the scale must be zeros and the integer digits (leading zeros
     * aside) at most {@code precision - scale}, so the unscaled value has at most {@code precision}
     * digits and fits a long.
     */
    private DecimalData plainDecimalOrNull(CharSequence text) {
        int n = text.length();
        char first = n == 0 ? 0 : text.charAt(0);
        boolean negative = first == '-';
        int i = IntegerText.isSign(first) ? 1 : 0;
        int integerStart = i;
        int integerDigitsAllowed = precision - scale;
        int integerDigits = 0;
        long unscaled = 0;
        for (; i < n; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if ((unscaled != 0 || digit != 0) && ++integerDigits > integerDigitsAllowed) {
                return null;
            }
            unscaled = unscaled * 10 + digit;
        }
        if (i == integerStart) {
            return null;
        }
        int fractionDigits = 0;
        if (i < n) {
            if (text.charAt(i) != '.' || i + 1 == n) {
                return null;
            }
            for (i++; i < n; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                if (fractionDigits < scale) {
                    unscaled = unscaled * 10 + digit;
                    fractionDigits++;
                } else if (digit != 0) {
                    return null;
                }
            }
        }
        for (; fractionDigits < scale; fractionDigits++) {
            unscaled *= 10;
        }
        return DecimalData.fromUnscaledLong(negative ? -unscaled : unscaled, precision, scale);
    }

    private DecimalData fromBigDecimal(String text) throws ValueConversionException {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            // The grammar is right, so only the exponent can be at fault.
            throw new ValueConversionException("has an exponent beyond any DECIMAL");
        }
        if (value.scale() > scale) {
            value = value.stripTrailingZeros();
            if (value.scale() > scale) {
                throw tooManyFractionDigits();
            }
        }
        if (value.signum() != 0 && (long) value.precision() - value.scale() > precision - scale) {
            throw doesNotFit();
        }
        return DecimalData.fromBigDecimal(value.setScale(scale), precision, scale);
    }

    private ValueConversionException tooManyFractionDigits() {
        return new ValueConversionException(
                "has more than "
                        + scale
                        + " fractional digits, so "
                        + typeName()
                        + " cannot hold it exactly");
    }

    private ValueConversionException doesNotFit() {
        return new ValueConversionException("does not fit " + typeName());
    }

    private String typeName() {
        return "DECIMAL(" + precision + ", " + scale + ")";
    }
}
