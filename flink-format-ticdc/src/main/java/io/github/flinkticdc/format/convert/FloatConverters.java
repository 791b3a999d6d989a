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
                double exact = exactDoubleOrNaN(text);
                if (!Double.isNaN(exact)) {
                    return exact;
                }
                requireDecimal(text, "DOUBLE");
                double value = Double.parseDouble(text.toString());
                requireRepresentable(text, Double.isInfinite(value), value == 0, "DOUBLE");
                return value;
            };

    /** At most 15 digits are below 2^53, so a double holds them exactly. */
    private static final int MAX_EXACT_DIGITS = 15;

    /** The powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    private FloatConverters() {}

    /**
     * The double of plain text {@code [+-]digits[.digits]} with at most 15 digits, or NaN for any
     * other text, which the JDK's parser reads. Its digits and the power of ten are both exact
     * doubles, so one division rounds the value correctly, as the JDK's parser does.
     */
    private static double exactDoubleOrNaN(CharSequence text) {
        int n = text.length();
        char first = n == 0 ? 0 : text.charAt(0);
        int i = IntegerText.isSign(first) ? 1 : 0;
        int start = i;
        int point = -1;
        long digits = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
            } else if (c == '.' && point < 0 && i > start && i + 1 < n) {
                point = i;
            } else {
                return Double.NaN;
            }
        }
        int digitCount = n - start - (point < 0 ? 0 : 1);
        if (digitCount == 0 || digitCount > MAX_EXACT_DIGITS) {
            return Double.NaN;
        }
        double value = point < 0 ? digits : digits / EXACT_POWERS_OF_TEN[n - point - 1];
        return first == '-' ? -value : value;
    }

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
