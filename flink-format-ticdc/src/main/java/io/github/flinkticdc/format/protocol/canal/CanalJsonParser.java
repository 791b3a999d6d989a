package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ColumnSlots;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.JsonStrings;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.RepeatedText;
import io.github.flinkticdc.format.protocol.RepeatedValue;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;
import io.github.flinkticdc.format.protocol.ValueText;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Reads TiCDC canal-json messages (spec §2) with a {@link JsonScanner}, by field name in any order.
 * Field and column names are matched by their bytes and values handed to the listener over the
 * message's bytes, so a row costs no {@code String} for a name or a value.
 *
 * <p>The row images are read in place when the fields they depend on (event type, database, table,
 * {@code mysqlType}) came before them, as current TiCDC writes them. Otherwise their byte range is
 * remembered and read once the whole header is known, so older field orders decode the same way.
 * Not thread-safe: one parser per decoding thread.
 */
public final class CanalJsonParser {

    private static final String WATERMARK_TYPE = "TIDB_WATERMARK";

    /**
     * The top-level fields, numbered as {@link SeenFields} counts them, in the order TiCDC writes
     * them (TiCDC before 6.0 writes {@code data} before {@code old}); {@code id} (always 0) is
     * known only to be expected first and passed over.
     */
    private static final FieldNames FIELDS =
            new FieldNames(
                    "id",
                    "database",
                    "table",
                    "pkNames",
                    "isDdl",
                    "type",
                    "es",
                    "ts",
                    "sql",
                    "sqlType",
                    "mysqlType",
                    "old",
                    "data",
                    "_tidb");

    private static final int ID = 0;
    private static final int DATABASE = 1;
    private static final int TABLE = 2;
    private static final int PK_NAMES = 3;
    private static final int IS_DDL = 4;
    private static final int TYPE = 5;
    private static final int ES = 6;
    private static final int TS = 7;
    private static final int SQL = 8;
    private static final int SQL_TYPE = 9;
    private static final int MYSQL_TYPE = 10;
    private static final int OLD = 11;
    private static final int DATA = 12;
    private static final int TIDB = 13;

    private static final FieldNames TIDB_FIELDS =
            new FieldNames("commitTs", "watermarkTs", "onlyHandleKey", "claimCheckLocation");

    private final JsonScanner scanner = new JsonScanner();
    private final JsonScanner deferred = new JsonScanner();
    private final ValueText value = new ValueText();
    private final ColumnSlots slots = new ColumnSlots();
    private final CanalMysqlTypes mysqlTypes = new CanalMysqlTypes();
    private final RepeatedText database = new RepeatedText();
    private final RepeatedText table = new RepeatedText();
    private final RepeatedText type = new RepeatedText();
    private final RepeatedText sql = new RepeatedText();
    private final RepeatedValue skippedPkNames = new RepeatedValue();
    private final RepeatedValue skippedSqlTypes = new RepeatedValue();
    private final RepeatedColumnTypes repeatedTypes = new RepeatedColumnTypes();

    /** Per slot, the last {@code mysqlType} text read and its type: a table's types repeat. */
    private byte[][] lastTypeText = new byte[0][];

    private ColumnType[] lastType = new ColumnType[0];

    // State of the message being read; reset by parse().
    private byte[] bytes;
    private CanalJsonMessage message;
    private RowEventListener listener;
    private Boolean isDdl;
    private boolean seenDatabase;
    private boolean seenTable;
    private boolean seenMysqlType;
    private int mysqlTypeStart;
    private int mysqlTypeEnd;
    private Boolean accepted;
    private final ImageState data = new ImageState("data");
    private final ImageState old = new ImageState("old");
    private final SeenFields fields = new SeenFields();
    private final SeenFields tidbFields = new SeenFields();
    private final BitSet typedSlots = new BitSet();

    /**
     * Reads the message in the {@code length} bytes at {@code offset} into {@code message},
     * reporting the columns of its row images to {@code listener}.
     *
     * @throws MalformedMessageException if the message is not JSON in UTF-8, breaks the protocol or
     *     gives a field twice
     */
    public void parse(
            byte[] bytes,
            int offset,
            int length,
            CanalJsonMessage message,
            RowEventListener listener)
            throws MalformedMessageException {
        this.bytes = bytes;
        this.message = message;
        this.listener = listener;
        message.reset();
        isDdl = null;
        seenDatabase = false;
        seenTable = false;
        seenMysqlType = false;
        mysqlTypeStart = -1;
        accepted = null;
        data.reset();
        old.reset();
        fields.reset();
        tidbFields.reset();
        typedSlots.clear();
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
        ScannedFields.requireObjectStart(p, "a canal-json message");
        int expected = ID;
        for (int field = FIELDS.next(p, expected);
                field != FieldNames.END;
                field = FIELDS.next(p, expected)) {
            p.next();
            readField(p, field);
            if (field >= 0) {
                expected = field + 1;
            }
        }
        ScannedFields.requireEnd(p, "canal-json message");
        switch (classify()) {
            case ROW_CHANGE:
                finishRowEvent();
                break;
            case PROGRESS:
                if (message.watermarkTs == null) {
                    throw new MalformedMessageException(
                            "a " + WATERMARK_TYPE + " event must have '_tidb.watermarkTs'");
                }
                break;
            default:
        }
    }

    private void readField(JsonScanner p, int field) throws MalformedMessageException {
        if (field >= 0) {
            fields.markOnce(field, FIELDS.name(field));
        }
        switch (field) {
            case DATABASE:
                message.database = database.stringOrNull(p, FIELDS.name(field));
                seenDatabase = true;
                break;
            case TABLE:
                message.table = table.stringOrNull(p, FIELDS.name(field));
                seenTable = true;
                break;
            case TYPE:
                message.type = type.stringOrNull(p, FIELDS.name(field));
                break;
            case IS_DDL:
                isDdl = ScannedFields.booleanOrNull(p, FIELDS.name(field));
                break;
            case ES:
                message.es = ScannedFields.longOrNull(p, FIELDS.name(field));
                break;
            case TS:
                message.ts = ScannedFields.longOrNull(p, FIELDS.name(field));
                break;
            case SQL:
                message.sql = sql.stringOrNull(p, FIELDS.name(field));
                break;
            case PK_NAMES:
                readPkNames(p);
                break;
            case SQL_TYPE:
                readSqlTypes(p);
                break;
            case MYSQL_TYPE:
                readMysqlTypes(p);
                seenMysqlType = true;
                break;
            case DATA:
                readImageField(p, data, RowImage.NEW);
                break;
            case OLD:
                readImageField(p, old, RowImage.OLD);
                break;
            case TIDB:
                readTidbExtension(p);
                break;
            default:
                p.skipChildren();
        }
    }

    /** What the message is, from {@code isDdl} and {@code type}; sets the message's kinds. */
    private EventType classify() throws MalformedMessageException {
        message.kind = null;
        if (Boolean.TRUE.equals(isDdl)) {
            return message.eventType = EventType.DDL;
        }
        String type = message.type;
        if (type == null) {
            throw new MalformedMessageException("missing field 'type'");
        }
        switch (type) {
            case "INSERT":
                message.kind = ChangeKind.INSERT;
                break;
            case "UPDATE":
                message.kind = ChangeKind.UPDATE;
                break;
            case "DELETE":
                message.kind = ChangeKind.DELETE;
                break;
            case WATERMARK_TYPE:
                return message.eventType = EventType.PROGRESS;
            default:
                throw new MalformedMessageException(
                        "unknown event type '"
                                + type
                                + "' (expected INSERT, UPDATE, DELETE or "
                                + WATERMARK_TYPE
                                + ", or a DDL with isDdl=true)");
        }
        return message.eventType = EventType.ROW_CHANGE;
    }

    // ---------------------------------------------------------------- row images

    /** Reads, skips or defers a {@code data} / {@code old} field. */
    private void readImageField(JsonScanner p, ImageState state, RowImage image)
            throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            state.status = ImageStatus.NULL;
            return;
        }
        if (p.current() != Token.START_ARRAY) {
            throw ScannedFields.fieldType(state.field, "an array or null", p.current());
        }
        if (!headerKnown()) {
            state.start = p.tokenStart();
            p.skipChildren();
            state.end = p.position();
            state.status = ImageStatus.DEFERRED;
            return;
        }
        if (wanted(classify(), image) && acceptRows()) {
            state.status = readImage(p, state, image);
        } else {
            p.skipChildren();
            state.status = ImageStatus.SKIPPED;
        }
    }

    private boolean headerKnown() {
        return isDdl != null && message.type != null && seenDatabase && seenTable && seenMysqlType;
    }

    /** The old image matters only for UPDATE (TiCDC before 5.4 also copied a deleted row there). */
    private boolean wanted(EventType type, RowImage image) {
        return type == EventType.ROW_CHANGE
                && (image == RowImage.NEW || message.kind == ChangeKind.UPDATE);
    }

    private boolean acceptRows() {
        if (accepted == null) {
            accepted = listener.acceptRows(message.database, message.table);
            message.rowsAccepted = accepted;
        }
        return accepted;
    }

    private void finishRowEvent() throws MalformedMessageException {
        if (data.status == ImageStatus.ABSENT || data.status == ImageStatus.NULL) {
            throw new MalformedMessageException(
                    "a " + message.type + " event must have a 'data' array with its row");
        }
        if (!acceptRows()) {
            return;
        }
        readDeferred(data, RowImage.NEW);
        if (message.kind == ChangeKind.UPDATE) {
            readDeferred(old, RowImage.OLD);
            if (old.status != ImageStatus.READ) {
                throw new MalformedMessageException(
                        "an UPDATE event must have an 'old' image with the row before the"
                                + " update, found "
                                + old.describe());
            }
        }
    }

    private void readDeferred(ImageState state, RowImage image) throws MalformedMessageException {
        if (state.status != ImageStatus.DEFERRED) {
            return;
        }
        deferred.reset(bytes, state.start, state.end - state.start);
        deferred.next();
        state.status = readImage(deferred, state, image);
    }

    /** Reads {@code [ {row} ]}; the old image may also be {@code [null]} (TiCDC 4.0). */
    private ImageStatus readImage(JsonScanner p, ImageState state, RowImage image)
            throws MalformedMessageException {
        Token element = p.next();
        ImageStatus status;
        if (element == Token.START_OBJECT) {
            readRow(p, image);
            status = ImageStatus.READ;
        } else if (element == Token.NULL && image == RowImage.OLD) {
            status = ImageStatus.NULL_ELEMENT;
        } else if (element == Token.END_ARRAY) {
            if (image == RowImage.OLD) {
                return ImageStatus.NULL_ELEMENT;
            }
            throw new MalformedMessageException("'data' is an empty array; expected one row");
        } else {
            throw new MalformedMessageException(
                    "'"
                            + state.field
                            + "' must hold one JSON object, found "
                            + ScannedFields.describe(element));
        }
        if (p.next() != Token.END_ARRAY) {
            throw new MalformedMessageException(
                    "'"
                            + state.field
                            + "' holds more than one row; TiCDC writes exactly one row per"
                            + " message");
        }
        return status;
    }

    private void readRow(JsonScanner p, RowImage image) throws MalformedMessageException {
        for (int slot = slots.nextSlot(p, listener);
                slot != ColumnSlots.END;
                slot = slots.nextSlot(p, listener)) {
            int nameStart = p.textStart();
            int nameEnd = p.textEnd();
            Token token = p.next();
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            if (!ScannedFields.isScalarOrNull(token)) {
                throw new MalformedMessageException(
                        "column '"
                                + JsonStrings.decode(bytes, nameStart, nameEnd)
                                + "' holds "
                                + ScannedFields.describe(token)
                                + "; TiCDC writes every value as a string or null");
            }
            listener.onValue(image, slot, ScannedFields.scalarText(p, value));
        }
    }

    /**
     * The {@code mysqlType} the message being parsed gives {@code column}, or null. For error
     * messages about columns whose type was skipped: valid only while {@link #parse} runs, and
     * re-reads the {@code mysqlType} object, so it is not for the hot path.
     */
    public String mysqlTypeOf(String column) {
        if (bytes == null || mysqlTypeStart < 0) {
            return null;
        }
        try {
            deferred.reset(bytes, mysqlTypeStart, mysqlTypeEnd - mysqlTypeStart);
            deferred.next();
            while (deferred.next() == Token.FIELD_NAME) {
                boolean wanted = column.equals(deferred.text());
                if (deferred.next() == Token.STRING && wanted) {
                    return deferred.text();
                }
                deferred.skipChildren();
            }
        } catch (MalformedMessageException e) {
            return null;
        }
        return null;
    }

    // ---------------------------------------------------------------- header fields

    private void readPkNames(JsonScanner p) throws MalformedMessageException {
        if (!message.collectsPkNames() || p.current() == Token.NULL) {
            skippedPkNames.skip(p);
            return;
        }
        if (p.current() != Token.START_ARRAY) {
            throw ScannedFields.fieldType("pkNames", "an array or null", p.current());
        }
        message.hasPkNames = true;
        while (p.next() != Token.END_ARRAY) {
            message.pkNames.add(ScannedFields.stringOrNull(p, "pkNames"));
        }
    }

    private void readSqlTypes(JsonScanner p) throws MalformedMessageException {
        if (!message.collectsSqlTypes() || p.current() == Token.NULL) {
            skippedSqlTypes.skip(p);
            return;
        }
        requireObject(p, "sqlType");
        message.hasSqlTypes = true;
        while (p.next() == Token.FIELD_NAME) {
            String column = p.text();
            p.next();
            long code = ScannedFields.longValue(p, "sqlType." + column);
            if (code != (int) code) {
                throw new MalformedMessageException(
                        "field 'sqlType." + column + "' is out of the range of a JDBC type code");
            }
            if (message.sqlTypes.put(column, (int) code) != null) {
                throw twice("sqlType", column);
            }
        }
    }

    private void readMysqlTypes(JsonScanner p) throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            return;
        }
        requireObject(p, "mysqlType");
        mysqlTypeStart = p.tokenStart();
        boolean collect = message.collectsMysqlTypes();
        message.hasMysqlTypes = collect;
        if (!collect && repeatedTypes.replay(p, listener, typedSlots)) {
            mysqlTypeEnd = p.position();
            return;
        }
        for (int slot = slots.nextSlot(p, listener);
                slot != ColumnSlots.END;
                slot = slots.nextSlot(p, listener)) {
            int nameStart = p.textStart();
            int nameEnd = p.textEnd();
            p.next();
            if (slot >= 0) {
                if (typedSlots.get(slot)) {
                    throw twice("mysqlType", JsonStrings.decode(bytes, nameStart, nameEnd));
                }
                typedSlots.set(slot);
            }
            boolean typeNeeded = slot >= 0 && listener.needsColumnType(slot);
            ColumnType type = typeNeeded ? columnType(p, slot, nameStart, nameEnd) : null;
            if (type != null) {
                listener.onColumnType(slot, type);
            }
            if (slot >= 0 && !collect) {
                repeatedTypes.record(slot, type);
            }
            if (collect) {
                String column = JsonStrings.decode(bytes, nameStart, nameEnd);
                String text = ScannedFields.stringOrNull(p, "mysqlType." + column);
                if (text != null && message.mysqlTypes.put(column, text) != null) {
                    throw twice("mysqlType", column);
                }
            } else if (!typeNeeded) {
                p.skipChildren();
            }
        }
        mysqlTypeEnd = p.position();
        if (!collect) {
            repeatedTypes.keep(p);
        }
    }

    /**
     * The type the current {@code mysqlType} string names, or null for a JSON null; the same text
     * as the message before gave in this slot gives the same type without reading it again.
     */
    private ColumnType columnType(JsonScanner p, int slot, int nameStart, int nameEnd)
            throws MalformedMessageException {
        if (slot >= lastType.length) {
            lastType = Arrays.copyOf(lastType, slot + 1);
            lastTypeText = Arrays.copyOf(lastTypeText, slot + 1);
        }
        if (p.current() == Token.STRING
                && lastTypeText[slot] != null
                && p.textIs(lastTypeText[slot])) {
            return lastType[slot];
        }
        String text =
                ScannedFields.stringOrNull(
                        p, "mysqlType." + JsonStrings.decode(bytes, nameStart, nameEnd));
        if (text == null) {
            return null;
        }
        ColumnType type = mysqlTypes.resolve(text);
        if (p.isAscii()) {
            lastTypeText[slot] = Arrays.copyOfRange(p.bytes(), p.textStart(), p.textEnd());
            lastType[slot] = type;
        }
        return type;
    }

    private void readTidbExtension(JsonScanner p) throws MalformedMessageException {
        if (p.current() == Token.NULL) {
            return;
        }
        requireObject(p, "_tidb");
        for (int field = TIDB_FIELDS.next(p, 0);
                field != FieldNames.END;
                field = TIDB_FIELDS.next(p, -1)) {
            p.next();
            if (field >= 0) {
                tidbFields.markOnce(field, "_tidb." + TIDB_FIELDS.name(field));
            }
            switch (field) {
                case 0:
                    message.commitTs = ScannedFields.tsoOrNull(p, "_tidb.commitTs");
                    break;
                case 1:
                    message.watermarkTs = ScannedFields.tsoOrNull(p, "_tidb.watermarkTs");
                    break;
                case 2:
                    message.onlyHandleKey =
                            Boolean.TRUE.equals(
                                    ScannedFields.booleanOrNull(p, "_tidb.onlyHandleKey"));
                    break;
                case 3:
                    message.claimCheckLocation =
                            ScannedFields.stringOrNull(p, "_tidb.claimCheckLocation");
                    break;
                default:
                    p.skipChildren();
            }
        }
    }

    // ---------------------------------------------------------------- scalar helpers

    private static MalformedMessageException twice(String field, String column) {
        return new MalformedMessageException(
                "'"
                        + field
                        + "' names column '"
                        + column
                        + "' twice; TiCDC writes each column once");
    }

    private static void requireObject(JsonScanner p, String field)
            throws MalformedMessageException {
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(field, "an object or null", p.current());
        }
    }

    private enum ImageStatus {
        ABSENT,
        NULL,
        DEFERRED,
        SKIPPED,
        NULL_ELEMENT,
        READ
    }

    /** Where a row image stands while its message is read. */
    private static final class ImageState {
        private final String field;
        private ImageStatus status;
        private int start;
        private int end;

        private ImageState(String field) {
            this.field = field;
        }

        private void reset() {
            status = ImageStatus.ABSENT;
        }

        private String describe() {
            switch (status) {
                case ABSENT:
                    return "no '" + field + "' field";
                case NULL:
                    return "'" + field + "': null";
                case NULL_ELEMENT:
                    return "'" + field + "': [null]";
                default:
                    return "'" + field + "' " + status.name().toLowerCase();
            }
        }
    }
}
