package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;

/**
 * Reads an event key JSON (spec §3.2) by field name: classic and new-architecture TiCDC order the
 * fields differently, and the latter repeats {@code ohk}. So, unlike everywhere else, a field given
 * twice in a key is not refused: the last one wins, for every field.
 */
final class OpenProtocolKeyParser {

    private static final FieldNames FIELDS =
            new FieldNames("ts", "scm", "tbl", "t", "ptn", "ohk", "ccl");
    private static final int TS = 0;
    private static final int SCHEMA = 1;
    private static final int TABLE = 2;
    private static final int TYPE = 3;
    private static final int PARTITION = 4;
    private static final int ONLY_HANDLE_KEY = 5;
    private static final int CLAIM_CHECK_LOCATION = 6;

    private final JsonScanner scanner;

    /**
     * @param scanner the reader's scanner, which this parser resets for every key
     */
    OpenProtocolKeyParser(JsonScanner scanner) {
        this.scanner = scanner;
    }

    void parse(byte[] bytes, int offset, int length, OpenProtocolKey key)
            throws MalformedMessageException {
        key.reset();
        boolean seenTs = false;
        boolean seenType = false;
        long typeCode = 0;
        JsonScanner p = scanner;
        p.reset(bytes, offset, length);
        ScannedFields.requireObjectStart(p, "an event key");
        while (p.next() == Token.FIELD_NAME) {
            int field = FIELDS.numberOf(p);
            p.next();
            switch (field) {
                case TS:
                    key.ts = ScannedFields.tso(p, "ts");
                    seenTs = true;
                    break;
                case SCHEMA:
                    key.schema = emptyIfNull(ScannedFields.stringOrNull(p, "scm"));
                    break;
                case TABLE:
                    key.table = emptyIfNull(ScannedFields.stringOrNull(p, "tbl"));
                    break;
                case TYPE:
                    typeCode = ScannedFields.longValue(p, "t");
                    seenType = true;
                    break;
                case PARTITION:
                    key.partitionId = ScannedFields.longOrNull(p, "ptn");
                    break;
                case ONLY_HANDLE_KEY:
                    key.onlyHandleKey = ScannedFields.booleanOrFalse(p, "ohk");
                    break;
                case CLAIM_CHECK_LOCATION:
                    key.claimCheckLocation = ScannedFields.stringOrNull(p, "ccl");
                    break;
                default:
                    // "rid" (a deprecated row id) and fields of future versions.
                    p.skipChildren();
            }
        }
        ScannedFields.requireEnd(p, "event key");
        if (!seenTs) {
            throw new MalformedMessageException("the event key has no 'ts'");
        }
        if (!seenType) {
            throw new MalformedMessageException("the event key has no event type 't'");
        }
        key.type = OpenProtocolEventType.ofCode(typeCode);
        if (key.type == null) {
            throw new MalformedMessageException(
                    "unknown event type 't': "
                            + typeCode
                            + " (expected 1 = row, 2 = DDL or 3 = resolved)");
        }
    }

    private static String emptyIfNull(String name) {
        return name == null ? "" : name;
    }
}
