package io.github.flinkticdc.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a TiDB table as TiCDC describes it in canal-json: database, name and the columns in
 * table order with their bare {@code mysqlType} (for example {@code int}, {@code bigint unsigned},
 * {@code varchar}, {@code blob}) and primary-key flag, and, for a partitioned table, how rows map
 * to physical partitions. Immutable.
 */
public final class TiDbTable {

    private final String database;
    private final String name;
    private final List<Column> columns;
    private final String partitionColumn;
    private final List<Long> partitionIds;

    private TiDbTable(String database, String name, List<Column> columns) {
        this(database, name, columns, null, List.of());
    }

    private TiDbTable(
            String database,
            String name,
            List<Column> columns,
            String partitionColumn,
            List<Long> partitionIds) {
        this.database = database;
        this.name = name;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.partitionColumn = partitionColumn;
        this.partitionIds = List.copyOf(partitionIds);
    }

    /** A table without columns; add them with {@link #pk} and {@link #column}. */
    public static TiDbTable of(String database, String name) {
        return new TiDbTable(database, name, List.of());
    }

    /** This table with one more primary-key column at the end. */
    public TiDbTable pk(String column, String mysqlType) {
        return with(new Column(column, mysqlType, true));
    }

    /** This table with one more column at the end. */
    public TiDbTable column(String column, String mysqlType) {
        return with(new Column(column, mysqlType, false));
    }

    /** This table without the named column (as after {@code ALTER TABLE ... DROP COLUMN}). */
    public TiDbTable withoutColumn(String column) {
        if (column.equals(partitionColumn)) {
            throw new IllegalArgumentException(name + " is partitioned by " + column);
        }
        List<Column> kept = new ArrayList<>(columns);
        if (!kept.removeIf(c -> c.name.equals(column))) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        return new TiDbTable(database, name, kept, partitionColumn, partitionIds);
    }

    /**
     * This table as {@code PARTITION BY HASH(column) PARTITIONS n}: a row lives in the physical
     * partition {@code value mod n}, whose id (TiCDC's Open Protocol {@code ptn}) is {@code
     * partitionIds[value mod n]}. The column must be an integer primary-key column, so that a row
     * changes partition only by an UPDATE that TiCDC splits into DELETE and INSERT.
     */
    public TiDbTable hashPartitioned(String column, long... partitionIds) {
        if (columns.stream().noneMatch(c -> c.name.equals(column) && c.primaryKey)) {
            throw new IllegalArgumentException(column + " is not a primary-key column of " + name);
        }
        if (partitionIds.length == 0) {
            throw new IllegalArgumentException("A partitioned table has partitions");
        }
        List<Long> ids = new ArrayList<>();
        for (long id : partitionIds) {
            ids.add(id);
        }
        return new TiDbTable(database, name, columns, column, ids);
    }

    /** The physical partition id of {@code row}; null when the table is not partitioned. */
    public Long partitionIdOf(Map<String, String> row) {
        if (partitionColumn == null) {
            return null;
        }
        long value = Long.parseLong(row.get(partitionColumn));
        return partitionIds.get((int) Math.floorMod(value, (long) partitionIds.size()));
    }

    public String database() {
        return database;
    }

    public String name() {
        return name;
    }

    /** {@code database.name}. */
    public String qualifiedName() {
        return database + "." + name;
    }

    public List<Column> columns() {
        return columns;
    }

    /** Names of the primary-key columns in table order (canal-json's {@code pkNames}). */
    public List<String> pkNames() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            if (c.primaryKey) {
                names.add(c.name);
            }
        }
        return names;
    }

    /**
     * A row as TiCDC writes it: every value as text in table order. {@code null} stays SQL NULL, a
     * {@code byte[]} becomes the ISO-8859-1 text TiCDC uses for binary columns, anything else its
     * {@code toString()}.
     */
    public Map<String, String> row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    qualifiedName()
                            + " has "
                            + columns.size()
                            + " columns, got "
                            + values.length
                            + " values");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(columns.get(i).name, text(values[i]));
        }
        return row;
    }

    /** The primary-key values of a row, in key order. */
    public List<String> keyOf(Map<String, String> row) {
        List<String> key = new ArrayList<>();
        for (String pk : pkNames()) {
            key.add(row.get(pk));
        }
        return key;
    }

    /**
     * Key values as text, for {@link TiCdcChangefeed#update} and {@link TiCdcChangefeed#delete}.
     */
    public static List<String> key(Object... values) {
        List<String> key = new ArrayList<>();
        for (Object value : values) {
            key.add(text(value));
        }
        return key;
    }

    private TiDbTable with(Column column) {
        for (Column c : columns) {
            if (c.name.equals(column.name)) {
                throw new IllegalArgumentException(name + " already has column " + column.name);
            }
        }
        List<Column> more = new ArrayList<>(columns);
        more.add(column);
        return new TiDbTable(database, name, more, partitionColumn, partitionIds);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.ISO_8859_1);
        }
        return value.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TiDbTable)) {
            return false;
        }
        TiDbTable that = (TiDbTable) o;
        return database.equals(that.database)
                && name.equals(that.name)
                && columns.equals(that.columns)
                && Objects.equals(partitionColumn, that.partitionColumn)
                && partitionIds.equals(that.partitionIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(database, name, columns, partitionColumn, partitionIds);
    }

    @Override
    public String toString() {
        return qualifiedName()
                + columns
                + (partitionColumn == null
                        ? ""
                        : " partitioned by hash(" + partitionColumn + ") " + partitionIds);
    }

    /** One column: name, bare {@code mysqlType} and whether it is part of the primary key. */
    public static final class Column {
        private final String name;
        private final String mysqlType;
        private final boolean primaryKey;

        Column(String name, String mysqlType, boolean primaryKey) {
            this.name = Objects.requireNonNull(name);
            this.mysqlType = mysqlType.toLowerCase(Locale.ROOT);
            this.primaryKey = primaryKey;
            SqlTypes.baseCode(this.mysqlType); // fails early on an unknown type
        }

        public String name() {
            return name;
        }

        public String mysqlType() {
            return mysqlType;
        }

        public boolean primaryKey() {
            return primaryKey;
        }

        /** canal-json's {@code sqlType} code, which for unsigned integers depends on the value. */
        public int sqlType(String value) {
            return SqlTypes.code(mysqlType, value);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Column)) {
                return false;
            }
            Column that = (Column) o;
            return name.equals(that.name)
                    && mysqlType.equals(that.mysqlType)
                    && primaryKey == that.primaryKey;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, mysqlType, primaryKey);
        }

        @Override
        public String toString() {
            return name + " " + mysqlType + (primaryKey ? " pk" : "");
        }
    }
}
