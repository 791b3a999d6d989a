package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the embedded schema says of one column: its Debezium type ({@code type}, the logical {@code
 * name}, TiCDC's {@code tidb_type} with {@code enable-tidb-extension=true}), reduced to the {@link
 * Rule} that turns its value into the canonical text the value converters read.
 */
final class DebeziumField {

    /** How a column's Debezium value becomes canonical text. */
    enum Rule {
        /** The JSON text is the value (integers, floats, JSON, YEAR, VECTOR, text). */
        AS_WRITTEN,
        /** {@code io.debezium.time.Date}: days since 1970-01-01. */
        DATE,
        /** {@code io.debezium.time.Timestamp}: DATETIME(0..3) as epoch milliseconds, UTC. */
        DATETIME_MILLIS,
        /** {@code io.debezium.time.MicroTimestamp}: DATETIME(4..6) as epoch microseconds, UTC. */
        DATETIME_MICROS,
        /** {@code io.debezium.time.ZonedTimestamp}: TIMESTAMP as an ISO-8601 instant. */
        ZONED_TIMESTAMP,
        /** {@code io.debezium.time.MicroTime}: TIME as signed microseconds. */
        MICRO_TIME,
        /** BIT(1) as a JSON boolean. */
        BOOLEAN_BIT,
        /** {@code io.debezium.data.Bits}: BIT(n) as base64 of little-endian bytes. */
        BITS,
        /** {@code io.debezium.data.Enum}: the label. */
        ENUM,
        /** {@code io.debezium.data.EnumSet}: the labels joined by commas. */
        SET,
        /** Binary strings: base64 of the bytes. */
        BINARY,
        /** A string column whose binary-ness the schema does not say (no {@code tidb_type}). */
        STRING_UNKNOWN,
        /** DECIMAL, which TiCDC writes as a double (tidb_type {@code decimal}). */
        DECIMAL,
        /** A JSON double or float that may be a DECIMAL (no {@code tidb_type}) or a DOUBLE. */
        FLOATING,
        /** An integer column TiDB declares UNSIGNED. */
        UNSIGNED_INTEGER
    }

    private static final String TIME = "io.debezium.time.";
    private static final String DATA = "io.debezium.data.";

    private final Rule rule;
    private final ColumnType type;

    private DebeziumField(Rule rule, ColumnType type) {
        this.rule = rule;
        this.type = type;
    }

    Rule rule() {
        return rule;
    }

    /** The type reported to the listener and named in errors. */
    ColumnType type() {
        return type;
    }

    /**
     * @param type the Debezium {@code type} ({@code int32}, {@code string}, ...), or null
     * @param name the logical {@code name}, or null
     * @param tidbType TiCDC's {@code tidb_type} ({@code varbinary}, {@code bigint unsigned}, ...)
     * @param allowed the {@code allowed} parameter of an ENUM or SET, or null
     */
    static DebeziumField of(String type, String name, String tidbType, String allowed) {
        String tidb = tidbType == null ? null : tidbType.toLowerCase(Locale.ROOT);
        Rule rule = rule(type, name, tidb);
        String typeName = describe(type, name, tidbType);
        switch (rule) {
            case ENUM:
                return new DebeziumField(
                        rule, new ColumnType(typeName, Kind.ENUM, enumLabels(allowed)));
            case SET:
                return new DebeziumField(
                        rule, new ColumnType(typeName, Kind.SET, setLabels(allowed)));
            case BINARY:
                return new DebeziumField(rule, new ColumnType(typeName, Kind.BINARY, List.of()));
            default:
                return new DebeziumField(rule, new ColumnType(typeName, Kind.PLAIN, List.of()));
        }
    }

    private static Rule rule(String type, String name, String tidb) {
        if (name != null) {
            switch (name) {
                case TIME + "Date":
                    return Rule.DATE;
                case TIME + "Timestamp":
                    return Rule.DATETIME_MILLIS;
                case TIME + "MicroTimestamp":
                    return Rule.DATETIME_MICROS;
                case TIME + "ZonedTimestamp":
                    return Rule.ZONED_TIMESTAMP;
                case TIME + "MicroTime":
                    return Rule.MICRO_TIME;
                case DATA + "Bits":
                    return Rule.BITS;
                case DATA + "Enum":
                    return Rule.ENUM;
                case DATA + "EnumSet":
                    return Rule.SET;
                default:
                    // Json, Year, TiDBVectorFloat32: their JSON text is the value.
                    return Rule.AS_WRITTEN;
            }
        }
        if (type == null) {
            return Rule.AS_WRITTEN;
        }
        switch (type) {
            case "boolean":
                return Rule.BOOLEAN_BIT;
            case "bytes":
                return Rule.BINARY;
            case "string":
                if (tidb == null) {
                    return Rule.STRING_UNKNOWN;
                }
                return tidb.contains("blob") || tidb.contains("binary")
                        ? Rule.BINARY
                        : Rule.AS_WRITTEN;
            case "double":
            case "float":
                if (tidb == null) {
                    return Rule.FLOATING;
                }
                return tidb.startsWith("decimal") ? Rule.DECIMAL : Rule.AS_WRITTEN;
            case "int8":
            case "int16":
            case "int32":
            case "int64":
                return tidb != null && tidb.endsWith("unsigned")
                        ? Rule.UNSIGNED_INTEGER
                        : Rule.AS_WRITTEN;
            default:
                return Rule.AS_WRITTEN;
        }
    }

    /** The most telling name of the type: TiDB's, else Debezium's logical name, else its type. */
    private static String describe(String type, String name, String tidbType) {
        if (tidbType != null) {
            return tidbType;
        }
        if (name != null) {
            return name;
        }
        return type == null ? ColumnType.UNKNOWN.name() : type;
    }

    /** ENUM labels: TiCDC escapes a comma inside a label as {@code \,}. */
    private static List<String> enumLabels(String allowed) {
        List<String> labels = new ArrayList<>();
        if (allowed == null) {
            return labels;
        }
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < allowed.length(); i++) {
            char c = allowed.charAt(i);
            if (c == '\\' && i + 1 < allowed.length() && allowed.charAt(i + 1) == ',') {
                label.append(',');
                i++;
            } else if (c == ',') {
                labels.add(label.toString());
                label.setLength(0);
            } else {
                label.append(c);
            }
        }
        labels.add(label.toString());
        return labels;
    }

    /** SET labels, which cannot hold a comma (MySQL refuses one). */
    private static List<String> setLabels(String allowed) {
        return allowed == null ? new ArrayList<>() : List.of(allowed.split(",", -1));
    }
}
