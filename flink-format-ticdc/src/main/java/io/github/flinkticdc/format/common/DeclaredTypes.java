package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.DeclaredType.Kind;

import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Flink's types mapped onto the groups of {@link DeclaredType} whose reading differs, for the
 * readers that ask a listener how a column is declared.
 */
final class DeclaredTypes {

    private DeclaredTypes() {}

    static DeclaredType of(LogicalType type) {
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
                return DeclaredType.of(Kind.TIMESTAMP);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return DeclaredType.of(Kind.TIMESTAMP_LTZ);
            default:
                return DeclaredType.of(Kind.OTHER);
        }
    }
}
