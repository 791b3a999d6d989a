package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.types.DataType;

import java.time.ZoneOffset;
import java.util.List;

/** Converts one value text as a column declared with a type would, for tests of the type rules. */
final class Convert {

    /** What the message says of a plain column: nothing that changes its reading. */
    static final ColumnType PLAIN = new ColumnType("int", Kind.PLAIN, List.of());

    private Convert() {}

    static Object convert(DataType type, String text) throws ValueConversionException {
        return convert(type, text, PLAIN);
    }

    static Object convert(DataType type, String text, ColumnType columnType)
            throws ValueConversionException {
        return ValueConverters.forType("c", type.getLogicalType(), ZoneOffset.UTC)
                .convert(text, columnType);
    }

    /**
     * What converting gives, as equals compares it: the value (a DECIMAL as its BigDecimal, so with
     * its scale), or {@code "error: "} and the message (no converter returns a Java String, so the
     * two cannot be confused).
     */
    static Object outcome(ValueConverter converter, CharSequence text, ColumnType columnType) {
        try {
            Object value = converter.convert(text, columnType);
            return value instanceof DecimalData ? ((DecimalData) value).toBigDecimal() : value;
        } catch (ValueConversionException e) {
            return "error: " + e.getMessage();
        }
    }
}
