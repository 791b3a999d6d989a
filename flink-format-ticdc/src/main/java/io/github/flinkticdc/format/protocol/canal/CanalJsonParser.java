package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.JsonFields;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.SeenFields;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.BitSet;

/**
 * Reads TiCDC canal-json messages (spec §2) with a streaming parser, by field name in any order.
 *
 * <p>The row images are read in place when the fields they depend on (event type, database, table,
 * {@code mysqlType}) came before them, as current TiCDC writes them. Otherwise their byte range is
 * remembered and read once the whole header is known, so older field orders decode the same way.
 * Not thread-safe: one parser per decoding thread.
 */
public final class CanalJsonParser {

    private static final String WATERMARK_TYPE = "TIDB_WATERMARK";

    private final JsonFactory factory = JsonFields.newFactory();
    private final CanalMysqlTypes mysqlTypes = new CanalMysqlTypes();

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
     * Reads one message into {@code message}, reporting the columns of its row images to {@code
     * listener}.
     *
     * @throws MalformedMessageException if the message breaks the protocol, is not UTF-8 or gives a
     *     field twice
     * @throws JsonProcessingException if it is not JSON
     */
    public void parse(byte[] bytes, CanalJsonMessage message, RowEventListener listener)
            throws IOException {
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
        try (JsonParser p = JsonFields.parser(factory, bytes, 0, bytes.length)) {
            readMessage(p);
        } finally {
            this.bytes = null;
            this.message = null;
            this.listener = null;
        }
    }

    private void readMessage(JsonParser p) throws IOException {
        JsonFields.requireObjectStart(p, "a canal-json message");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            readField(p, field, value);
        }
        JsonFields.requireEnd(p, "canal-json message");
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

    private void readField(JsonParser p, String field, JsonToken value) throws IOException {
        switch (field) {
            case "database":
                fields.markOnce(0, field);
                message.database = JsonFields.stringOrNull(p, field);
                seenDatabase = true;
                break;
            case "table":
                fields.markOnce(1, field);
                message.table = JsonFields.stringOrNull(p, field);
                seenTable = true;
                break;
            case "type":
                fields.markOnce(2, field);
                message.type = JsonFields.stringOrNull(p, field);
                break;
            case "isDdl":
                fields.markOnce(3, field);
                isDdl = JsonFields.booleanOrNull(p, field);
                break;
            case "es":
                fields.markOnce(4, field);
                message.es = JsonFields.longOrNull(p, field);
                break;
            case "ts":
                fields.markOnce(5, field);
                message.ts = JsonFields.longOrNull(p, field);
                break;
            case "sql":
                fields.markOnce(6, field);
                message.sql = JsonFields.stringOrNull(p, field);
                break;
            case "pkNames":
                fields.markOnce(7, field);
                readPkNames(p);
                break;
            case "sqlType":
                fields.markOnce(8, field);
                readSqlTypes(p);
                break;
            case "mysqlType":
                fields.markOnce(9, field);
                readMysqlTypes(p);
                seenMysqlType = true;
                break;
            case "data":
                fields.markOnce(10, field);
                readImageField(p, data, RowImage.NEW);
                break;
            case "old":
                fields.markOnce(11, field);
                readImageField(p, old, RowImage.OLD);
                break;
            case "_tidb":
                fields.markOnce(12, field);
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
    private void readImageField(JsonParser p, ImageState state, RowImage image) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            state.status = ImageStatus.NULL;
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonFields.fieldType(state.field, "an array or null", p.currentToken());
        }
        if (!headerKnown()) {
            state.start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            state.end = (int) p.currentLocation().getByteOffset();
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

    private void finishRowEvent() throws IOException {
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

    private void readDeferred(ImageState state, RowImage image) throws IOException {
        if (state.status != ImageStatus.DEFERRED) {
            return;
        }
        try (JsonParser p = factory.createParser(bytes, state.start, state.end - state.start)) {
            p.nextToken();
            state.status = readImage(p, state, image);
        }
    }

    /** Reads {@code [ {row} ]}; the old image may also be {@code [null]} (TiCDC 4.0). */
    private ImageStatus readImage(JsonParser p, ImageState state, RowImage image)
            throws IOException {
        JsonToken element = p.nextToken();
        ImageStatus status;
        if (element == JsonToken.START_OBJECT) {
            readRow(p, image);
            status = ImageStatus.READ;
        } else if (element == JsonToken.VALUE_NULL && image == RowImage.OLD) {
            status = ImageStatus.NULL_ELEMENT;
        } else if (element == JsonToken.END_ARRAY) {
            if (image == RowImage.OLD) {
                return ImageStatus.NULL_ELEMENT;
            }
            throw new MalformedMessageException("'data' is an empty array; expected one row");
        } else {
            throw new MalformedMessageException(
                    "'"
                            + state.field
                            + "' must hold one JSON object, found "
                            + JsonFields.describe(element));
        }
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new MalformedMessageException(
                    "'"
                            + state.field
                            + "' holds more than one row; TiCDC writes exactly one row per"
                            + " message");
        }
        return status;
    }

    private void readRow(JsonParser p, RowImage image) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            JsonToken value = p.nextToken();
            int slot = listener.columnSlot(column);
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            if (!JsonFields.isScalarOrNull(value)) {
                throw new MalformedMessageException(
                        "column '"
                                + column
                                + "' holds "
                                + JsonFields.describe(value)
                                + "; TiCDC writes every value as a string or null");
            }
            String text = JsonFields.scalarText(p);
            listener.onValue(image, slot, text);
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
        try (JsonParser p =
                factory.createParser(bytes, mysqlTypeStart, mysqlTypeEnd - mysqlTypeStart)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = column.equals(p.currentName());
                if (p.nextToken() == JsonToken.VALUE_STRING && wanted) {
                    return p.getText();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    // ---------------------------------------------------------------- header fields

    private void readPkNames(JsonParser p) throws IOException {
        if (!message.collectsPkNames() || p.currentToken() == JsonToken.VALUE_NULL) {
            p.skipChildren();
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonFields.fieldType("pkNames", "an array or null", p.currentToken());
        }
        message.hasPkNames = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            message.pkNames.add(JsonFields.stringOrNull(p, "pkNames"));
        }
    }

    private void readSqlTypes(JsonParser p) throws IOException {
        if (!message.collectsSqlTypes() || p.currentToken() == JsonToken.VALUE_NULL) {
            p.skipChildren();
            return;
        }
        requireObject(p, "sqlType");
        message.hasSqlTypes = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                throw JsonFields.fieldType("sqlType." + column, "an integer", p.currentToken());
            }
            if (message.sqlTypes.put(column, p.getIntValue()) != null) {
                throw twice("sqlType", column);
            }
        }
    }

    private void readMysqlTypes(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        requireObject(p, "mysqlType");
        mysqlTypeStart = (int) p.currentTokenLocation().getByteOffset();
        boolean collect = message.collectsMysqlTypes();
        message.hasMysqlTypes = collect;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            p.nextToken();
            int slot = listener.columnSlot(column);
            if (slot >= 0) {
                if (typedSlots.get(slot)) {
                    throw twice("mysqlType", column);
                }
                typedSlots.set(slot);
            }
            boolean typeNeeded = slot >= 0 && listener.needsColumnType(slot);
            if (!typeNeeded && !collect) {
                p.skipChildren();
                continue;
            }
            String type = JsonFields.stringOrNull(p, "mysqlType." + column);
            if (type == null) {
                continue;
            }
            if (typeNeeded) {
                listener.onColumnType(slot, mysqlTypes.resolve(type));
            }
            if (collect && message.mysqlTypes.put(column, type) != null) {
                throw twice("mysqlType", column);
            }
        }
        mysqlTypeEnd = (int) p.currentLocation().getByteOffset();
    }

    private void readTidbExtension(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        requireObject(p, "_tidb");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "commitTs":
                    tidbFields.markOnce(0, "_tidb." + field);
                    message.commitTs = JsonFields.tsoOrNull(p, "_tidb.commitTs");
                    break;
                case "watermarkTs":
                    tidbFields.markOnce(1, "_tidb." + field);
                    message.watermarkTs = JsonFields.tsoOrNull(p, "_tidb.watermarkTs");
                    break;
                case "onlyHandleKey":
                    tidbFields.markOnce(2, "_tidb." + field);
                    message.onlyHandleKey =
                            Boolean.TRUE.equals(JsonFields.booleanOrNull(p, "_tidb.onlyHandleKey"));
                    break;
                case "claimCheckLocation":
                    tidbFields.markOnce(3, "_tidb." + field);
                    message.claimCheckLocation =
                            JsonFields.stringOrNull(p, "_tidb.claimCheckLocation");
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

    private static void requireObject(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonFields.fieldType(field, "an object or null", p.currentToken());
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
