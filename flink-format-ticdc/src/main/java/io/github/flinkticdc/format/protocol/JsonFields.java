package io.github.flinkticdc.format.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import java.io.IOException;

/** The typed reads of JSON fields that the protocol parsers share, with uniform errors. */
public final class JsonFields {

    private JsonFields() {}

    /**
     * The deepest nesting of arrays and objects a message may have. TiCDC's messages are at most
     * three levels deep (a message, its {@code data} array, the row), so this is far beyond data.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /**
     * The most characters a JSON number may have: a DOUBLE written in fixed notation has at most
     * about 330, a TSO or BIGINT UNSIGNED 20.
     */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** The most characters of a field name: TiDB names have at most 64. */
    public static final int MAX_NAME_LENGTH = 1024;

    /**
     * A factory for one reader, with the limits above and a string or document of at most {@link
     * Compression#MAX_DECOMPRESSED_BYTES}. Duplicate field names are not refused here: the readers
     * refuse the ones that matter to them (see {@link SeenFields}), and TiCDC writes {@code ohk}
     * twice on claim-check keys, where the last one must win.
     */
    public static JsonFactory newFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .maxNameLength(MAX_NAME_LENGTH)
                                .maxStringLength(Compression.MAX_DECOMPRESSED_BYTES)
                                .maxDocumentLength(Compression.MAX_DECOMPRESSED_BYTES)
                                .build())
                .build();
    }

    /**
     * A parser of the {@code length} bytes at {@code offset}, once they are known to be UTF-8
     * without zero bytes (see {@link Utf8Json}), so that the parser never guesses another encoding.
     */
    public static JsonParser parser(JsonFactory factory, byte[] bytes, int offset, int length)
            throws IOException {
        int invalid = Utf8Json.firstInvalid(bytes, offset, length);
        if (invalid >= 0) {
            throw new MalformedMessageException(
                    "not valid JSON: " + Utf8Json.describe(bytes, offset, length, invalid));
        }
        return factory.createParser(bytes, offset, length);
    }

    /** Moves to the first token, which must open an object. */
    public static void requireObjectStart(JsonParser p, String what) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedMessageException(
                    what + " must be a JSON object, found " + describe(first));
        }
    }

    /** Refuses anything after the object: a length prefix that is too long shows up here. */
    public static void requireEnd(JsonParser p, String what) throws IOException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new MalformedMessageException(
                    "found " + describe(extra) + " after the end of the " + what);
        }
    }

    /** {@link #longValue}, or null for a JSON null. */
    public static Long longOrNull(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : longValue(p, field);
    }

    /** A boolean, or null for a JSON null. */
    public static Boolean booleanOrNull(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : booleanOrFalse(p, field);
    }

    /** The current integer token as a long, refusing fractions, strings and overflow. */
    public static long longValue(JsonParser p, String field) throws IOException {
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

    /**
     * A TiDB TSO (commit ts, watermark, resolved ts), or null for a JSON null: TSOs are unsigned,
     * and a TSO's physical part reaches bit 63 only in about a thousand years, so a negative or
     * larger number is not one.
     */
    public static Long tsoOrNull(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : tso(p, field);
    }

    /** A TiDB TSO; see {@link #tsoOrNull}. */
    public static long tso(JsonParser p, String field) throws IOException {
        long tso = longValue(p, field);
        if (tso < 0) {
            throw new MalformedMessageException(
                    "field '" + field + "' is " + tso + ", not a TiDB TSO (TSOs are unsigned)");
        }
        return tso;
    }

    /** A string, or null for a JSON null. */
    public static String stringOrNull(JsonParser p, String field) throws IOException {
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
    public static boolean booleanOrFalse(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw fieldType(field, "a boolean", t);
    }

    /** The error for a field whose JSON type is not the expected one. */
    public static MalformedMessageException fieldType(
            String field, String expected, JsonToken found) {
        return new MalformedMessageException(
                "field '" + field + "' must be " + expected + ", found " + describe(found));
    }

    /**
     * The text of the current scalar token exactly as written (numbers never pass through a double
     * or a long), or null for JSON null. Only for tokens {@link #isScalarOrNull} accepts.
     */
    public static String scalarText(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
    }

    /** Whether the token is a string, number, boolean or null. */
    public static boolean isScalarOrNull(JsonToken token) {
        return token != null && token.isScalarValue();
    }

    /** A token as a reader would name it: "an object", "a number", "nothing". */
    public static String describe(JsonToken token) {
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
