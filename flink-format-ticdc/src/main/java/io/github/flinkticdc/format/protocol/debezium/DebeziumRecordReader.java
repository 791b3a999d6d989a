package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.ColumnSlots;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.DeclaredType.Kind;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.JsonStrings;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;
import io.github.flinkticdc.format.protocol.ValueMessageReader;
import io.github.flinkticdc.format.protocol.debezium.DebeziumField.Rule;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads TiCDC's {@code protocol=debezium} records (spec §4.2): one event per record value, {@code
 * {"payload": {...}, "schema": {...}}} in either order, the schema optional ({@code
 * debezium-disable-schema=true}); decompressed as TiCDC's {@code large-message-handle-compression}
 * says. The record key (the handle-key columns) is not read: the value holds the whole row.
 *
 * <p>{@code op} {@code c}, {@code u} and {@code d} are row changes ({@code after}, {@code before}
 * and {@code after}, {@code before}), {@code m} TiCDC's watermark ({@code source.commit_ts}), a
 * message with {@code ddl} and no {@code op} a DDL. Values are turned into the canonical text of
 * the other protocols by {@link DebeziumValues}, by the schema where there is one, else by the
 * declared types. TiCDC's debezium encoder has no handle-key-only or claim-check messages (TiCDC
 * refuses those options for it), so every row it writes is complete.
 */
public final class DebeziumRecordReader extends ValueMessageReader {

    private static final FieldNames TOP = new FieldNames("payload", "schema");
    private static final FieldNames PAYLOAD =
            new FieldNames(
                    "before",
                    "after",
                    "source",
                    "op",
                    "ts_ms",
                    "transaction",
                    "ddl",
                    "databaseName",
                    "tableChanges");
    private static final int BEFORE = 0;
    private static final int AFTER = 1;
    private static final int SOURCE = 2;
    private static final int OP = 3;
    private static final int TS_MS = 4;
    private static final int DDL = 6;
    private static final int DATABASE_NAME = 7;
    private static final int TABLE_CHANGES = 8;

    private static final FieldNames SOURCE_FIELDS =
            new FieldNames("ts_ms", "db", "table", "commit_ts");
    private static final FieldNames TABLE_CHANGE = new FieldNames("type");

    /** A column without a schema that is declared BYTES: its string is base64. */
    private static final ColumnType BASE64_BYTES =
            new ColumnType("base64 bytes (no schema)", ColumnType.Kind.BINARY, List.of());

    private static final int MAX_VALUE_CHARS = 80;

    private final DebeziumValues values;
    private final DebeziumMessage message = new DebeziumMessage();
    private final DebeziumSchema schema = new DebeziumSchema();
    private final JsonScanner scanner = new JsonScanner();
    private final JsonScanner payload = new JsonScanner();
    private final JsonScanner image = new JsonScanner();
    private final ColumnSlots slots = new ColumnSlots();
    private final RepeatedBinaryColumn repeated = new RepeatedBinaryColumn();
    private final SeenFields topFields = new SeenFields();
    private final SeenFields payloadFields = new SeenFields();
    private final SeenFields sourceFields = new SeenFields();

    // What the slots of the last listener hold, rebuilt when the listener or schema changes.
    private RowEventListener mappedListener;
    private Map<String, DebeziumField> mappedColumns;
    private DebeziumField[] fieldBySlot = new DebeziumField[0];

    private boolean rowsAccepted;
    private final Range payloadRange = new Range();
    private final Range before = new Range();
    private final Range after = new Range();

    /**
     * Reads values by what the listener {@linkplain RowEventListener#declaration declares} each
     * column as: the rules a value without its schema needs, the DECIMAL checks, exact instants.
     *
     * @param compression TiCDC's {@code large-message-handle-compression}
     * @param timestampZone the zone whose wall clock a TIMESTAMP (a UTC instant) is given in
     */
    public DebeziumRecordReader(Compression compression, ZoneId timestampZone) {
        super(compression, ClaimCheck.disabled());
        this.values = new DebeziumValues(Objects.requireNonNull(timestampZone));
    }

    /** TiCDC refuses large-message handling for its debezium protocol: every row is complete. */
    @Override
    protected String claimCheckLocation() {
        return null;
    }

    @Override
    protected boolean handleKeyOnly() {
        return false;
    }

    @Override
    protected String handleKeyOnlyField() {
        return null;
    }

    @Override
    protected EventType parse(byte[] bytes, int offset, int length, RowEventListener rows)
            throws IOException {
        rowsAccepted = false;
        message.reset();
        readEnvelope(bytes, offset, length);
        readPayload(bytes);
        EventType type = classify();
        if (type == EventType.ROW_CHANGE) {
            rowsAccepted = rows.acceptRows(message.database, message.table);
            if (rowsAccepted) {
                readImages(bytes, rows);
            }
        }
        return type;
    }

    // ---------------------------------------------------------------- envelope

    private void readEnvelope(byte[] bytes, int offset, int length)
            throws MalformedMessageException {
        scanner.reset(bytes, offset, length);
        ScannedFields.requireObjectStart(scanner, "a debezium message");
        topFields.reset();
        payloadRange.clear();
        boolean hasSchema = false;
        for (int f = TOP.next(scanner, 0); f != FieldNames.END; f = TOP.next(scanner, -1)) {
            scanner.next();
            if (f >= 0) {
                topFields.markOnce(f, TOP.name(f));
            }
            if (f == 0) {
                if (scanner.current() != Token.START_OBJECT) {
                    throw ScannedFields.fieldType("payload", "an object", scanner.current());
                }
                payloadRange.skip(scanner);
            } else if (f == 1 && scanner.current() != Token.NULL) {
                if (scanner.current() != Token.START_OBJECT) {
                    throw ScannedFields.fieldType("schema", "an object or null", scanner.current());
                }
                schema.read(scanner);
                hasSchema = true;
            } else {
                scanner.skipChildren();
            }
        }
        ScannedFields.requireEnd(scanner, "debezium message");
        if (!hasSchema) {
            schema.clear();
        }
        if (!payloadRange.present) {
            throw new MalformedMessageException(
                    "missing field 'payload': TiCDC's debezium messages are {\"payload\": {...},"
                            + " \"schema\": {...}}");
        }
    }

    private void readPayload(byte[] bytes) throws MalformedMessageException {
        JsonScanner p = payload;
        p.reset(bytes, payloadRange.start, payloadRange.end - payloadRange.start);
        p.next();
        payloadFields.reset();
        before.clear();
        after.clear();
        for (int f = PAYLOAD.next(p, 0); f != FieldNames.END; f = PAYLOAD.next(p, -1)) {
            p.next();
            if (f >= 0) {
                payloadFields.markOnce(f, "payload." + PAYLOAD.name(f));
            }
            switch (f) {
                case BEFORE:
                    readImageRange(p, before, "payload.before");
                    break;
                case AFTER:
                    readImageRange(p, after, "payload.after");
                    break;
                case SOURCE:
                    readSource(p);
                    break;
                case OP:
                    message.op = ScannedFields.stringOrNull(p, "payload.op");
                    break;
                case TS_MS:
                    message.tsMillis = ScannedFields.longOrNull(p, "payload.ts_ms");
                    break;
                case DDL:
                    message.ddl = ScannedFields.stringOrNull(p, "payload.ddl");
                    break;
                case DATABASE_NAME:
                    message.ddlDatabase = ScannedFields.stringOrNull(p, "payload.databaseName");
                    break;
                case TABLE_CHANGES:
                    readTableChanges(p);
                    break;
                default:
                    p.skipChildren();
            }
        }
    }

    private static void readImageRange(JsonScanner p, Range range, String field)
            throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            return;
        }
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(field, "an object or null", p.current());
        }
        range.skip(p);
    }

    private void readSource(JsonScanner p) throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            return;
        }
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType("payload.source", "an object", p.current());
        }
        sourceFields.reset();
        for (int f = SOURCE_FIELDS.next(p, -1);
                f != FieldNames.END;
                f = SOURCE_FIELDS.next(p, -1)) {
            p.next();
            if (f >= 0) {
                sourceFields.markOnce(f, "payload.source." + SOURCE_FIELDS.name(f));
            }
            switch (f) {
                case 0:
                    message.sourceTsMillis = ScannedFields.longOrNull(p, "payload.source.ts_ms");
                    break;
                case 1:
                    message.database = ScannedFields.stringOrNull(p, "payload.source.db");
                    break;
                case 2:
                    message.table = ScannedFields.stringOrNull(p, "payload.source.table");
                    break;
                case 3:
                    message.commitTs = ScannedFields.tsoOrNull(p, "payload.source.commit_ts");
                    break;
                default:
                    p.skipChildren();
            }
        }
    }

    /** The {@code type} of the first entry (CREATE, ALTER, DROP), for messages only. */
    private void readTableChanges(JsonScanner p) throws MalformedMessageException {
        if (p.current() != Token.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.next() != Token.END_ARRAY) {
            if (p.current() == Token.START_OBJECT && message.tableChangeType == null) {
                for (int f = TABLE_CHANGE.next(p, 0);
                        f != FieldNames.END;
                        f = TABLE_CHANGE.next(p, -1)) {
                    p.next();
                    if (f == 0 && p.current() == Token.STRING) {
                        message.tableChangeType = p.text();
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** What the message is, from {@code op} (or {@code ddl} without one); checks its parts. */
    private EventType classify() throws MalformedMessageException {
        String op = message.op;
        if (op == null) {
            if (message.ddl != null) {
                return EventType.DDL;
            }
            throw new MalformedMessageException(
                    "missing field 'payload.op' (c, u, d or m), and no 'payload.ddl' either");
        }
        switch (op) {
            case "c":
                message.kind = ChangeKind.INSERT;
                requireImage(after, "after", "an insert");
                break;
            case "u":
                message.kind = ChangeKind.UPDATE;
                requireImage(after, "after", "an update");
                if (!before.present) {
                    throw new MalformedMessageException(
                            "an update (op 'u') without 'payload.before': TiCDC omits the row"
                                    + " before an update with debezium-output-old-value=false,"
                                    + " which this format does not read; set it to true (the"
                                    + " default)");
                }
                break;
            case "d":
                message.kind = ChangeKind.DELETE;
                requireImage(before, "before", "a delete");
                break;
            case "m":
                if (message.commitTs == null) {
                    throw new MalformedMessageException(
                            "a watermark (op 'm') must have 'payload.source.commit_ts'");
                }
                return EventType.PROGRESS;
            default:
                throw new MalformedMessageException(
                        "unknown op '"
                                + MessageExcerpt.truncate(op, MAX_VALUE_CHARS)
                                + "' (TiCDC writes c, u, d and, with enable-tidb-extension=true,"
                                + " m)");
        }
        if (message.database == null || message.table == null) {
            throw new MalformedMessageException(
                    "a row change must name its table in 'payload.source.db' and"
                            + " 'payload.source.table'");
        }
        return EventType.ROW_CHANGE;
    }

    private static void requireImage(Range range, String field, String what)
            throws MalformedMessageException {
        if (!range.present) {
            throw new MalformedMessageException(
                    what + " must have a 'payload." + field + "' object with its row");
        }
    }

    // ---------------------------------------------------------------- row images

    private void readImages(byte[] bytes, RowEventListener rows) throws MalformedMessageException {
        mapSlots(rows);
        if (message.kind == ChangeKind.DELETE) {
            readRow(bytes, before, RowImage.NEW, rows);
            return;
        }
        readRow(bytes, after, RowImage.NEW, rows);
        if (message.kind == ChangeKind.UPDATE) {
            readRow(bytes, before, RowImage.OLD, rows);
        }
    }

    private void readRow(byte[] bytes, Range range, RowImage target, RowEventListener rows)
            throws MalformedMessageException {
        JsonScanner p = image;
        p.reset(bytes, range.start, range.end - range.start);
        p.next();
        repeated.reset();
        for (int slot = slots.nextSlot(p, rows);
                slot != ColumnSlots.END;
                slot = slots.nextSlot(p, rows)) {
            int nameStart = p.textStart();
            int nameEnd = p.textEnd();
            p.next();
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            if (repeated.isSecondCopy(slot, p)) {
                continue;
            }
            DebeziumField field = slot < fieldBySlot.length ? fieldBySlot[slot] : null;
            DeclaredType type = rows.declaration(slot);
            ColumnType columnType = columnType(field, type);
            boolean base64 = p.current() == Token.STRING;
            CharSequence text;
            try {
                text = values.read(p, field, type);
            } catch (MalformedMessageException e) {
                throw new MalformedMessageException(
                        String.format(
                                "column '%s' (debezium type '%s'): value %s %s",
                                JsonStrings.decode(bytes, nameStart, nameEnd),
                                columnType.name(),
                                written(p),
                                e.getMessage()),
                        e);
            }
            repeated.read(slot, base64 && columnType.kind() == ColumnType.Kind.BINARY, text);
            if (rows.needsColumnType(slot)) {
                rows.onColumnType(slot, columnType);
            }
            rows.onValue(target, slot, text);
        }
    }

    private static ColumnType columnType(DebeziumField field, DeclaredType type) {
        boolean base64 = type != null && type.kind() == Kind.BYTES;
        if (field == null) {
            return base64 ? BASE64_BYTES : ColumnType.UNKNOWN;
        }
        return base64 && field.rule() == Rule.STRING_UNKNOWN ? BASE64_BYTES : field.type();
    }

    private static String written(JsonScanner p) {
        if (p.current() == Token.START_OBJECT || p.current() == Token.START_ARRAY) {
            return "(" + ScannedFields.describe(p.current()) + ")";
        }
        String text = MessageExcerpt.truncate(p.text(), MAX_VALUE_CHARS);
        return p.current() == Token.STRING ? "'" + text + "'" : text;
    }

    /** Which schema field and declared type each slot of {@code rows} has. */
    private void mapSlots(RowEventListener rows) {
        Map<String, DebeziumField> columns = schema.columns();
        if (rows == mappedListener && columns == mappedColumns) {
            return;
        }
        fieldBySlot = new DebeziumField[0];
        for (Map.Entry<String, DebeziumField> e : columns.entrySet()) {
            int slot = rows.columnSlot(e.getKey());
            if (slot >= 0) {
                fieldBySlot = grow(fieldBySlot, slot);
                fieldBySlot[slot] = e.getValue();
            }
        }
        mappedListener = rows;
        mappedColumns = columns;
    }

    private static <T> T[] grow(T[] array, int slot) {
        return slot < array.length ? array : Arrays.copyOf(array, slot + 1);
    }

    // ---------------------------------------------------------------- the interface

    @Override
    public RowChange rowChange() {
        return message;
    }

    @Override
    public boolean rowsRead() {
        return rowsAccepted;
    }

    @Override
    public long resolvedTs() {
        return message.commitTs;
    }

    @Override
    public DdlEvent ddl() {
        return message;
    }

    /** The type the last schema gives {@code column}: for error messages only. */
    @Override
    public String declaredType(String column) {
        DebeziumField field = schema.columns().get(column);
        return field == null ? null : field.type().name();
    }

    /** Where a JSON object lies in the message. */
    private static final class Range {
        boolean present;
        int start;
        int end;

        void clear() {
            present = false;
        }

        /** Records the object the scanner stands at the start of and passes over it. */
        void skip(JsonScanner p) throws MalformedMessageException {
            start = p.tokenStart();
            p.skipChildren();
            end = p.position();
            present = true;
        }
    }
}
