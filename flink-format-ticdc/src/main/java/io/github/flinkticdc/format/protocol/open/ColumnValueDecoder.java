package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.Base64Text;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;

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
                return Base64Text.decode(
                        requireString(type, token, text),
                        "v",
                        type.columnType().kind() == Kind.BINARY);
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
}
