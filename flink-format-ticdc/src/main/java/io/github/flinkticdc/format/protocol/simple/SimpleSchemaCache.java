package io.github.flinkticdc.format.protocol.simple;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * The table schemas a reader has seen, by database, table and version, so that each row finds the
 * schema its {@code schemaVersion} names. Bounded in schemas and in the columns they hold together:
 * the least recently used schema is dropped first, and TiCDC sends every table's schema again in
 * its periodic BOOTSTRAP messages.
 */
final class SimpleSchemaCache {

    /** Enough for the versions of thousands of tables. */
    static final int MAX_SCHEMAS = 4096;

    /**
     * The columns all kept schemas may hold: hostile input of many wide schemas cannot grow the
     * cache beyond it (a schema holds at most {@link SimpleSchemaParser#MAX_COLUMNS}).
     */
    static final int MAX_COLUMNS = 1 << 20;

    private final LinkedHashMap<Key, SimpleTableSchema> schemas =
            new LinkedHashMap<>(16, 0.75f, true);

    private long columns;

    private Key lastKey;
    private SimpleTableSchema last;

    void put(SimpleTableSchema schema) {
        SimpleTableSchema replaced =
                schemas.put(new Key(schema.database(), schema.table(), schema.version()), schema);
        columns += schema.columns().size() - (replaced == null ? 0 : replaced.columns().size());
        Iterator<SimpleTableSchema> eldest = schemas.values().iterator();
        while (schemas.size() > MAX_SCHEMAS || columns > MAX_COLUMNS) {
            columns -= eldest.next().columns().size();
            eldest.remove();
        }
        last = null;
        lastKey = null;
    }

    /** The schema of the table at {@code version}, or null when none was seen. */
    SimpleTableSchema get(String database, String table, long version) {
        // Consecutive rows are mostly of the same table version: no key object for them.
        if (last != null && lastKey.is(database, table, version)) {
            return last;
        }
        Key key = new Key(database, table, version);
        SimpleTableSchema schema = schemas.get(key);
        if (schema != null) {
            last = schema;
            lastKey = key;
        }
        return schema;
    }

    int size() {
        return schemas.size();
    }

    /** The columns the kept schemas hold together. */
    long columns() {
        return columns;
    }

    private static final class Key {
        private final String database;
        private final String table;
        private final long version;

        Key(String database, String table, long version) {
            this.database = database;
            this.table = table;
            this.version = version;
        }

        boolean is(String database, String table, long version) {
            return this.version == version
                    && this.database.equals(database)
                    && this.table.equals(table);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).is(database, table, version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(database, table, version);
        }
    }
}
