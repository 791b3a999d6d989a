package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

import org.apache.flink.table.data.DecimalData;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DECIMAL(p, s) from decimal or integer text, exactly: no double on the way (BIGINT UNSIGNED fits
 * DECIMAL(20, 0)), and a value that needs more digits than p or s allow is an error, never NULL or
 * rounded.
 */
final class DecimalConverter implements ValueConverter {

    private final int precision;
    private final int scale;

    DecimalConverter(int precision, int scale) {
        this.precision = precision;
        this.scale = scale;
    }

    @Override
    public Object convert(String text, ColumnType type) throws ValueConversionException {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ValueConversionException("not a decimal number");
        }
        if (value.scale() > scale) {
            try {
                value = value.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new ValueConversionException(
                        "has more than "
                                + scale
                                + " fractional digits, so DECIMAL("
                                + precision
                                + ", "
                                + scale
                                + ") cannot hold it exactly");
            }
        }
        DecimalData decimal = DecimalData.fromBigDecimal(value, precision, scale);
        if (decimal == null) {
            throw new ValueConversionException(
                    "does not fit DECIMAL(" + precision + ", " + scale + ")");
        }
        return decimal;
    }
}
