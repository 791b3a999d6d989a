package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ColumnType.Kind;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a column's {@code v} into the text the value converters take (spec §3.4): numbers exactly
 * as written (never through a double, so BIGINT UNSIGNED and float text stay exact), binary strings
 * as one char per byte (ISO-8859-1), base64 TEXT as the UTF-8 text it encodes.
 */
final class ColumnValueDecoder {

    private ColumnValueDecoder() {}

    /**
     * @param token the scalar JSON token {@code v} held (not null)
     * @param text that token's text; returned as it is when it is the value
     */
    static CharSequence decode(OpenProtocolColumnType type, Token token, CharSequence text)
            throws MalformedMessageException {
        switch (type.encoding()) {
            case GO_QUOTED:
                return GoQuotedBytes.unquote(requireString(type, token, text));
            case BASE64:
                byte[] bytes = base64(requireString(type, token, text).toString());
                // Invalid UTF-8 becomes U+FFFD, as TiCDC's other JSON protocols render it.
                return new String(
                        bytes,
                        type.columnType().kind() == Kind.BINARY
                                ? StandardCharsets.ISO_8859_1
                                : StandardCharsets.UTF_8);
            case AS_WRITTEN:
            default:
                return text;
        }
    }

    private static CharSequence requireString(
            OpenProtocolColumnType type, Token token, CharSequence text)
            throws MalformedMessageException {
        if (token != Token.STRING) {
            throw new MalformedMessageException(
                    "'v' holds "
                            + ScannedFields.describe(token)
                            + "; a "
                            + type.columnType().name()
                            + " value is written as a string");
        }
        return text;
    }

    private static byte[] base64(String text) throws MalformedMessageException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("'v' is not valid base64: " + e.getMessage(), e);
        }
    }
}
