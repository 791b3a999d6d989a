package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;

/**
 * Reads the value JSON of a DDL event, {@code {"q": <statement>, "t": <action type>}} (spec §3.6).
 */
final class OpenProtocolDdlParser {

    private static final FieldNames FIELDS = new FieldNames("q", "t");
    private static final int QUERY = 0;
    private static final int ACTION = 1;

    private final JsonScanner scanner;
    private final SeenFields fields = new SeenFields();

    /**
     * @param scanner the reader's scanner, which this parser resets for every value
     */
    OpenProtocolDdlParser(JsonScanner scanner) {
        this.scanner = scanner;
    }

    void parse(byte[] bytes, int offset, int length, OpenProtocolDdl ddl)
            throws MalformedMessageException {
        ddl.query = null;
        ddl.actionType = 0;
        boolean seenAction = false;
        fields.reset();
        JsonScanner p = scanner;
        p.reset(bytes, offset, length);
        ScannedFields.requireObjectStart(p, "a DDL event value");
        while (p.next() == Token.FIELD_NAME) {
            int field = FIELDS.numberOf(p);
            p.next();
            if (field >= 0) {
                fields.markOnce(field, FIELDS.name(field));
            }
            switch (field) {
                case QUERY:
                    ddl.query = ScannedFields.stringOrNull(p, "q");
                    break;
                case ACTION:
                    long action = ScannedFields.longValue(p, "t");
                    if (action < 0 || action > Integer.MAX_VALUE) {
                        throw new MalformedMessageException(
                                "DDL action type 't' " + action + " is out of range");
                    }
                    ddl.actionType = (int) action;
                    seenAction = true;
                    break;
                default:
                    p.skipChildren();
            }
        }
        ScannedFields.requireEnd(p, "DDL event value");
        if (ddl.query == null) {
            throw new MalformedMessageException("a DDL event value has no query 'q'");
        }
        if (!seenAction) {
            throw new MalformedMessageException("a DDL event value has no action type 't'");
        }
    }
}
