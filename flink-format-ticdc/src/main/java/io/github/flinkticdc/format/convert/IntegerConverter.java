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

    private IntegerConverter(String typeName, long min, long max, LogicalTypeRoot root) {
        this.typeName = typeName;
        this.min = min;
        this.max = max;
        this.root = root;
    }

    static IntegerConverter forType(LogicalTypeRoot root) {
        switch (root) {
            case TINYINT:
                return new IntegerConverter("TINYINT", Byte.MIN_VALUE, Byte.MAX_VALUE, root);
            case SMALLINT:
                return new IntegerConverter("SMALLINT", Short.MIN_VALUE, Short.MAX_VALUE, root);
            case INTEGER:
                return new IntegerConverter("INT", Integer.MIN_VALUE, Integer.MAX_VALUE, root);
            case BIGINT:
                return new IntegerConverter("BIGINT", Long.MIN_VALUE, Long.MAX_VALUE, root);
            default:
                throw new IllegalArgumentException("Not an integer type: " + root);
        }
    }

    @Override
    public Object convert(CharSequence text, ColumnType type) throws ValueConversionException {
        long value = IntegerText.parseLong(text, typeName);
        if (value < min || value > max) {
            throw new ValueConversionException(
                    "out of the range of " + typeName + " (" + min + " to " + max + ")");
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
