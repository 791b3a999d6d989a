package io.github.flinkticdc.format.convert;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/**
 * How the values of one Flink column are written as a TiDB column: the {@code mysqlType} and {@code
 * sqlType} a TiCDC message gives the column, and the text of each value. The types are chosen so
 * that a decoder, TiCDC's and this project's, reads the text back by the rule of the Flink type
 * (binary text as bytes, TIMESTAMP text in the zone it was written in).
 */
@Internal
public final class ColumnEncoding {

    private final String mysqlType;
    private final int sqlType;
    private final ValueRenderer renderer;

    ColumnEncoding(String mysqlType, int sqlType, ValueRenderer renderer) {
        this.mysqlType = Objects.requireNonNull(mysqlType);
        this.sqlType = sqlType;
        this.renderer = Objects.requireNonNull(renderer);
    }

    /** The bare MySQL type name, as TiCDC writes it by default. */
    public String mysqlType() {
        return mysqlType;
    }

    /** The java.sql.Types code TiCDC gives this MySQL type. */
    public int sqlType() {
        return sqlType;
    }

    /** The text of a non-null internal value (see {@link ValueRenderer#render}). */
    public String render(Object value) {
        return renderer.render(value);
    }
}
