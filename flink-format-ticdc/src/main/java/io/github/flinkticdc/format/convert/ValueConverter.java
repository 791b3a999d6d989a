package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

import org.apache.flink.annotation.Internal;

/**
 * Turns the text TiCDC wrote for one column into Flink's internal representation of the type the
 * user declared. One converter is chosen per column when the decoder opens.
 */
@FunctionalInterface
@Internal
public interface ValueConverter {

    /**
     * @param text the value as TiCDC wrote it; never null (SQL NULL does not reach a converter).
     *     Often a {@link io.github.flinkticdc.format.protocol.ValueText} over the message's bytes,
     *     which the reader reuses for the next value: the result must not refer to it.
     * @param type what the message says about the column's TiDB type
     * @return the internal value, or null where a rule maps the value to NULL (the zero date)
     */
    Object convert(CharSequence text, ColumnType type) throws ValueConversionException;
}
