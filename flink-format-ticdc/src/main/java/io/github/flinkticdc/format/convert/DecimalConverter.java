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
        BigDecimal value;
        try {
            value = new BigDecimal(text.toString());
        } catch (NumberFormatException e) {
            // The grammar is right, so only the exponent can be at fault.
            throw new ValueConversionException("has an exponent beyond any DECIMAL");
        }
        if (value.scale() > scale) {
            value = value.stripTrailingZeros();
            if (value.scale() > scale) {
                throw new ValueConversionException(
                        "has more than "
                                + scale
                                + " fractional digits, so "
                                + typeName()
                                + " cannot hold it exactly");
            }
        }
        if (value.signum() != 0 && (long) value.precision() - value.scale() > precision - scale) {
            throw new ValueConversionException("does not fit " + typeName());
        }
        return DecimalData.fromBigDecimal(value.setScale(scale), precision, scale);
    }

    private String typeName() {
        return "DECIMAL(" + precision + ", " + scale + ")";
    }
}
