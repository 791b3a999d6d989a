package io.github.flinkticdc.format.protocol;

import java.util.Arrays;

/**
 * The string a field held in the previous message, given again while its bytes repeat: a topic's
 * messages name the same few databases, tables and event types over and over, and each would
 * otherwise cost a new {@code String}.
 */
public final class RepeatedText {

    /** Longer values are not kept: they rarely repeat, and hostile ones must not be held. */
    private static final int MAX_KEPT_BYTES = 256;

    private byte[] lastBytes;
    private String last;

    /**
     * The current string or null token as a string (or null), made anew only when it differs from
     * the last one.
     *
     * @throws MalformedMessageException if the token is neither a string nor null
     */
    public String stringOrNull(JsonScanner s, String field) throws MalformedMessageException {
        if (s.current() == JsonScanner.Token.STRING && lastBytes != null && s.textIs(lastBytes)) {
            return last;
        }
        String text = ScannedFields.stringOrNull(s, field);
        if (text != null && !s.isEscaped() && s.textEnd() - s.textStart() <= MAX_KEPT_BYTES) {
            lastBytes = Arrays.copyOfRange(s.bytes(), s.textStart(), s.textEnd());
            last = text;
        }
        return text;
    }
}
