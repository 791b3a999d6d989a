package io.github.flinkticdc.testing;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/** canal-json's {@code sqlType} codes (java.sql.Types) for TiDB types, as spec §2.5 lists them. */
final class SqlTypes {

    private static final Map<String, Integer> BASE = new HashMap<>();

    static {
        BASE.put("tinyint", -6);
        BASE.put("smallint", 5);
        BASE.put("mediumint", 4);
        BASE.put("int", 4);
        BASE.put("bigint", -5);
        BASE.put("decimal", 3);
        BASE.put("float", 7);
        BASE.put("double", 8);
        BASE.put("char", 1);
        BASE.put("varchar", 12);
        for (String text : new String[] {"tinytext", "text", "mediumtext", "longtext"}) {
            BASE.put(text, 2005);
        }
        for (String binary :
                new String[] {
                    "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"
                }) {
            BASE.put(binary, 2004);
        }
        BASE.put("date", 91);
        BASE.put("datetime", 93);
        BASE.put("timestamp", 93);
        BASE.put("time", 92);
        BASE.put("year", 12);
        BASE.put("enum", 4);
        BASE.put("set", -7);
        BASE.put("bit", -7);
        BASE.put("json", 12);
        BASE.put("vector", 12);
    }

    private SqlTypes() {}

    static int baseCode(String mysqlType) {
        Integer code = BASE.get(bareName(mysqlType));
        if (code == null) {
            throw new IllegalArgumentException("Unknown TiDB type: " + mysqlType);
        }
        return code;
    }

    /** Whether TiDB's type holds bytes rather than text (BINARY, VARBINARY, the BLOBs). */
    static boolean isBinary(String mysqlType) {
        return baseCode(mysqlType) == 2004;
    }

    /** TiCDC widens the code of an unsigned integer only when this value needs it. */
    static int code(String mysqlType, String value) {
        int base = baseCode(mysqlType);
        if (value == null || !mysqlType.contains("unsigned")) {
            return base;
        }
        switch (bareName(mysqlType)) {
            case "tinyint":
                return new BigInteger(value).compareTo(BigInteger.valueOf(Byte.MAX_VALUE)) > 0
                        ? 5
                        : base;
            case "smallint":
                return new BigInteger(value).compareTo(BigInteger.valueOf(Short.MAX_VALUE)) > 0
                        ? 4
                        : base;
            case "int":
                return new BigInteger(value).compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0
                        ? -5
                        : base;
            case "bigint":
                return new BigInteger(value).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0
                        ? 3
                        : base;
            default:
                return base;
        }
    }

    /** The type without its sign, such as {@code bigint} for {@code bigint unsigned}. */
    static String bareName(String mysqlType) {
        int space = mysqlType.indexOf(' ');
        return space < 0 ? mysqlType : mysqlType.substring(0, space);
    }
}
