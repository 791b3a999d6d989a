package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.JsonFields;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.SeenFields;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the value JSON of a row event (spec §3.3): {@code u} (new image), {@code p} (old image),
 * {@code d} (deleted row), in any order, each column {@code {"t","h","f","v"}} with its fields in
 * any order. Columns the listener has no slot for are skipped unread.
 */
final class OpenProtocolRowParser {

    private static final int GEOMETRY = 255;

    private final JsonFactory factory;
    private final SeenFields images = new SeenFields();
    private final SeenFields columnFields = new SeenFields();

    // The column being read: "v" may come before the "t" and "f" that say how to read it, so its
    // token and text wait here (the text is needed in any case, so waiting costs nothing).
    private long typeCode;
    private boolean seenType;
    private long flags;
    private JsonToken valueToken;
    private String valueText;

    OpenProtocolRowParser(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * Reports the images of one row event to {@code listener} and tells what the event is.
     *
     * @param listener where the images go; null for a table that is not read, whose value is still
     *     checked
     */
    ChangeKind parse(byte[] bytes, int offset, int length, RowEventListener listener)
            throws IOException {
        boolean seenNew = false;
        boolean seenOld = false;
        boolean seenDeleted = false;
        images.reset();
        try (JsonParser p = JsonFields.parser(factory, bytes, offset, length)) {
            JsonFields.requireObjectStart(p, "a row event value");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "u":
                        images.markOnce(0, field);
                        seenNew = true;
                        readImage(p, "u", RowImage.NEW, listener);
                        break;
                    case "p":
                        images.markOnce(1, field);
                        seenOld = true;
                        readImage(p, "p", RowImage.OLD, listener);
                        break;
                    case "d":
                        images.markOnce(2, field);
                        seenDeleted = true;
                        readImage(p, "d", RowImage.NEW, listener);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            JsonFields.requireEnd(p, "row event value");
        }
        return kind(seenNew, seenOld, seenDeleted);
    }

    private static ChangeKind kind(boolean seenNew, boolean seenOld, boolean seenDeleted)
            throws MalformedMessageException {
        if (seenDeleted) {
            if (seenNew || seenOld) {
                throw new MalformedMessageException(
                        "a row event value has 'd' together with "
                                + (seenNew ? "'u'" : "'p'")
                                + "; a DELETE holds only 'd'");
            }
            return ChangeKind.DELETE;
        }
        if (!seenNew) {
            throw new MalformedMessageException(
                    seenOld
                            ? "a row event value has an old image 'p' but no new image 'u'"
                            : "a row event value has none of 'u', 'p' and 'd'");
        }
        return seenOld ? ChangeKind.UPDATE : ChangeKind.INSERT;
    }

    /** Reads one image; a null listener means the table was refused, so only syntax is checked. */
    private void readImage(JsonParser p, String field, RowImage image, RowEventListener listener)
            throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonFields.fieldType(field, "an object of columns", p.currentToken());
        }
        if (listener == null) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String column = p.currentName();
            p.nextToken();
            int slot = listener.columnSlot(column);
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            OpenProtocolColumnType type;
            String text;
            try {
                type = readColumn(p);
                text =
                        valueToken == null
                                ? null
                                : ColumnValueDecoder.decode(type, valueToken, valueText);
            } catch (MalformedMessageException e) {
                throw new MalformedMessageException(
                        "column '" + column + "' in '" + field + "': " + e.getMessage(), e);
            }
            listener.onColumnType(slot, type.columnType());
            listener.onValue(image, slot, text);
        }
    }

    /**
     * Reads {@code {"t","h","f","v"}}, leaving {@code v} in {@link #valueToken}/{@link #valueText}.
     */
    private OpenProtocolColumnType readColumn(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedMessageException(
                    "expected an object {\"t\",\"f\",\"v\"}, found "
                            + JsonFields.describe(p.currentToken()));
        }
        seenType = false;
        typeCode = 0;
        flags = 0;
        // A missing "v" is NULL, as in TiCDC's own decoder.
        valueToken = null;
        valueText = null;
        columnFields.reset();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "t":
                    columnFields.markOnce(0, field);
                    typeCode = JsonFields.longValue(p, "t");
                    seenType = true;
                    break;
                case "f":
                    columnFields.markOnce(1, field);
                    flags = token == JsonToken.VALUE_NULL ? 0 : JsonFields.longValue(p, "f");
                    break;
                case "v":
                    columnFields.markOnce(2, field);
                    readValue(p, token);
                    break;
                case "h":
                    // It repeats the handle-key flag bit of "f".
                    columnFields.markOnce(3, field);
                    p.skipChildren();
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (!seenType) {
            throw new MalformedMessageException("no type code 't'");
        }
        OpenProtocolColumnType type = OpenProtocolColumnType.of(typeCode, flags);
        if (type == null) {
            throw new MalformedMessageException(
                    typeCode == GEOMETRY
                            ? "type code 255 (GEOMETRY) is not supported by TiCDC's Open Protocol"
                            : "unknown type code "
                                    + typeCode
                                    + " (not a TiDB column type of the Open Protocol)");
        }
        return type;
    }

    private void readValue(JsonParser p, JsonToken token) throws IOException {
        if (!JsonFields.isScalarOrNull(token)) {
            throw JsonFields.fieldType("v", "a string, a number or null", token);
        }
        valueText = JsonFields.scalarText(p);
        valueToken = valueText == null ? null : token;
    }
}
