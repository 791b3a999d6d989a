package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes a value that TiCDC wrote as base64 into the text the value converters take: binary bytes
 * as one char per byte (ISO-8859-1), text as the UTF-8 it encodes. Every JSON protocol of TiCDC
 * writes some columns so (Open Protocol BLOB/TEXT, simple and debezium binary columns).
 */
public final class Base64Text {

    private Base64Text() {}

    /**
     * @param field the field that holds the value, for the error message
     * @param binary whether the bytes are a binary value, else UTF-8 text
     * @throws MalformedMessageException if {@code text} is not base64
     */
    public static String decode(CharSequence text, String field, boolean binary)
            throws MalformedMessageException {
        byte[] bytes = bytes(text, field);
        // Invalid UTF-8 becomes U+FFFD, as TiCDC's other JSON protocols render it.
        return new String(bytes, binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * The bytes {@code text} encodes.
     *
     * @param field the field that holds the value, for the error message
     * @throws MalformedMessageException if {@code text} is not base64
     */
    public static byte[] bytes(CharSequence text, String field) throws MalformedMessageException {
        try {
            return Base64.getDecoder().decode(text.toString());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(
                    "'" + field + "' is not valid base64: " + e.getMessage(), e);
        }
    }
}
