package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;

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

    /** MySQL's limit on the members of a SET, one bit each of a 64-bit mask. */
    private static final int MAX_SET_MEMBERS = Long.SIZE;

    /**
     * The most characters of type strings the cache holds: hostile messages with ever new, long
     * type strings must not make it grow beyond this.
     */
    private static final long MAX_CACHED_CHARS = 1 << 20;

    private final Map<String, ColumnType> cache = new HashMap<>();
    private long cachedChars;

    ColumnType resolve(String mysqlType) throws MalformedMessageException {
        ColumnType type = cache.get(mysqlType);
        if (type == null) {
            type = parse(mysqlType);
            if (cache.size() >= MAX_CACHED || cachedChars + mysqlType.length() > MAX_CACHED_CHARS) {
                cache.clear();
                cachedChars = 0;
            }
            if (mysqlType.length() <= MAX_CACHED_CHARS) {
                cache.put(mysqlType, type);
                cachedChars += mysqlType.length();
            }
        }
        return type;
    }

    static ColumnType parse(String mysqlType) throws MalformedMessageException {
        String lower = mysqlType.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("enum")) {
            return new ColumnType(mysqlType, Kind.ENUM, elements(mysqlType));
        }
        if (lower.startsWith("set")) {
            List<String> labels = elements(mysqlType);
            if (labels.size() > MAX_SET_MEMBERS) {
                throw new MalformedMessageException(
                        "the SET type '"
                                + MessageExcerpt.truncate(mysqlType, 80)
                                + "' lists "
                                + labels.size()
                                + " labels; MySQL allows at most "
                                + MAX_SET_MEMBERS);
            }
            return new ColumnType(mysqlType, Kind.SET, labels);
        }
        // TiCDC's own decoder tells binary from text this way.
        if (lower.contains("binary") || lower.contains("blob")) {
            return new ColumnType(mysqlType, Kind.BINARY, List.of());
        }
        return new ColumnType(mysqlType, Kind.PLAIN, List.of());
    }

    /**
     * The quoted labels of {@code enum('a','b')}; a quote inside a label is doubled.
     *
     * @throws MalformedMessageException if the list is not closed, so its labels are not known
     */
    private static List<String> elements(String definition) throws MalformedMessageException {
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
                    return labels;
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
        throw new MalformedMessageException(
                "the type '"
                        + MessageExcerpt.truncate(definition, 80)
                        + "' opens a list of labels that it does not close");
    }
}
