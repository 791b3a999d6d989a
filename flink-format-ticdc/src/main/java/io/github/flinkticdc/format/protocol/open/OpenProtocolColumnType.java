package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;

import java.util.List;

/**
 * What a column's type code {@code t} and flags {@code f} (spec §3.4, §3.5) mean for reading its
 * value: how {@code v} is encoded and the {@link ColumnType} the value converters see.
 *
 * <p>Only the binary flag (for string types) and the unsigned flag (for integer types, in the name
 * only) change anything, so every combination is built once, up front, and shared by all readers:
 * the hot path only indexes an array.
 */
final class OpenProtocolColumnType {

    /** How the value {@code v} of a column is written. */
    enum Encoding {
        /** The JSON text is the value: numbers as written, strings as they are. */
        AS_WRITTEN,
        /** Binary CHAR/VARCHAR: the bytes quoted by Go's {@code strconv.Quote}, quotes removed. */
        GO_QUOTED,
        /** BLOB and TEXT: base64 of the bytes. */
        BASE64
    }

    private static final int BINARY_FLAG = 0x01;
    private static final int UNSIGNED_FLAG = 0x80;
    private static final int MAX_CODE = 255;
    private static final OpenProtocolColumnType[] TYPES =
            new OpenProtocolColumnType[4 * (MAX_CODE + 1)];

    static {
        for (int code = 0; code <= MAX_CODE; code++) {
            for (int variant = 0; variant < 4; variant++) {
                long flags =
                        ((variant & 1) != 0 ? BINARY_FLAG : 0)
                                | ((variant & 2) != 0 ? UNSIGNED_FLAG : 0);
                int index = index(code, flags);
                if (TYPES[index] == null) {
                    TYPES[index] = build(code, flags);
                }
            }
        }
    }

    private final ColumnType type;
    private final Encoding encoding;

    private OpenProtocolColumnType(ColumnType type, Encoding encoding) {
        this.type = type;
        this.encoding = encoding;
    }

    /**
     * The type of code {@code code} with flags {@code flags}, or null for a code TiCDC never
     * writes.
     */
    static OpenProtocolColumnType of(long code, long flags) {
        if (code < 0 || code > MAX_CODE) {
            return null;
        }
        return TYPES[index((int) code, flags)];
    }

    ColumnType columnType() {
        return type;
    }

    Encoding encoding() {
        return encoding;
    }

    /** Codes whose flags change nothing share one slot, so equal types are one instance. */
    private static int index(int code, long flags) {
        int variant = 0;
        if (isString(code) && (flags & BINARY_FLAG) != 0) {
            variant |= 1;
        }
        if (isInteger(code) && (flags & UNSIGNED_FLAG) != 0) {
            variant |= 2;
        }
        return code * 4 + variant;
    }

    private static OpenProtocolColumnType build(int code, long flags) {
        boolean binary = isString(code) && (flags & BINARY_FLAG) != 0;
        String label = label(code, binary);
        if (label == null) {
            return null;
        }
        boolean unsigned = isInteger(code) && (flags & UNSIGNED_FLAG) != 0;
        String name =
                label
                        + (unsigned ? " unsigned" : "")
                        + " (open protocol type "
                        + code
                        + (binary ? ", binary" : "")
                        + ")";
        Encoding encoding =
                isBlobOrText(code)
                        ? Encoding.BASE64
                        : binary ? Encoding.GO_QUOTED : Encoding.AS_WRITTEN;
        Kind kind =
                binary
                        ? Kind.BINARY
                        : code == 247 ? Kind.ENUM : code == 248 ? Kind.SET : Kind.PLAIN;
        return new OpenProtocolColumnType(new ColumnType(name, kind, List.of()), encoding);
    }

    /** The MySQL type name; null for codes outside spec §3.4 (0, GEOMETRY and unassigned ones). */
    private static String label(int code, boolean binary) {
        switch (code) {
            case 1:
                return "tinyint";
            case 2:
                return "smallint";
            case 3:
                return "int";
            case 4:
                return "float";
            case 5:
                return "double";
            case 6:
                return "null";
            case 7:
                return "timestamp";
            case 8:
                return "bigint";
            case 9:
                return "mediumint";
            case 10:
                return "date";
            case 11:
                return "time";
            case 12:
                return "datetime";
            case 13:
                return "year";
            case 14:
                return "newdate";
            case 15:
                return binary ? "varbinary" : "varchar";
            case 16:
                return "bit";
            case 225:
                return "vector";
            case 245:
                return "json";
            case 246:
                return "decimal";
            case 247:
                return "enum";
            case 248:
                return "set";
            case 249:
                return binary ? "tinyblob" : "tinytext";
            case 250:
                return binary ? "mediumblob" : "mediumtext";
            case 251:
                return binary ? "longblob" : "longtext";
            case 252:
                return binary ? "blob" : "text";
            case 253:
                return "var_string";
            case 254:
                return binary ? "binary" : "char";
            default:
                return null;
        }
    }

    /**
     * The types whose binary flag tells bytes from text; every numeric, temporal and JSON column
     * carries the flag too (its charset is "binary"), where it means nothing.
     */
    private static boolean isString(int code) {
        return code == 15 || code == 253 || code == 254 || isBlobOrText(code);
    }

    private static boolean isBlobOrText(int code) {
        return code >= 249 && code <= 252;
    }

    private static boolean isInteger(int code) {
        return code == 1 || code == 2 || code == 3 || code == 8 || code == 9;
    }
}
