package io.github.flinkticdc.testing;

import java.util.HashMap;
import java.util.Map;

/** The Open Protocol type code of a TiDB column type and how its values are written (spec §3.4). */
final class OpenProtocolType {

    /** How {@code v} is written. */
    enum Encoding {
        INTEGER,
        FLOAT,
        STRING,
        GO_QUOTED,
        BASE64_TEXT,
        BASE64_BYTES
    }

    private static final Map<String, OpenProtocolType> TYPES = new HashMap<>();

    static {
        binaryCharset("tinyint", 1, Encoding.INTEGER);
        binaryCharset("smallint", 2, Encoding.INTEGER);
        binaryCharset("int", 3, Encoding.INTEGER);
        binaryCharset("float", 4, Encoding.FLOAT);
        binaryCharset("double", 5, Encoding.FLOAT);
        binaryCharset("timestamp", 7, Encoding.STRING);
        binaryCharset("bigint", 8, Encoding.INTEGER);
        binaryCharset("mediumint", 9, Encoding.INTEGER);
        binaryCharset("date", 10, Encoding.STRING);
        binaryCharset("time", 11, Encoding.STRING);
        binaryCharset("datetime", 12, Encoding.STRING);
        TYPES.put("year", new OpenProtocolType(13, Encoding.INTEGER, true, true));
        TYPES.put("bit", new OpenProtocolType(16, Encoding.INTEGER, true, true));
        binaryCharset("json", 245, Encoding.STRING);
        binaryCharset("decimal", 246, Encoding.STRING);
        textCharset("varchar", 15, Encoding.STRING);
        textCharset("char", 254, Encoding.STRING);
        textCharset("enum", 247, Encoding.INTEGER);
        textCharset("set", 248, Encoding.INTEGER);
        textCharset("vector", 225, Encoding.STRING);
        textCharset("tinytext", 249, Encoding.BASE64_TEXT);
        textCharset("mediumtext", 250, Encoding.BASE64_TEXT);
        textCharset("longtext", 251, Encoding.BASE64_TEXT);
        textCharset("text", 252, Encoding.BASE64_TEXT);
        binaryCharset("varbinary", 15, Encoding.GO_QUOTED);
        binaryCharset("binary", 254, Encoding.GO_QUOTED);
        binaryCharset("tinyblob", 249, Encoding.BASE64_BYTES);
        binaryCharset("mediumblob", 250, Encoding.BASE64_BYTES);
        binaryCharset("longblob", 251, Encoding.BASE64_BYTES);
        binaryCharset("blob", 252, Encoding.BASE64_BYTES);
    }

    final int code;
    final Encoding encoding;

    /** TiDB sets the binary flag for numeric, temporal, JSON, bit and binary string columns. */
    final boolean binary;

    /** YEAR and BIT carry the unsigned flag whatever the declaration says. */
    final boolean unsigned;

    private OpenProtocolType(int code, Encoding encoding, boolean binary, boolean unsigned) {
        this.code = code;
        this.encoding = encoding;
        this.binary = binary;
        this.unsigned = unsigned;
    }

    /** The type of a bare {@code mysqlType} such as {@code int unsigned} or {@code varchar}. */
    static OpenProtocolType of(String mysqlType) {
        int space = mysqlType.indexOf(' ');
        String bare = space < 0 ? mysqlType : mysqlType.substring(0, space);
        OpenProtocolType type = TYPES.get(bare);
        if (type == null) {
            throw new IllegalArgumentException("No Open Protocol type for TiDB type " + mysqlType);
        }
        return type;
    }

    private static void binaryCharset(String name, int code, Encoding encoding) {
        TYPES.put(name, new OpenProtocolType(code, encoding, true, false));
    }

    private static void textCharset(String name, int code, Encoding encoding) {
        TYPES.put(name, new OpenProtocolType(code, encoding, false, false));
    }
}
