package io.github.flinkticdc.format.protocol.simple;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's schema at one version, as TiCDC's simple protocol sends it in BOOTSTRAP and DDL
 * messages ({@code tableSchema}, {@code preTableSchema}); a row names its version in {@code
 * schemaVersion}.
 */
final class SimpleTableSchema {

    private final String database;
    private final String table;
    private final long version;
    private final List<SimpleColumn> columns;
    private final Map<String, Integer> indexByName = new HashMap<>();

    SimpleTableSchema(String database, String table, long version, List<SimpleColumn> columns) {
        this.database = database;
        this.table = table;
        this.version = version;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            indexByName.put(this.columns.get(i).name(), i);
        }
    }

    String database() {
        return database;
    }

    String table() {
        return table;
    }

    long version() {
        return version;
    }

    /** The columns in the table's order. */
    List<SimpleColumn> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** The column named {@code name}, or null. */
    SimpleColumn column(String name) {
        int index = indexOf(name);
        return index < 0 ? null : columns.get(index);
    }

    /** Where the column named {@code name} is in {@link #columns()}, or -1. */
    int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    /** "db.table version V", for error messages. */
    String describe() {
        return describe(database, table, version);
    }

    static String describe(String database, String table, long version) {
        return database + "." + table + " version " + version;
    }
}
