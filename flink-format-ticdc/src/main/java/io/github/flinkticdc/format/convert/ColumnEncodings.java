package io.github.flinkticdc.format.convert;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.ZoneId;

/**
 * Chooses how a declared Flink type is written as a TiDB column (docs: writing ticdc-canal, type
 * rendering): the one place that holds the type rules of the encoder. Each rule is the inverse of
 * the decoder's rule for the same Flink type ({@link ValueConverters}), and names a TiDB type whose
 * text TiCDC writes the same way, so that what is written reads back to the same value.
 */
@Internal
public final class ColumnEncodings {

    private static final ColumnEncoding BOOLEAN =
            new ColumnEncoding("tinyint", Types.TINYINT, value -> (Boolean) value ? "1" : "0");

    private ColumnEncodings() {}

    /** One encoding per field of {@code rowType}, in field order. */
    public static ColumnEncoding[] forRow(RowType rowType, ZoneId timestampZone) {
        ColumnEncoding[] encodings = new ColumnEncoding[rowType.getFieldCount()];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] =
                    forType(rowType.getFieldNames().get(i), rowType.getTypeAt(i), timestampZone);
        }
        return encodings;
    }

    /**
     * The encoding of a column declared as {@code type}.
     *
     * @param timestampZone the zone TIMESTAMP_LTZ values are written in, as TiCDC writes TIMESTAMP
     *     columns in its server's zone
     * @throws ValidationException if the type has no TiDB counterpart
     */
    public static ColumnEncoding forType(String column, LogicalType type, ZoneId timestampZone) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return BOOLEAN;
            case TINYINT:
                return integer("tinyint", Types.TINYINT);
            case SMALLINT:
                return integer("smallint", Types.SMALLINT);
            case INTEGER:
                return integer("int", Types.INTEGER);
            case BIGINT:
                return integer("bigint", Types.BIGINT);
            case DECIMAL:
                // The column's scale kept, never an exponent, as TiCDC writes DECIMAL.
                return new ColumnEncoding(
                        "decimal",
                        Types.DECIMAL,
                        value -> ((DecimalData) value).toBigDecimal().toPlainString());
            case FLOAT:
                return new ColumnEncoding(
                        "float", Types.REAL, value -> FloatText.of((Float) value));
            case DOUBLE:
                return new ColumnEncoding(
                        "double", Types.DOUBLE, value -> FloatText.of((Double) value));
            case CHAR:
                return new ColumnEncoding("char", Types.CHAR, Object::toString);
            case VARCHAR:
                // STRING has no length limit: TiDB's unbounded text type is LONGTEXT.
                return ((VarCharType) type).getLength() == VarCharType.MAX_LENGTH
                        ? new ColumnEncoding("longtext", Types.CLOB, Object::toString)
                        : new ColumnEncoding("varchar", Types.VARCHAR, Object::toString);
            case BINARY:
                return binary("binary");
            case VARBINARY:
                return binary(
                        ((VarBinaryType) type).getLength() == VarBinaryType.MAX_LENGTH
                                ? "longblob"
                                : "varbinary");
            case DATE:
                return new ColumnEncoding("date", Types.DATE, TemporalRenderers.DATE);
            case TIME_WITHOUT_TIME_ZONE:
                return new ColumnEncoding(
                        "time",
                        Types.TIME,
                        TemporalRenderers.time(((TimeType) type).getPrecision()));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return new ColumnEncoding(
                        "datetime",
                        Types.TIMESTAMP,
                        TemporalRenderers.timestamp(((TimestampType) type).getPrecision()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return new ColumnEncoding(
                        "timestamp",
                        Types.TIMESTAMP,
                        TemporalRenderers.localZonedTimestamp(
                                ((LocalZonedTimestampType) type).getPrecision(), timestampZone));
            case ARRAY:
                if (((ArrayType) type).getElementType().getTypeRoot() == LogicalTypeRoot.FLOAT) {
                    return new ColumnEncoding(
                            "vector", Types.VARCHAR, value -> vector((ArrayData) value));
                }
                break;
            default:
                break;
        }
        throw new ValidationException(
                String.format(
                        "Column '%s' is declared as %s, which cannot be written as a TiDB column."
                                + " Supported types: BOOLEAN, TINYINT, SMALLINT, INT, BIGINT,"
                                + " DECIMAL, FLOAT, DOUBLE, CHAR, VARCHAR/STRING, BINARY,"
                                + " VARBINARY/BYTES, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ and"
                                + " ARRAY<FLOAT> (TiDB VECTOR).",
                        column, type.asSummaryString()));
    }

    private static ColumnEncoding integer(String mysqlType, int sqlType) {
        return new ColumnEncoding(mysqlType, sqlType, Object::toString);
    }

    /** One char per byte (ISO-8859-1), as TiCDC writes binary columns (spec §2.7). */
    private static ColumnEncoding binary(String mysqlType) {
        return new ColumnEncoding(
                mysqlType,
                Types.BLOB,
                value -> new String((byte[]) value, StandardCharsets.ISO_8859_1));
    }

    /** TiDB's VECTOR text: {@code [1,2.5,3]}, each element as FLOAT text. */
    private static String vector(ArrayData array) {
        StringBuilder out = new StringBuilder(2 + array.size() * 8).append('[');
        for (int i = 0; i < array.size(); i++) {
            if (array.isNullAt(i)) {
                throw new IllegalArgumentException(
                        "vector element " + i + " is NULL, which a TiDB VECTOR cannot hold");
            }
            out.append(i > 0 ? "," : "");
            try {
                out.append(FloatText.of(array.getFloat(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vector element " + i + ": " + e.getMessage());
            }
        }
        return out.append(']').toString();
    }
}
