package io.github.flinkticdc.format.convert;

/**
 * The grammar of the decimal and floating-point text TiCDC writes, checked before the JDK parses
 * it: the JDK's parsers also take digits of other scripts ({@code "١٢٣"}, full-width {@code
 * "１２３"}), {@code NaN}, {@code Infinity}, hexadecimal floats, a trailing {@code f} or {@code d} and
 * surrounding spaces, none of which TiCDC writes, so taking them would turn corrupt text into
 * plausible numbers.
 */
final class NumberText {

    private NumberText() {}

    /**
     * Whether the text is {@code [+-]digits[.digits][(e|E)[+-]digits]} in ASCII: a JSON number's
     * grammar (with an optional {@code +}), so {@code "1."} and {@code ".5"} are not numbers.
     */
    static boolean isDecimal(CharSequence text) {
        int n = text.length();
        int i = 0;
        if (i < n && IntegerText.isSign(text.charAt(i))) {
            i++;
        }
        int digitsStart = i;
        i = skipDigits(text, i);
        if (i == digitsStart) {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            int fractionStart = ++i;
            i = skipDigits(text, i);
            if (i == fractionStart) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && IntegerText.isSign(text.charAt(i))) {
                i++;
            }
            int exponentStart = i;
            i = skipDigits(text, i);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == n;
    }

    /** Whether a digit other than 0 comes before the exponent, i.e. the value is not zero. */
    static boolean hasNonZeroDigit(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int skipDigits(CharSequence text, int i) {
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
