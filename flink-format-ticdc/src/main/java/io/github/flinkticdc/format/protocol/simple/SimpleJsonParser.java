package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.Base64Text;
import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ColumnSlots;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.JsonStrings;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.RepeatedText;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;
import io.github.flinkticdc.format.protocol.ValueText;

import java.util.Arrays;
import java.util.List;

/**
 * Reads TiCDC simple-protocol messages in JSON (spec §4.1) with a {@link JsonScanner}, by field
 * name in any order; BOOTSTRAP and DDL schemas go to the {@link SimpleSchemaCache}.
 *
 * <p>How a value is read does not depend on whether its table's schema has arrived, so that a row
 * read before its table's BOOTSTRAP (a job that starts or restores after it) decodes as it would
 * after: a column is base64 of bytes when the consumer reads it as bytes ({@link
 * RowEventListener#declaration}), a TIMESTAMP object is moved into the consumer's zone, every other
 * value is its text. The schema, when known, checks that reading: a binary column the consumer
 * reads as text, or the other way round, is an error naming the column, not a silently wrong value.
 * Not thread-safe: one parser per decoding thread.
 */
final class SimpleJsonParser {

    /** The protocol version this reader knows; TiCDC 8.x writes 1. */
    static final int VERSION = 1;

    private static final FieldNames FIELDS =
            new FieldNames(
                    "version",
                    "database",
                    "table",
                    "tableID",
                    "type",
                    "sql",
                    "commitTs",
                    "buildTs",
                    "schemaVersion",
                    "claimCheckLocation",
                    "handleKeyOnly",
                    "checksum",
                    "data",
                    "old",
                    "tableSchema",
                    "preTableSchema");

    private static final int F_VERSION = 0;
    private static final int F_DATABASE = 1;
    private static final int F_TABLE = 2;
    private static final int F_TYPE = 4;
    private static final int F_SQL = 5;
    private static final int F_COMMIT_TS = 6;
    private static final int F_BUILD_TS = 7;
    private static final int F_SCHEMA_VERSION = 8;
    private static final int F_CLAIM_CHECK_LOCATION = 9;
    private static final int F_HANDLE_KEY_ONLY = 10;
    private static final int F_CHECKSUM = 11;
    private static final int F_DATA = 12;
    private static final int F_OLD = 13;
    private static final int F_TABLE_SCHEMA = 14;
    private static final int F_PRE_TABLE_SCHEMA = 15;

    private static final List<String> DDL_TYPES =
            List.of("CREATE", "RENAME", "CINDEX", "DINDEX", "ERASE", "TRUNCATE", "ALTER", "QUERY");

    private static final FieldNames TIMESTAMP_FIELDS = new FieldNames("location", "value");

    /** A binary column read before its schema: its bytes are known, its TiDB type is not. */
    private static final ColumnType UNKNOWN_BINARY =
            new ColumnType("binary (schema not received yet)", ColumnType.Kind.BINARY, List.of());

    private final SimpleSchemaCache schemas;
    private final TimestampZones zones;
    private final SimpleChecksumVerifier verifier;
    private final SimpleChecksum checksum = new SimpleChecksum();
    private final JsonScanner scanner = new JsonScanner();
    private final JsonScanner deferred = new JsonScanner();
    private final ValueText value = new ValueText();
    private final ColumnSlots slots = new ColumnSlots();
    private final RepeatedText database = new RepeatedText();
    private final RepeatedText table = new RepeatedText();
    private final RepeatedText type = new RepeatedText();
    private final SeenFields fields = new SeenFields();
    private final SeenFields timestampFields = new SeenFields();

    // State of the message being read; reset by parse().
    private byte[] bytes;
    private SimpleMessage message;
    private RowEventListener listener;
    private final SimpleImage data = new SimpleImage("data");
    private final SimpleImage old = new SimpleImage("old");
    private SimpleTableSchema rowSchema;
    private boolean acceptAsked;

    /** Per listener slot, the row schema's column, resolved once per schema and listener. */
    private SimpleColumn[] slotColumns = new SimpleColumn[16];

    private SimpleTableSchema slotColumnsOf;
    private RowEventListener slotColumnsFor;

    /**
     * @param verifier what verifies each row's checksums, or null to ignore them
     */
    SimpleJsonParser(
            SimpleSchemaCache schemas, TimestampZones zones, SimpleChecksumVerifier verifier) {
        this.schemas = schemas;
        this.zones = zones;
        this.verifier = verifier;
    }

    /**
     * Reads the message in the {@code length} bytes at {@code offset} into {@code message},
     * reporting the columns of its row images to {@code listener}.
     *
     * @throws MalformedMessageException if the message is not JSON in UTF-8, breaks the protocol,
     *     gives a field twice, or a value does not fit its column
     */
    void parse(
            byte[] bytes, int offset, int length, SimpleMessage message, RowEventListener listener)
            throws MalformedMessageException {
        this.bytes = bytes;
        this.message = message;
        this.listener = listener;
        message.reset();
        fields.reset();
        data.reset();
        old.reset();
        checksum.reset();
        rowSchema = null;
        acceptAsked = false;
        try {
            scanner.reset(bytes, offset, length);
            readMessage(scanner);
        } finally {
            this.bytes = null;
            this.message = null;
            this.listener = null;
        }
    }

    private void readMessage(JsonScanner p) throws MalformedMessageException {
        ScannedFields.requireObjectStart(p, "a simple-protocol message");
        int expected = F_VERSION;
        for (int field = FIELDS.next(p, expected);
                field != FieldNames.END;
                field = FIELDS.next(p, expected)) {
            p.next();
            if (field < 0) {
                p.skipChildren();
                continue;
            }
            fields.markOnce(field, FIELDS.name(field));
            readField(p, field);
            expected = field + 1;
        }
        ScannedFields.requireEnd(p, "simple-protocol message");
        if (message.type == null) {
            throw new MalformedMessageException("missing field 'type'");
        }
        classify();
        if (message.eventType == EventType.ROW_CHANGE) {
            finishRowEvent();
        } else {
            finishOtherEvent();
        }
    }

    private void readField(JsonScanner p, int field) throws MalformedMessageException {
        String name = FIELDS.name(field);
        switch (field) {
            case F_VERSION:
                long version = ScannedFields.longValue(p, name);
                if (version != VERSION) {
                    throw new MalformedMessageException(
                            "simple-protocol version "
                                    + version
                                    + "; this reader reads version "
                                    + VERSION);
                }
                break;
            case F_DATABASE:
                message.database = database.stringOrNull(p, name);
                break;
            case F_TABLE:
                message.table = table.stringOrNull(p, name);
                break;
            case F_TYPE:
                message.type = type.stringOrNull(p, name);
                break;
            case F_SQL:
                message.sql = ScannedFields.stringOrNull(p, name);
                break;
            case F_COMMIT_TS:
                message.commitTs = ScannedFields.tsoOrNull(p, name);
                break;
            case F_BUILD_TS:
                message.buildTs = ScannedFields.longOrNull(p, name);
                break;
            case F_SCHEMA_VERSION:
                message.schemaVersion = ScannedFields.tsoOrNull(p, name);
                break;
            case F_CLAIM_CHECK_LOCATION:
                message.claimCheckLocation = ScannedFields.stringOrNull(p, name);
                break;
            case F_HANDLE_KEY_ONLY:
                message.handleKeyOnly = ScannedFields.booleanOrFalse(p, name);
                break;
            case F_CHECKSUM:
                if (verifier != null) {
                    checksum.read(p);
                } else {
                    p.skipChildren();
                }
                break;
            case F_DATA:
                readImageField(p, data);
                break;
            case F_OLD:
                readImageField(p, old);
                break;
            case F_TABLE_SCHEMA:
                message.tableSchema = schemaOrNull(p, name);
                break;
            case F_PRE_TABLE_SCHEMA:
                message.preTableSchema = schemaOrNull(p, name);
                break;
            default:
                p.skipChildren();
        }
    }

    private static SimpleTableSchema schemaOrNull(JsonScanner p, String field)
            throws MalformedMessageException {
        return p.current() == Token.NULL ? null : SimpleSchemaParser.read(p, field);
    }

    /** Sets the message's event type and change kind from {@code type}. */
    private void classify() throws MalformedMessageException {
        String t = message.type;
        switch (t) {
            case "INSERT":
                message.kind = ChangeKind.INSERT;
                message.eventType = EventType.ROW_CHANGE;
                break;
            case "UPDATE":
                message.kind = ChangeKind.UPDATE;
                message.eventType = EventType.ROW_CHANGE;
                break;
            case "DELETE":
                message.kind = ChangeKind.DELETE;
                message.eventType = EventType.ROW_CHANGE;
                break;
            case "WATERMARK":
                message.eventType = EventType.PROGRESS;
                break;
            case "BOOTSTRAP":
                message.eventType = null;
                break;
            default:
                if (!DDL_TYPES.contains(t)) {
                    throw new MalformedMessageException(
                            "unknown message type '"
                                    + t
                                    + "' (expected INSERT, UPDATE, DELETE, WATERMARK, BOOTSTRAP"
                                    + " or a DDL type: "
                                    + String.join(", ", DDL_TYPES)
                                    + ")");
                }
                message.eventType = EventType.DDL;
        }
    }

    private void finishOtherEvent() throws MalformedMessageException {
        if (message.eventType != null && message.commitTs == null) {
            throw new MalformedMessageException(
                    "a " + message.type + " message must have 'commitTs'");
        }
        if (message.eventType == EventType.DDL && message.sql == null) {
            throw new MalformedMessageException("a DDL message must have 'sql'");
        }
        if (message.eventType == null && message.tableSchema == null) {
            throw new MalformedMessageException("a BOOTSTRAP message must have 'tableSchema'");
        }
        if (message.preTableSchema != null) {
            schemas.put(message.preTableSchema);
        }
        if (message.tableSchema != null) {
            schemas.put(message.tableSchema);
        }
    }

    // ---------------------------------------------------------------- row images

    /** Reads a {@code data} / {@code old} field in place when the header is known, else later. */
    private void readImageField(JsonScanner p, SimpleImage range) throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            range.present = false;
            return;
        }
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(range.field, "an object or null", p.current());
        }
        range.present = true;
        range.start = p.tokenStart();
        if (message.type == null
                || message.database == null
                || message.table == null
                || message.schemaVersion == null) {
            p.skipChildren();
            range.end = p.position();
            return;
        }
        classify();
        RowImage image = imageOf(range);
        if (image != null && acceptRows()) {
            readImage(p, range, image);
        } else {
            p.skipChildren();
        }
        range.end = p.position();
        range.read = true;
    }

    /**
     * Which image a field is for this event: {@code data} is the new row, {@code old} the row
     * before an UPDATE or the deleted row of a DELETE; null for a field the event does not use.
     */
    private RowImage imageOf(SimpleImage range) {
        if (message.eventType != EventType.ROW_CHANGE) {
            return null;
        }
        if (range == data) {
            return message.kind == ChangeKind.DELETE ? null : RowImage.NEW;
        }
        switch (message.kind) {
            case UPDATE:
                return RowImage.OLD;
            case DELETE:
                return RowImage.NEW;
            default:
                return null;
        }
    }

    private boolean acceptRows() {
        if (!message.rowsAccepted && !acceptAsked) {
            message.rowsAccepted = listener.acceptRows(message.database, message.table);
            acceptAsked = true;
            if (message.rowsAccepted && message.schemaVersion != null) {
                rowSchema = schemas.get(message.database, message.table, message.schemaVersion);
            }
        }
        return message.rowsAccepted;
    }

    private void finishRowEvent() throws MalformedMessageException {
        if (message.database == null || message.table == null) {
            throw new MalformedMessageException(
                    "a " + message.type + " message must have 'database' and 'table'");
        }
        if (message.commitTs == null) {
            throw new MalformedMessageException(
                    "a " + message.type + " message must have 'commitTs'");
        }
        SimpleImage newImage = message.kind == ChangeKind.DELETE ? old : data;
        if (!newImage.present) {
            throw new MalformedMessageException(
                    "a "
                            + message.type
                            + " message must have '"
                            + newImage.field
                            + "' with its row");
        }
        if (message.kind == ChangeKind.UPDATE && !old.present) {
            throw new MalformedMessageException(
                    "an UPDATE message must have 'old' with the row before the update");
        }
        if (!acceptRows()) {
            return;
        }
        readDeferred(data);
        readDeferred(old);
        // The image of a large-message row is not the row TiCDC hashed.
        if (verifier != null && !message.handleKeyOnly && message.claimCheckLocation == null) {
            message.checksumUnverified = !verifier.verify(checksum, rowSchema, bytes, data, old);
        }
    }

    private void readDeferred(SimpleImage range) throws MalformedMessageException {
        RowImage image = imageOf(range);
        if (!range.present || range.read || image == null) {
            return;
        }
        deferred.reset(bytes, range.start, range.end - range.start);
        deferred.next();
        readImage(deferred, range, image);
        range.read = true;
    }

    private void readImage(JsonScanner p, SimpleImage range, RowImage image)
            throws MalformedMessageException {
        for (int slot = slots.nextSlot(p, listener);
                slot != ColumnSlots.END;
                slot = slots.nextSlot(p, listener)) {
            String escapedName = p.isEscaped() ? p.text() : null;
            int nameStart = p.textStart();
            int nameEnd = p.textEnd();
            Token token = p.next();
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            SimpleColumn column = columnOf(slot, escapedName, nameStart, nameEnd);
            DeclaredType declared = listener.declaration(slot);
            boolean binary = declared != null && declared.kind() == DeclaredType.Kind.BYTES;
            if (column != null && column.binary() != binary) {
                throw declaredWrong(column);
            }
            if (listener.needsColumnType(slot)) {
                listener.onColumnType(
                        slot,
                        column != null
                                ? column.columnType()
                                : binary ? UNKNOWN_BINARY : ColumnType.UNKNOWN);
            }
            CharSequence text;
            if (token == Token.NULL) {
                text = null;
            } else if (token == Token.START_OBJECT) {
                boolean instant =
                        declared != null && declared.kind() == DeclaredType.Kind.TIMESTAMP_LTZ;
                text = timestamp(p, column, name(escapedName, nameStart, nameEnd), instant);
            } else if (token == Token.STRING) {
                if (column != null && column.timestamp()) {
                    throw new MalformedMessageException(
                            "column '"
                                    + column.name()
                                    + "' is a TIMESTAMP, which TiCDC writes as an object with"
                                    + " 'location' and 'value', not a string");
                }
                text = p.text(value);
                if (binary) {
                    text =
                            Base64Text.decode(
                                    text,
                                    range.field + "." + name(escapedName, nameStart, nameEnd),
                                    true);
                }
            } else {
                throw new MalformedMessageException(
                        "column '"
                                + name(escapedName, nameStart, nameEnd)
                                + "' holds "
                                + ScannedFields.describe(token)
                                + "; TiCDC writes every value as a string, null or (TIMESTAMP)"
                                + " an object");
            }
            listener.onValue(image, slot, text);
        }
    }

    /** The row schema's column in {@code slot}, or null when the schema has not arrived. */
    private SimpleColumn columnOf(int slot, String escapedName, int nameStart, int nameEnd)
            throws MalformedMessageException {
        if (rowSchema == null) {
            return null;
        }
        if (slotColumnsOf != rowSchema || slotColumnsFor != listener) {
            Arrays.fill(slotColumns, null);
            slotColumnsOf = rowSchema;
            slotColumnsFor = listener;
        }
        if (slot >= slotColumns.length) {
            slotColumns = Arrays.copyOf(slotColumns, Math.max(slot + 1, slotColumns.length * 2));
        }
        SimpleColumn column = slotColumns[slot];
        if (column == null) {
            String name = name(escapedName, nameStart, nameEnd);
            column = rowSchema.column(name);
            if (column == null) {
                throw new MalformedMessageException(
                        "column '"
                                + name
                                + "' is not in the table schema of "
                                + rowSchema.describe()
                                + " that TiCDC sent");
            }
            slotColumns[slot] = column;
        }
        return column;
    }

    private String name(String escapedName, int nameStart, int nameEnd) {
        return escapedName != null ? escapedName : JsonStrings.decode(bytes, nameStart, nameEnd);
    }

    private static MalformedMessageException declaredWrong(SimpleColumn column) {
        return new MalformedMessageException(
                "column '"
                        + column.name()
                        + "' is TiDB "
                        + column.columnType().name()
                        + (column.binary()
                                ? ", a binary type TiCDC writes as base64: declare it BYTES,"
                                        + " BINARY or VARBINARY"
                                : ", not a binary type, but is declared as bytes: declare it"
                                        + " with another type, such as STRING")
                        + " (the simple protocol reads a column the same way before and after"
                        + " its table's schema arrives)");
    }

    /**
     * A TIMESTAMP object: its instant in UTC with a {@code Z} for a column read as an instant, else
     * its wall clock in the consumer's zone.
     */
    private String timestamp(JsonScanner p, SimpleColumn column, String name, boolean instant)
            throws MalformedMessageException {
        if (column != null && !column.timestamp()) {
            throw new MalformedMessageException(
                    "column '"
                            + name
                            + "' holds an object, which TiCDC writes only for TIMESTAMP; the"
                            + " column is TiDB "
                            + column.columnType().name());
        }
        String location = null;
        String wallClock = null;
        timestampFields.reset();
        for (int f = TIMESTAMP_FIELDS.next(p, 0);
                f != FieldNames.END;
                f = TIMESTAMP_FIELDS.next(p, f + 1)) {
            p.next();
            if (f < 0) {
                p.skipChildren();
                continue;
            }
            String field = name + "." + TIMESTAMP_FIELDS.name(f);
            timestampFields.markOnce(f, field);
            if (f == 0) {
                location = ScannedFields.stringOrNull(p, field);
            } else {
                wallClock = ScannedFields.stringOrNull(p, field);
            }
        }
        if (location == null || wallClock == null) {
            throw new MalformedMessageException(
                    "column '"
                            + name
                            + "' is a TIMESTAMP object without 'location' and 'value' strings");
        }
        return instant ? zones.toInstant(location, wallClock) : zones.toTarget(location, wallClock);
    }

    /**
     * The TiDB type of {@code column} in the schema the last row named, or null when that schema
     * has not arrived: for error messages.
     */
    String schemaTypeOf(String column) {
        SimpleColumn c = rowSchema == null ? null : rowSchema.column(column);
        return c == null ? null : c.columnType().name();
    }
}
