package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.ColumnType;

import java.util.List;
import java.util.Objects;

/**
 * One column of a simple-protocol table schema ({@code tableSchema.columns[i]}): what changes how
 * its values are read. TiCDC names binary string types after their charset ({@code varbinary},
 * {@code blob}, ...), and writes their values as base64.
 */
final class SimpleColumn {

    private static final List<String> BINARY_TYPES =
            List.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

    private final String name;
    private final String mysqlType;
    private final boolean unsigned;
    private final ColumnType columnType;

    SimpleColumn(String name, String mysqlType, boolean unsigned) {
        this.name = Objects.requireNonNull(name);
        this.mysqlType = Objects.requireNonNull(mysqlType);
        this.unsigned = unsigned;
        this.columnType =
                new ColumnType(
                        typeName(),
                        BINARY_TYPES.contains(mysqlType)
                                ? ColumnType.Kind.BINARY
                                : ColumnType.Kind.PLAIN,
                        List.of());
    }

    String name() {
        return name;
    }

    /** The {@code dataType.mysqlType}, such as {@code int}, {@code varchar}, {@code blob}. */
    String mysqlType() {
        return mysqlType;
    }

    boolean unsigned() {
        return unsigned;
    }

    /** Whether TiCDC writes the column's values as base64 of their bytes. */
    boolean binary() {
        return columnType.kind() == ColumnType.Kind.BINARY;
    }

    /** TiCDC writes a TIMESTAMP as an object with its zone, every other value as a string. */
    boolean timestamp() {
        return "timestamp".equals(mysqlType);
    }

    /**
     * The type reported to a listener. ENUM and SET stay numbers (their index and bitmask, as TiCDC
     * writes them): a label would need the schema, which a row read before its table's BOOTSTRAP
     * does not have, and a column must read the same either way.
     */
    ColumnType columnType() {
        return columnType;
    }

    private String typeName() {
        return unsigned ? mysqlType + " unsigned" : mysqlType;
    }
}
