package io.github.flinkticdc.format.protocol;

import io.github.flinkticdc.format.protocol.JsonScanner.Token;

import java.util.Base64;

/**
 * The JSON TiCDC writes as a claim-check object unless {@code claim-check-raw-value = true}: {@code
 * {"key": <base64 or null>, "value": <base64>}}, the Kafka record's key and value as TiCDC would
 * have sent them (spec §2.9, §3.8).
 */
final class ClaimCheckEnvelope {

    private static final FieldNames FIELDS = new FieldNames("key", "value");
    private static final int KEY = 0;
    private static final int VALUE = 1;

    private final JsonScanner scanner = new JsonScanner();
    private byte[] key;
    private byte[] value;

    /**
     * Reads an object.
     *
     * @throws MalformedMessageException if it is not such a JSON object, or has no value
     */
    void parse(byte[] object) throws MalformedMessageException {
        key = null;
        value = null;
        JsonScanner p = scanner;
        p.reset(object, 0, object.length);
        ScannedFields.requireObjectStart(p, "a claim-check object");
        while (p.next() == Token.FIELD_NAME) {
            int field = FIELDS.numberOf(p);
            p.next();
            switch (field) {
                case KEY:
                    key = base64OrNull(p, "key");
                    break;
                case VALUE:
                    value = base64OrNull(p, "value");
                    break;
                default:
                    p.skipChildren();
            }
        }
        ScannedFields.requireEnd(p, "claim-check object");
        if (value == null) {
            throw new MalformedMessageException("the claim-check object has no 'value'");
        }
    }

    /** The record key, or null (canal-json and simple records have none). */
    byte[] key() {
        return key;
    }

    /** The record value, as TiCDC would have sent it (compressed if it compresses). */
    byte[] value() {
        return value;
    }

    private static byte[] base64OrNull(JsonScanner p, String field)
            throws MalformedMessageException {
        String text = ScannedFields.stringOrNull(p, field);
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(
                    "the claim-check object's '" + field + "' is not valid base64", e);
        }
    }
}
