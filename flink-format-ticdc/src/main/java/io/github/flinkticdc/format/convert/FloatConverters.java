package io.github.flinkticdc.format.convert;

/** FLOAT and DOUBLE from TiCDC's float text (fixed notation) or JSON numbers. */
final class FloatConverters {

    static final ValueConverter FLOAT =
            (text, type) -> {
                try {
                    return Float.parseFloat(text);
                } catch (NumberFormatException e) {
                    throw new ValueConversionException("not a number, cannot be read as FLOAT");
                }
            };

    static final ValueConverter DOUBLE =
            (text, type) -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new ValueConversionException("not a number, cannot be read as DOUBLE");
                }
            };

    private FloatConverters() {}
}
