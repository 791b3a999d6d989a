package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.debezium.DeclaredType;
import io.github.flinkticdc.format.protocol.debezium.DeclaredType.Kind;

import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.util.HashMap;
import java.util.Map;

/**
 * The declared types of a table's columns as the debezium reader needs them (see {@link
 * DeclaredType}): Flink's types mapped onto the groups whose Debezium rule differs.
 */
final class DebeziumDeclaredTypes {

    private DebeziumDeclaredTypes() {}

    static Map<String, DeclaredType> of(RowType rowType) {
        Map<String, DeclaredType> types = new HashMap<>();
        for (RowType.RowField field : rowType.getFields()) {
            types.put(field.getName(), of(field.getType()));
        }
        return types;
    }

    private static DeclaredType of(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return DeclaredType.of(Kind.BOOLEAN);
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return DeclaredType.of(Kind.INTEGER);
            case DECIMAL:
                return DeclaredType.decimal(((DecimalType) type).getScale());
            case FLOAT:
            case DOUBLE:
                return DeclaredType.of(Kind.FLOAT);
            case CHAR:
            case VARCHAR:
                return DeclaredType.of(Kind.TEXT);
            case BINARY:
            case VARBINARY:
                return DeclaredType.of(Kind.BYTES);
            case DATE:
                return DeclaredType.of(Kind.DATE);
            case TIME_WITHOUT_TIME_ZONE:
                return DeclaredType.of(Kind.TIME);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return DeclaredType.of(Kind.TIMESTAMP);
            default:
                return DeclaredType.of(Kind.OTHER);
        }
    }
}
