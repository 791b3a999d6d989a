package io.github.flinkticdc.format.convert;

/** Checks on decimal integer text, for telling "not a number" from "too large". */
final class IntegerText {

    private IntegerText() {}

    /** Whether the text is an optionally signed run of decimal digits. */
    static boolean isInteger(CharSequence text) {
        int start = text.length() > 0 && isSign(text.charAt(0)) ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a long from ASCII digits in one pass (the JDK's parser also takes other scripts'
     * digits), failing with a reason that names the target type.
     */
    static long parseLong(CharSequence text, String targetType) throws ValueConversionException {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && isSign(text.charAt(0))) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == n) {
            throw notAnInteger(targetType);
        }
        // Accumulated as a negative number, whose range is one larger, as the JDK does.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long result = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw notAnInteger(targetType);
            }
            if (result < (limit + digit) / 10) {
                overflow = true;
            }
            result = result * 10 - digit;
        }
        if (overflow) {
            throw new ValueConversionException("out of the range of " + targetType);
        }
        return negative ? result : -result;
    }

    /** Whether {@code c} is a sign, which integer and decimal text may start with. */
    static boolean isSign(char c) {
        return c == '-' || c == '+';
    }

    private static ValueConversionException notAnInteger(String targetType) {
        return new ValueConversionException("not an integer, cannot be read as " + targetType);
    }
}
