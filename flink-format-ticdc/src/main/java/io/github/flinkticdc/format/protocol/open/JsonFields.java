package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.MalformedMessageException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import java.io.IOException;

/** The typed reads of JSON fields that the Open Protocol parsers share, with uniform errors. */
final class JsonFields {

    private JsonFields() {}

    /**
     * A factory for one reader. Duplicate field names stay allowed (Jackson's default): TiCDC
     * writes {@code ohk} twice on claim-check keys and the last one must win.
     */
    static JsonFactory newFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxStringLength(Compression.MAX_DECOMPRESSED_BYTES)
                                .build())
                .build();
    }

    static void requireObjectStart(JsonParser p, String what) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedMessageException(
                    what + " must be a JSON object, found " + describe(first));
        }
    }

    /** Refuses anything after the object: a length prefix that is too long shows up here. */
    static void requireEnd(JsonParser p, String what) throws IOException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new MalformedMessageException(
                    "unexpected " + describe(extra) + " after the end of the " + what);
        }
    }

    /** The current integer token as a long, refusing fractions, strings and overflow. */
    static long longValue(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw fieldType(field, "an integer", t);
        }
        try {
            return p.getLongValue();
        } catch (InputCoercionException e) {
            throw new MalformedMessageException(
                    "field '"
                            + field
                            + "' is out of the range of a 64-bit integer: "
                            + p.getText());
        }
    }

    static String stringOrNull(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw fieldType(field, "a string or null", t);
    }

    /** A boolean; null reads as false, as Go's decoder leaves the flag unset. */
    static boolean booleanOrFalse(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw fieldType(field, "a boolean", t);
    }

    static MalformedMessageException fieldType(String field, String expected, JsonToken found) {
        return new MalformedMessageException(
                "field '" + field + "' must be " + expected + ", found " + describe(found));
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : token.asString();
        }
    }
}
