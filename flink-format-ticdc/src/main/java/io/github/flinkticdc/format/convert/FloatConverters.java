package io.github.flinkticdc.format.convert;

/**
 * FLOAT and DOUBLE from TiCDC's float text (fixed notation) or JSON numbers. A value beyond the
 * type's range is an error, as for integers, not an infinity; so is a non-zero value that the type
 * can only hold as zero. Within the range, a value is rounded to the nearest FLOAT or DOUBLE, as
 * the database does.
 */
final class FloatConverters {

    static final ValueConverter FLOAT = (text, type) -> parseFloat(text);

    static final ValueConverter DOUBLE =
            (text, type) -> {
                requireDecimal(text, "DOUBLE");
                double value = Double.parseDouble(text.toString());
                requireRepresentable(text, Double.isInfinite(value), value == 0, "DOUBLE");
                return value;
            };

    private FloatConverters() {}

    /** A FLOAT from float text, by the rules above. */
    static float parseFloat(CharSequence text) throws ValueConversionException {
        requireDecimal(text, "FLOAT");
        float value = Float.parseFloat(text.toString());
        requireRepresentable(text, Float.isInfinite(value), value == 0, "FLOAT");
        return value;
    }

    private static void requireDecimal(CharSequence text, String type)
            throws ValueConversionException {
        if (!NumberText.isDecimal(text)) {
            throw new ValueConversionException("not a number, cannot be read as " + type);
        }
    }

    private static void requireRepresentable(
            CharSequence text, boolean infinite, boolean zero, String type)
            throws ValueConversionException {
        if (infinite) {
            throw new ValueConversionException("out of the range of " + type);
        }
        if (zero && NumberText.hasNonZeroDigit(text)) {
            throw new ValueConversionException(
                    "too close to zero for " + type + ", which can only hold it as 0");
        }
    }
}
