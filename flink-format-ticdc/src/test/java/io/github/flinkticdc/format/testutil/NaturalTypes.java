package io.github.flinkticdc.format.testutil;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * The Flink type a user would declare for a TiDB column, by canal-json {@code mysqlType}: the
 * narrowest type that holds every value (docs: type mapping).
 */
public final class NaturalTypes {

    private NaturalTypes() {}

    /**
     * @param mysqlType a bare ({@code int unsigned}) or full ({@code int(10) unsigned}) type
     * @throws IllegalArgumentException for a type no rule covers yet, so a new sample is noticed
     */
    public static DataType of(String mysqlType) {
        boolean unsigned = mysqlType.contains("unsigned");
        String base = mysqlType.split("[ (]", 2)[0];
        switch (base) {
            case "tinyint":
                return unsigned ? DataTypes.SMALLINT() : DataTypes.TINYINT();
            case "smallint":
                return unsigned ? DataTypes.INT() : DataTypes.SMALLINT();
            case "mediumint":
            case "year":
            case "enum":
                return DataTypes.INT();
            case "int":
                return unsigned ? DataTypes.BIGINT() : DataTypes.INT();
            case "bigint":
                return unsigned ? DataTypes.DECIMAL(20, 0) : DataTypes.BIGINT();
            case "set":
            case "bit":
                return DataTypes.BIGINT();
            case "decimal":
                return DataTypes.DECIMAL(38, 10);
            case "float":
                return DataTypes.FLOAT();
            case "double":
                return DataTypes.DOUBLE();
            case "date":
                return DataTypes.DATE();
            case "datetime":
            case "timestamp":
                return DataTypes.TIMESTAMP(6);
            case "time":
                return DataTypes.TIME(0);
            case "char":
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
            case "json":
                return DataTypes.STRING();
            case "vector":
                return DataTypes.ARRAY(DataTypes.FLOAT());
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                return DataTypes.BYTES();
            default:
                throw new IllegalArgumentException(
                        "No Flink type chosen for TiDB type '" + mysqlType + "'");
        }
    }

    /** Whether TiCDC writes the column's bytes one char per byte (binary, varbinary, blobs). */
    public static boolean isBinary(String mysqlType) {
        return mysqlType.contains("binary") || mysqlType.contains("blob");
    }
}
