package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads canal-json {@code mysqlType} strings: bare names ({@code varbinary}, {@code enum}) by
 * default, full definitions ({@code enum('a','b')}) with TiCDC's {@code content-compatible}. A
 * table has few distinct types, so each string is parsed once and cached.
 */
final class CanalMysqlTypes {

    private static final int MAX_CACHED = 4096;

    private final Map<String, ColumnType> cache = new HashMap<>();

    ColumnType resolve(String mysqlType) {
        ColumnType type = cache.get(mysqlType);
        if (type == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            type = parse(mysqlType);
            cache.put(mysqlType, type);
        }
        return type;
    }

    static ColumnType parse(String mysqlType) {
        String lower = mysqlType.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("enum")) {
            return new ColumnType(mysqlType, Kind.ENUM, elements(mysqlType));
        }
        if (lower.startsWith("set")) {
            return new ColumnType(mysqlType, Kind.SET, elements(mysqlType));
        }
        // TiCDC's own decoder tells binary from text this way.
        if (lower.contains("binary") || lower.contains("blob")) {
            return new ColumnType(mysqlType, Kind.BINARY, List.of());
        }
        return new ColumnType(mysqlType, Kind.PLAIN, List.of());
    }

    /** The quoted labels of {@code enum('a','b')}; a quote inside a label is doubled. */
    private static List<String> elements(String definition) {
        int open = definition.indexOf('(');
        if (open < 0) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        StringBuilder label = null;
        for (int i = open + 1; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                } else if (c == ')') {
                    break;
                }
            } else if (c == '\'') {
                if (i + 1 < definition.length() && definition.charAt(i + 1) == '\'') {
                    label.append('\'');
                    i++;
                } else {
                    labels.add(label.toString());
                    label = null;
                }
            } else if (c == '\\' && i + 1 < definition.length()) {
                label.append(definition.charAt(++i));
            } else {
                label.append(c);
            }
        }
        return labels;
    }
}
