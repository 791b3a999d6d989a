package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ColumnSlots;
import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.JsonStrings;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;
import io.github.flinkticdc.format.protocol.ValueText;

/**
 * Reads the value JSON of a row event (spec §3.3): {@code u} (new image), {@code p} (old image),
 * {@code d} (deleted row), in any order, each column {@code {"t","h","f","v"}} with its fields in
 * any order. Names are matched by their bytes and values handed to the listener over the message's
 * bytes where they need no decoding; columns the listener has no slot for are skipped unread.
 */
final class OpenProtocolRowParser {

    private static final int GEOMETRY = 255;

    private static final FieldNames IMAGES = new FieldNames("u", "p", "d");
    private static final int NEW = 0;
    private static final int OLD = 1;
    private static final int DELETED = 2;

    private static final FieldNames COLUMN_FIELDS = new FieldNames("t", "f", "v", "h");
    private static final int TYPE = 0;
    private static final int FLAGS = 1;
    private static final int VALUE = 2;

    private final JsonScanner scanner;
    private final ColumnSlots slots = new ColumnSlots();
    private final ValueText value = new ValueText();
    private final SeenFields images = new SeenFields();
    private final SeenFields columnFields = new SeenFields();
    private final RepeatedColumnHeaders headers = new RepeatedColumnHeaders();

    // The column being read: where its name lies, for errors, and what its fields say. "v" may
    // come before the "t" and "f" that say how to read it, so its token waits here and its text
    // in value, over the message's bytes.
    private String imageField;
    private int nameStart;
    private int nameEnd;
    private long typeCode;
    private boolean seenType;
    private long flags;
    private Token valueToken;
    private CharSequence valueText;

    /**
     * @param scanner the reader's scanner, which this parser resets for every value
     */
    OpenProtocolRowParser(JsonScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * Reports the images of one row event to {@code listener} and tells what the event is.
     *
     * @param listener where the images go; null for a table that is not read, whose value is still
     *     checked
     */
    ChangeKind parse(byte[] bytes, int offset, int length, RowEventListener listener)
            throws MalformedMessageException {
        boolean seenNew = false;
        boolean seenOld = false;
        boolean seenDeleted = false;
        images.reset();
        JsonScanner p = scanner;
        p.reset(bytes, offset, length);
        ScannedFields.requireObjectStart(p, "a row event value");
        while (p.next() == Token.FIELD_NAME) {
            int field = IMAGES.numberOf(p);
            p.next();
            if (field >= 0) {
                images.markOnce(field, IMAGES.name(field));
            }
            switch (field) {
                case NEW:
                    seenNew = true;
                    readImage(p, "u", RowImage.NEW, listener);
                    break;
                case OLD:
                    seenOld = true;
                    readImage(p, "p", RowImage.OLD, listener);
                    break;
                case DELETED:
                    seenDeleted = true;
                    readImage(p, "d", RowImage.NEW, listener);
                    break;
                default:
                    p.skipChildren();
            }
        }
        ScannedFields.requireEnd(p, "row event value");
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
    private void readImage(JsonScanner p, String field, RowImage image, RowEventListener listener)
            throws MalformedMessageException {
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType(field, "an object of columns", p.current());
        }
        if (listener == null) {
            p.skipChildren();
            return;
        }
        imageField = field;
        for (int slot = slots.nextSlot(p, listener);
                slot != ColumnSlots.END;
                slot = slots.nextSlot(p, listener)) {
            nameStart = p.textStart();
            nameEnd = p.textEnd();
            p.next();
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            readColumn(p, slot);
            OpenProtocolColumnType type;
            CharSequence text;
            try {
                type = columnType();
                text =
                        valueToken == null
                                ? null
                                : ColumnValueDecoder.decode(type, valueToken, valueText);
            } catch (MalformedMessageException e) {
                throw inColumn(e);
            }
            listener.onColumnType(slot, type.columnType());
            listener.onValue(image, slot, text);
        }
    }

    /**
     * Reads {@code {"t","h","f","v"}} into the fields of the column being read. What is wrong with
     * a field is said of the column; JSON that is not valid is said of the value, as anywhere.
     */
    private void readColumn(JsonScanner p, int slot) throws MalformedMessageException {
        if (p.current() != Token.START_OBJECT) {
            throw inColumn(
                    new MalformedMessageException(
                            "expected an object {\"t\",\"f\",\"v\"}, found "
                                    + ScannedFields.describe(p.current())));
        }
        int columnStart = p.tokenStart();
        // A missing "v" is NULL, as in TiCDC's own decoder.
        valueToken = null;
        valueText = null;
        boolean keepable;
        int field;
        if (headers.skipRepeated(p, slot)) {
            typeCode = headers.typeCode(slot);
            flags = headers.flags(slot);
            seenType = true;
            columnFields.restore(headers.fields(slot));
            keepable = false;
            field = VALUE;
        } else {
            typeCode = 0;
            flags = 0;
            seenType = false;
            columnFields.reset();
            keepable = true;
            // TiCDC writes "t", then "h" for a handle column, then "f" and "v".
            field = COLUMN_FIELDS.next(p, TYPE);
        }
        for (; field != FieldNames.END; field = COLUMN_FIELDS.next(p, field + 1)) {
            p.next();
            if (field == VALUE && keepable && seenType) {
                headers.keep(
                        slot,
                        p.bytes(),
                        columnStart,
                        p.tokenStart(),
                        typeCode,
                        flags,
                        columnFields.fields());
            }
            try {
                readColumnField(p, field);
            } catch (MalformedMessageException e) {
                throw inColumn(e);
            }
            // Only a start of known fields with scalar values is kept.
            keepable &= field >= 0 && ScannedFields.isScalarOrNull(p.current());
            // "h" (it repeats the handle-key flag bit of "f") and unknown fields are skipped
            // unread; the others are scalars once read.
            p.skipChildren();
        }
    }

    private void readColumnField(JsonScanner p, int field) throws MalformedMessageException {
        if (field >= 0) {
            columnFields.markOnce(field, COLUMN_FIELDS.name(field));
        }
        switch (field) {
            case TYPE:
                typeCode = ScannedFields.longValue(p, "t");
                seenType = true;
                break;
            case FLAGS:
                flags = p.current() == Token.NULL ? 0 : ScannedFields.longValue(p, "f");
                break;
            case VALUE:
                Token token = p.current();
                if (!ScannedFields.isScalarOrNull(token)) {
                    throw ScannedFields.fieldType("v", "a string, a number or null", token);
                }
                valueText = ScannedFields.scalarText(p, value);
                valueToken = valueText == null ? null : token;
                break;
            default:
        }
    }

    private OpenProtocolColumnType columnType() throws MalformedMessageException {
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

    /** {@code e} said of the column being read. */
    private MalformedMessageException inColumn(MalformedMessageException e) {
        String column = JsonStrings.decode(scanner.bytes(), nameStart, nameEnd);
        return new MalformedMessageException(
                "column '" + column + "' in '" + imageField + "': " + e.getMessage(), e);
    }
}
