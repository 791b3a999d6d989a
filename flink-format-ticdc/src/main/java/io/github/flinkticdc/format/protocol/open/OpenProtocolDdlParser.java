package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.JsonFields;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.SeenFields;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the value JSON of a DDL event, {@code {"q": <statement>, "t": <action type>}} (spec §3.6).
 */
final class OpenProtocolDdlParser {

    private final JsonFactory factory;
    private final SeenFields fields = new SeenFields();

    OpenProtocolDdlParser(JsonFactory factory) {
        this.factory = factory;
    }

    void parse(byte[] bytes, int offset, int length, OpenProtocolDdl ddl) throws IOException {
        ddl.query = null;
        ddl.actionType = 0;
        boolean seenAction = false;
        fields.reset();
        try (JsonParser p = JsonFields.parser(factory, bytes, offset, length)) {
            JsonFields.requireObjectStart(p, "a DDL event value");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "q":
                        fields.markOnce(0, field);
                        ddl.query = JsonFields.stringOrNull(p, "q");
                        break;
                    case "t":
                        fields.markOnce(1, field);
                        long action = JsonFields.longValue(p, "t");
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
            JsonFields.requireEnd(p, "DDL event value");
        }
        if (ddl.query == null) {
            throw new MalformedMessageException("a DDL event value has no query 'q'");
        }
        if (!seenAction) {
            throw new MalformedMessageException("a DDL event value has no action type 't'");
        }
    }
}
