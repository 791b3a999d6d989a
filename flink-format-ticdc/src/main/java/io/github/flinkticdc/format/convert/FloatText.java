package io.github.flinkticdc.format.convert;

import java.math.BigDecimal;

/**
 * FLOAT and DOUBLE text as TiCDC writes it (Go's shortest round-trip digits in fixed notation, spec
 * §2.5): no exponent, no trailing zeros, so {@code 1.0E10} is {@code 10000000000} and {@code 3.0}
 * is {@code 3}. TiDB has no NaN or infinity, so TiCDC never writes one, and neither does this.
 */
final class FloatText {

    private FloatText() {}

    static String of(float value) {
        requireFinite(Float.isNaN(value), Float.isInfinite(value), "FLOAT");
        return value == 0 ? zero(Float.floatToRawIntBits(value) < 0) : plain(Float.toString(value));
    }

    static String of(double value) {
        requireFinite(Double.isNaN(value), Double.isInfinite(value), "DOUBLE");
        return value == 0
                ? zero(Double.doubleToRawLongBits(value) < 0)
                : plain(Double.toString(value));
    }

    /** Java's text has enough digits to read back exactly; BigDecimal lays them out in full. */
    private static String plain(String javaText) {
        return new BigDecimal(javaText).stripTrailingZeros().toPlainString();
    }

    /** Keeps the sign of -0, which a decoder reads back as -0.0. */
    private static String zero(boolean negative) {
        return negative ? "-0" : "0";
    }

    private static void requireFinite(boolean nan, boolean infinite, String type) {
        if (nan || infinite) {
            throw new IllegalArgumentException(
                    (nan ? "NaN" : "an infinite " + type)
                            + " cannot be written: TiDB has no NaN or infinity, so no TiCDC"
                            + " message carries one");
        }
    }
}
