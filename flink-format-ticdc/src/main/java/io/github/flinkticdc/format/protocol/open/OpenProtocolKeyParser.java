package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.JsonFields;
import io.github.flinkticdc.format.protocol.MalformedMessageException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads an event key JSON (spec §3.2) by field name: classic and new-architecture TiCDC order the
 * fields differently, and the latter repeats {@code ohk}. So, unlike everywhere else, a field given
 * twice in a key is not refused: the last one wins, for every field.
 */
final class OpenProtocolKeyParser {

    private final JsonFactory factory;

    OpenProtocolKeyParser(JsonFactory factory) {
        this.factory = factory;
    }

    void parse(byte[] bytes, int offset, int length, OpenProtocolKey key) throws IOException {
        key.reset();
        boolean seenTs = false;
        boolean seenType = false;
        long typeCode = 0;
        try (JsonParser p = JsonFields.parser(factory, bytes, offset, length)) {
            JsonFields.requireObjectStart(p, "an event key");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "ts":
                        key.ts = JsonFields.tso(p, "ts");
                        seenTs = true;
                        break;
                    case "scm":
                        key.schema = emptyIfNull(JsonFields.stringOrNull(p, "scm"));
                        break;
                    case "tbl":
                        key.table = emptyIfNull(JsonFields.stringOrNull(p, "tbl"));
                        break;
                    case "t":
                        typeCode = JsonFields.longValue(p, "t");
                        seenType = true;
                        break;
                    case "ptn":
                        key.partitionId =
                                p.currentToken() == JsonToken.VALUE_NULL
                                        ? null
                                        : JsonFields.longValue(p, "ptn");
                        break;
                    case "ohk":
                        key.onlyHandleKey = JsonFields.booleanOrFalse(p, "ohk");
                        break;
                    case "ccl":
                        key.claimCheckLocation = JsonFields.stringOrNull(p, "ccl");
                        break;
                    default:
                        // "rid" (a deprecated row id) and fields of future versions.
                        p.skipChildren();
                }
            }
            JsonFields.requireEnd(p, "event key");
        }
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
