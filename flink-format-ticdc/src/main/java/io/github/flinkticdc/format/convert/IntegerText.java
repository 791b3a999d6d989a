package io.github.flinkticdc.format.convert;

/** Checks on decimal integer text, for telling "not a number" from "too large". */
final class IntegerText {

    private IntegerText() {}

    /** Whether the text is an optionally signed run of decimal digits. */
    static boolean isInteger(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
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
     * Parses a long from ASCII digits (the JDK's parser also takes other scripts' digits), failing
     * with a reason that names the target type.
     */
    static long parseLong(String text, String targetType) throws ValueConversionException {
        if (!isInteger(text)) {
            throw new ValueConversionException("not an integer, cannot be read as " + targetType);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValueConversionException("out of the range of " + targetType);
        }
    }
}
