package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

/**
 * BOOLEAN from TiDB's BOOL / TINYINT(1) / BIT(1), which TiCDC writes as integer text: {@code 0} is
 * false, any other integer true. (Flink's canal-json reads {@code "1"} as false.)
 */
final class BooleanConverter implements ValueConverter {

    static final BooleanConverter INSTANCE = new BooleanConverter();

    private BooleanConverter() {}

    @Override
    public Object convert(CharSequence text, ColumnType type) throws ValueConversionException {
        if (IntegerText.isInteger(text)) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '1' && c <= '9') {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        }
        // TiCDC writes integers, so words are rare enough to read as a String, by its case rules.
        String word = text.toString();
        if (word.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (word.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new ValueConversionException(
                "not a boolean; expected integer text (0 is false, other numbers true)");
    }
}
