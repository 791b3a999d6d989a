package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * TINYINT, SMALLINT, INT and BIGINT from integer text (integers, YEAR, ENUM index, SET bitmask,
 * BIT). A value outside the declared type's range is an error, never wrapped.
 */
final class IntegerConverter implements ValueConverter {

    private final String typeName;
    private final long min;
    private final long max;
    private final LogicalTypeRoot root;
    private final String unsignedHint;

    private IntegerConverter(
            String typeName, long min, long max, LogicalTypeRoot root, String wideEnough) {
        this.typeName = typeName;
        this.min = min;
        this.max = max;
        this.root = root;
        this.unsignedHint =
                "; if the TiDB column is "
                        + typeName
                        + " UNSIGNED, whose values reach twice as far, declare it as "
                        + wideEnough;
    }

    static IntegerConverter forType(LogicalTypeRoot root) {
        switch (root) {
            case TINYINT:
                return new IntegerConverter(
                        "TINYINT", Byte.MIN_VALUE, Byte.MAX_VALUE, root, "SMALLINT");
            case SMALLINT:
                return new IntegerConverter(
                        "SMALLINT", Short.MIN_VALUE, Short.MAX_VALUE, root, "INT");
            case INTEGER:
                return new IntegerConverter(
                        "INT", Integer.MIN_VALUE, Integer.MAX_VALUE, root, "BIGINT");
            case BIGINT:
                return new IntegerConverter(
                        "BIGINT", Long.MIN_VALUE, Long.MAX_VALUE, root, "DECIMAL(20, 0)");
            default:
                throw new IllegalArgumentException("Not an integer type: " + root);
        }
    }

    @Override
    public Object convert(CharSequence text, ColumnType type) throws ValueConversionException {
        long value;
        try {
            value = IntegerText.parseLong(text, typeName);
        } catch (ValueConversionException e) {
            throw IntegerText.isInteger(text) && text.charAt(0) != '-'
                    ? new ValueConversionException(e.getMessage() + unsignedHint)
                    : e;
        }
        if (value < min || value > max) {
            throw new ValueConversionException(
                    "out of the range of "
                            + typeName
                            + " ("
                            + min
                            + " to "
                            + max
                            + ")"
                            + (value > max ? unsignedHint : ""));
        }
        switch (root) {
            case TINYINT:
                return (byte) value;
            case SMALLINT:
                return (short) value;
            case INTEGER:
                return (int) value;
            default:
                return value;
        }
    }
}
