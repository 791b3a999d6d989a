package io.github.flinkticdc.format.convert;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;

import java.time.ZoneId;

/**
 * Chooses the {@link ValueConverter} for a declared Flink type: the one place that holds the type
 * rules of the TiCDC formats (docs: type mapping).
 */
@Internal
public final class ValueConverters {

    private ValueConverters() {}

    /** One converter per field of {@code rowType}, in field order. */
    public static ValueConverter[] forRow(RowType rowType, ZoneId timestampZone) {
        ValueConverter[] converters = new ValueConverter[rowType.getFieldCount()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] =
                    forType(rowType.getFieldNames().get(i), rowType.getTypeAt(i), timestampZone);
        }
        return converters;
    }

    /**
     * Whether the converter for {@code type} looks at the column's TiDB type (binary or text, ENUM
     * and SET labels). Only text and bytes do, so decoders may skip the type of other columns.
     */
    public static boolean readsColumnType(LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
            case BINARY:
            case VARBINARY:
                return true;
            default:
                return false;
        }
    }

    /**
     * The converter for a column declared as {@code type}.
     *
     * @param timestampZone the zone TiCDC wrote TIMESTAMP values in, for TIMESTAMP_LTZ columns
     * @throws ValidationException if the type has no TiCDC mapping
     */
    public static ValueConverter forType(String column, LogicalType type, ZoneId timestampZone) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return BooleanConverter.INSTANCE;
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return IntegerConverter.forType(type.getTypeRoot());
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return new DecimalConverter(decimal.getPrecision(), decimal.getScale());
            case FLOAT:
                return FloatConverters.FLOAT;
            case DOUBLE:
                return FloatConverters.DOUBLE;
            case CHAR:
            case VARCHAR:
                return TextConverters.STRING;
            case BINARY:
            case VARBINARY:
                return TextConverters.BYTES;
            case DATE:
                return TemporalConverters.DATE;
            case TIME_WITHOUT_TIME_ZONE:
                return TemporalConverters.time(((TimeType) type).getPrecision());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return TemporalConverters.timestamp(((TimestampType) type).getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return TemporalConverters.localZonedTimestamp(
                        ((LocalZonedTimestampType) type).getPrecision(), timestampZone);
            case ARRAY:
                if (((ArrayType) type).getElementType().getTypeRoot() == LogicalTypeRoot.FLOAT) {
                    return VectorConverter.INSTANCE;
                }
                break;
            default:
                break;
        }
        throw new ValidationException(
                String.format(
                        "Column '%s' is declared as %s, which TiCDC values cannot be read as."
                                + " Supported types: BOOLEAN, TINYINT, SMALLINT, INT, BIGINT,"
                                + " DECIMAL, FLOAT, DOUBLE, CHAR, VARCHAR/STRING, BINARY,"
                                + " VARBINARY/BYTES, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ and"
                                + " ARRAY<FLOAT> (TiDB VECTOR).",
                        column, type.asSummaryString()));
    }
}
