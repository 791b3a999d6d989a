package io.github.flinkticdc.format.convert;

import org.apache.flink.annotation.Internal;

/**
 * Turns a value of a declared Flink type into the text TiCDC writes for the matching TiDB column:
 * the inverse of a {@link ValueConverter}, so that the converter reads the text back to the same
 * value. One renderer is chosen per column when the encoder opens.
 */
@FunctionalInterface
@Internal
public interface ValueRenderer {

    /**
     * @param value Flink's internal representation of the column's value; never null (SQL NULL does
     *     not reach a renderer)
     * @throws IllegalArgumentException if no TiDB column can hold the value (NaN, a year after
     *     9999), saying why
     */
    String render(Object value);
}
