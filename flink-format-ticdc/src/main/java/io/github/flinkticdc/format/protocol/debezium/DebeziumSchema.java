package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the row part of a message's embedded {@code schema}: the {@code fields} of its {@code
 * after} (or {@code before}) struct, one {@link DebeziumField} per column. TiCDC writes the same
 * schema in every message of a table, so the bytes of the last one are kept and the same bytes are
 * passed over instead of read again.
 */
final class DebeziumSchema {

    /** Larger schemas are not kept: hostile ones must not be held. */
    private static final int MAX_KEPT_BYTES = 256 * 1024;

    private static final FieldNames ELEMENT =
            new FieldNames("type", "name", "field", "fields", "tidb_type", "parameters");
    private static final int TYPE = 0;
    private static final int NAME = 1;
    private static final int FIELD = 2;
    private static final int FIELDS = 3;
    private static final int TIDB_TYPE = 4;
    private static final int PARAMETERS = 5;
    private static final FieldNames PARAMETER_NAMES = new FieldNames("allowed");

    private final JsonScanner rowFields = new JsonScanner();
    private byte[] last;
    private Map<String, DebeziumField> columns = Map.of();

    /** The columns of the last schema read; empty when it described none. */
    Map<String, DebeziumField> columns() {
        return columns;
    }

    /** Reads the schema object the scanner stands at the start of, or passes over a repeat. */
    void read(JsonScanner p) throws MalformedMessageException {
        if (p.skipIfRepeated(last)) {
            return;
        }
        last = null;
        int start = p.tokenStart();
        Element envelope = new Element();
        readElement(p, envelope, "schema");
        Map<String, DebeziumField> read = new HashMap<>();
        if (envelope.fieldsStart >= 0) {
            readEnvelopeFields(p.bytes(), envelope, read);
        }
        columns = read;
        last = p.position() - start <= MAX_KEPT_BYTES ? p.copyFrom(start) : null;
    }

    /** Forgets the schema: the next message may have none. */
    void clear() {
        columns = Map.of();
        last = null;
    }

    /** The envelope's {@code fields}: before, after, source, op, ...; the row's are taken once. */
    private void readEnvelopeFields(byte[] bytes, Element envelope, Map<String, DebeziumField> into)
            throws MalformedMessageException {
        JsonScanner s = new JsonScanner();
        s.reset(bytes, envelope.fieldsStart, envelope.fieldsEnd - envelope.fieldsStart);
        s.next();
        Element part = new Element();
        boolean found = false;
        while (s.next() != Token.END_ARRAY) {
            readElement(s, part, "schema.fields");
            if (!found && ("after".equals(part.field) || "before".equals(part.field))) {
                if (part.fieldsStart < 0) {
                    throw new MalformedMessageException(
                            "schema of '" + part.field + "' has no 'fields' array");
                }
                readColumns(bytes, part, into);
                found = true;
            }
        }
    }

    private void readColumns(byte[] bytes, Element row, Map<String, DebeziumField> into)
            throws MalformedMessageException {
        JsonScanner s = rowFields;
        s.reset(bytes, row.fieldsStart, row.fieldsEnd - row.fieldsStart);
        s.next();
        Element column = new Element();
        while (s.next() != Token.END_ARRAY) {
            readElement(s, column, "schema of '" + row.field + "'");
            if (column.field == null) {
                throw new MalformedMessageException(
                        "a column in the schema of '" + row.field + "' has no 'field' name");
            }
            DebeziumField field =
                    DebeziumField.of(column.type, column.name, column.tidbType, column.allowed);
            if (into.put(column.field, field) != null) {
                throw new MalformedMessageException(
                        "the schema names column '"
                                + column.field
                                + "' twice; TiCDC writes each column once");
            }
        }
    }

    /** One schema object: {@code {"type": ..., "name": ..., "field": ..., "fields": [...]}}. */
    private static void readElement(JsonScanner p, Element into, String where)
            throws MalformedMessageException {
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(where, "an object", p.current());
        }
        into.reset();
        for (int f = ELEMENT.next(p, 0); f != FieldNames.END; f = ELEMENT.next(p, -1)) {
            p.next();
            switch (f) {
                case TYPE:
                    into.type = ScannedFields.stringOrNull(p, where + ".type");
                    break;
                case NAME:
                    into.name = ScannedFields.stringOrNull(p, where + ".name");
                    break;
                case FIELD:
                    into.field = ScannedFields.stringOrNull(p, where + ".field");
                    break;
                case TIDB_TYPE:
                    into.tidbType = ScannedFields.stringOrNull(p, where + ".tidb_type");
                    break;
                case FIELDS:
                    if (p.current() != Token.START_ARRAY) {
                        throw ScannedFields.fieldType(where + ".fields", "an array", p.current());
                    }
                    into.fieldsStart = p.tokenStart();
                    p.skipChildren();
                    into.fieldsEnd = p.position();
                    break;
                case PARAMETERS:
                    readParameters(p, into, where);
                    break;
                default:
                    p.skipChildren();
            }
        }
    }

    private static void readParameters(JsonScanner p, Element into, String where)
            throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            return;
        }
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(where + ".parameters", "an object", p.current());
        }
        for (int f = PARAMETER_NAMES.next(p, 0);
                f != FieldNames.END;
                f = PARAMETER_NAMES.next(p, -1)) {
            p.next();
            if (f == 0) {
                into.allowed = ScannedFields.stringOrNull(p, where + ".parameters.allowed");
            } else {
                p.skipChildren();
            }
        }
    }

    /** The parts of a schema object that matter. */
    private static final class Element {
        String type;
        String name;
        String field;
        String tidbType;
        String allowed;
        int fieldsStart;
        int fieldsEnd;

        void reset() {
            type = null;
            name = null;
            field = null;
            tidbType = null;
            allowed = null;
            fieldsStart = -1;
        }
    }
}
