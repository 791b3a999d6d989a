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
        if (!NumberText.isDecimal(text)) {
            throw new ValueConversionException("not a decimal number");
        }
        // TiCDC writes plain notation; an exponent keeps BigDecimal's reading, limits and all.
        return precision <= MAX_LONG_DIGITS && !hasExponent(text)
                ? fromPlainDigits(text)
                : fromBigDecimal(text.toString());
    }

    /**
     * The same checks and value as {@link #fromBigDecimal} for text without an exponent, from the
     * digits as written: digits past the scale must be zeros, the integer digits (leading zeros
     * aside) at most {@code precision - scale}, so the unscaled value has at most {@code precision}
     * digits and fits a long.
     */
    private DecimalData fromPlainDigits(CharSequence text) throws ValueConversionException {
        int n = text.length();
        boolean negative = text.charAt(0) == '-';
        int integerStart = IntegerText.isSign(text.charAt(0)) ? 1 : 0;
        while (integerStart < n && text.charAt(integerStart) == '0') {
            integerStart++;
        }
        int point = integerStart;
        while (point < n && text.charAt(point) != '.') {
            point++;
        }
        for (int i = point + 1 + scale; i < n; i++) {
            if (text.charAt(i) != '0') {
                throw tooManyFractionDigits();
            }
        }
        if (point - integerStart > precision - scale) {
            throw doesNotFit();
        }
        long unscaled = 0;
        for (int i = integerStart; i < point; i++) {
            unscaled = unscaled * 10 + (text.charAt(i) - '0');
        }
        for (int i = point + 1; i <= point + scale; i++) {
            unscaled = unscaled * 10 + (i < n ? text.charAt(i) - '0' : 0);
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

    private static boolean hasExponent(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == 'e' || text.charAt(i) == 'E') {
                return true;
            }
        }
        return false;
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
