package io.github.flinkticdc.format.protocol;

import io.github.flinkticdc.format.protocol.JsonScanner.Token;

/**
 * The typed reads of JSON fields on a {@link JsonScanner}, with the errors the protocol readers
 * share: each reads the token the scanner stands on.
 */
public final class ScannedFields {

    private ScannedFields() {}

    /** Moves to the first token, which must open an object. */
    public static void requireObjectStart(JsonScanner s, String what)
            throws MalformedMessageException {
        Token first = s.next();
        if (first != Token.START_OBJECT) {
            throw new MalformedMessageException(
                    what + " must be a JSON object, found " + describe(first));
        }
    }

    /** Refuses anything after the object: a length prefix that is too long shows up here. */
    public static void requireEnd(JsonScanner s, String what) throws MalformedMessageException {
        Token extra = s.next();
        if (extra != null) {
            throw new MalformedMessageException(
                    "found " + describe(extra) + " after the end of the " + what);
        }
    }

    /** A string, or null for a JSON null. */
    public static String stringOrNull(JsonScanner s, String field)
            throws MalformedMessageException {
        Token t = s.current();
        if (t == Token.STRING) {
            return s.text();
        }
        if (t == Token.NULL) {
            return null;
        }
        throw fieldType(field, "a string or null", t);
    }

    /** A boolean, or null for a JSON null. */
    public static Boolean booleanOrNull(JsonScanner s, String field)
            throws MalformedMessageException {
        Token t = s.current();
        if (t == Token.TRUE || t == Token.FALSE) {
            return t == Token.TRUE;
        }
        if (t == Token.NULL) {
            return null;
        }
        throw fieldType(field, "a boolean", t);
    }

    /** A boolean; null reads as false, as Go's decoder leaves the flag unset. */
    public static boolean booleanOrFalse(JsonScanner s, String field)
            throws MalformedMessageException {
        Token t = s.current();
        if (t == Token.TRUE || t == Token.FALSE || t == Token.NULL) {
            return t == Token.TRUE;
        }
        throw fieldType(field, "a boolean", t);
    }

    /** An integer as a long, or null for a JSON null. */
    public static Long longOrNull(JsonScanner s, String field) throws MalformedMessageException {
        return s.current() == Token.NULL ? null : longValue(s, field);
    }

    /** The current integer as a long, refusing fractions, strings and overflow. */
    public static long longValue(JsonScanner s, String field) throws MalformedMessageException {
        Token t = s.current();
        if (t != Token.NUMBER || !s.isIntegral()) {
            throw fieldType(field, "an integer", t);
        }
        if (!s.fitsLong()) {
            throw new MalformedMessageException(
                    "field '" + field + "' is out of the range of a 64-bit integer: " + s.text());
        }
        return s.longValue();
    }

    /**
     * A TiDB TSO (commit ts, watermark, resolved ts), or null for a JSON null: TSOs are unsigned,
     * and a TSO's physical part reaches bit 63 only in about a thousand years, so a negative or
     * larger number is not one.
     */
    public static Long tsoOrNull(JsonScanner s, String field) throws MalformedMessageException {
        return s.current() == Token.NULL ? null : tso(s, field);
    }

    /** A TiDB TSO; see {@link #tsoOrNull}. */
    public static long tso(JsonScanner s, String field) throws MalformedMessageException {
        long tso = longValue(s, field);
        if (tso < 0) {
            throw new MalformedMessageException(
                    "field '" + field + "' is " + tso + ", not a TiDB TSO (TSOs are unsigned)");
        }
        return tso;
    }

    /**
     * The text of the current scalar exactly as written (numbers never pass through a double or a
     * long), or null for JSON null: a string or number as {@code into} over the message's bytes, a
     * boolean as its spelling. Only for tokens {@link #isScalarOrNull} accepts.
     */
    public static CharSequence scalarText(JsonScanner s, ValueText into) {
        switch (s.current()) {
            case NULL:
                return null;
            case STRING:
            case NUMBER:
                return s.text(into);
            default:
                return s.text();
        }
    }

    /** Whether the token is a string, number, boolean or null. */
    public static boolean isScalarOrNull(Token t) {
        return t != null && t.compareTo(Token.STRING) >= 0;
    }

    /** The error for a field whose JSON type is not the expected one. */
    public static MalformedMessageException fieldType(String field, String expected, Token found) {
        return new MalformedMessageException(
                "field '" + field + "' must be " + expected + ", found " + describe(found));
    }

    /** A token as a reader would name it: "an object", "a number", "nothing". */
    public static String describe(Token token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case TRUE:
            case FALSE:
                return "a boolean";
            case NULL:
                return "null";
            case END_OBJECT:
                return "'}'";
            case END_ARRAY:
                return "']'";
            default:
                return "a field name";
        }
    }
}
