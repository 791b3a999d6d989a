package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code tableSchema} / {@code preTableSchema} object of a simple-protocol BOOTSTRAP or DDL
 * message: the table, its version and, per column, what its values' reading depends on. Indexes,
 * defaults and lengths are passed over. Schema messages are rare, so this reader allocates freely.
 */
final class SimpleSchemaParser {

    /** TiDB allows at most 4096 columns in a table. */
    static final int MAX_COLUMNS = 4096;

    private static final FieldNames FIELDS =
            new FieldNames("schema", "table", "tableID", "version", "columns", "indexes");
    private static final int SCHEMA = 0;
    private static final int TABLE = 1;
    private static final int VERSION = 3;
    private static final int COLUMNS = 4;

    private static final FieldNames COLUMN_FIELDS =
            new FieldNames("name", "dataType", "nullable", "default");
    private static final FieldNames TYPE_FIELDS =
            new FieldNames(
                    "mysqlType",
                    "charset",
                    "collate",
                    "length",
                    "decimal",
                    "elements",
                    "unsigned",
                    "zerofill");

    private SimpleSchemaParser() {}

    /**
     * Reads the object the scanner stands on.
     *
     * @param field the field that holds it, for error messages
     */
    static SimpleTableSchema read(JsonScanner p, String field) throws MalformedMessageException {
        requireObject(p, field);
        String database = null;
        String table = null;
        Long version = null;
        List<SimpleColumn> columns = null;
        SeenFields seen = new SeenFields();
        for (int f = FIELDS.next(p, SCHEMA); f != FieldNames.END; f = FIELDS.next(p, f + 1)) {
            p.next();
            if (f < 0) {
                p.skipChildren();
                continue;
            }
            String name = field + "." + FIELDS.name(f);
            seen.markOnce(f, name);
            switch (f) {
                case SCHEMA:
                    database = ScannedFields.stringOrNull(p, name);
                    break;
                case TABLE:
                    table = ScannedFields.stringOrNull(p, name);
                    break;
                case VERSION:
                    version = ScannedFields.tsoOrNull(p, name);
                    break;
                case COLUMNS:
                    columns = readColumns(p, name);
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (database == null || table == null || version == null || columns == null) {
            throw new MalformedMessageException(
                    "'"
                            + field
                            + "' must have 'schema', 'table', 'version' and 'columns' (TiCDC"
                            + " writes them all)");
        }
        return new SimpleTableSchema(database, table, version, columns);
    }

    private static List<SimpleColumn> readColumns(JsonScanner p, String field)
            throws MalformedMessageException {
        if (p.current() != Token.START_ARRAY) {
            throw ScannedFields.fieldType(field, "an array", p.current());
        }
        List<SimpleColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (p.next() != Token.END_ARRAY) {
            if (columns.size() == MAX_COLUMNS) {
                throw new MalformedMessageException(
                        "'" + field + "' lists more than " + MAX_COLUMNS + " columns");
            }
            SimpleColumn column = readColumn(p, field + "[" + columns.size() + "]");
            if (!names.add(column.name())) {
                throw new MalformedMessageException(
                        "'" + field + "' lists column '" + column.name() + "' twice");
            }
            columns.add(column);
        }
        return columns;
    }

    private static SimpleColumn readColumn(JsonScanner p, String field)
            throws MalformedMessageException {
        requireObject(p, field);
        String name = null;
        String mysqlType = null;
        boolean unsigned = false;
        SeenFields seen = new SeenFields();
        for (int f = COLUMN_FIELDS.next(p, 0);
                f != FieldNames.END;
                f = COLUMN_FIELDS.next(p, f + 1)) {
            p.next();
            if (f >= 0) {
                seen.markOnce(f, field + "." + COLUMN_FIELDS.name(f));
            }
            if (f == 0) {
                name = ScannedFields.stringOrNull(p, field + ".name");
            } else if (f == 1) {
                requireObject(p, field + ".dataType");
                SeenFields typeSeen = new SeenFields();
                for (int t = TYPE_FIELDS.next(p, 0);
                        t != FieldNames.END;
                        t = TYPE_FIELDS.next(p, t + 1)) {
                    p.next();
                    if (t >= 0) {
                        typeSeen.markOnce(t, field + ".dataType." + TYPE_FIELDS.name(t));
                    }
                    if (t == 0) {
                        mysqlType = ScannedFields.stringOrNull(p, field + ".dataType.mysqlType");
                    } else if (t == 6) {
                        unsigned = ScannedFields.booleanOrFalse(p, field + ".dataType.unsigned");
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (name == null || mysqlType == null) {
            throw new MalformedMessageException(
                    "'" + field + "' must have a 'name' and a 'dataType.mysqlType'");
        }
        return new SimpleColumn(name, mysqlType, unsigned);
    }

    private static void requireObject(JsonScanner p, String field)
            throws MalformedMessageException {
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(field, "an object", p.current());
        }
    }
}
