package io.github.flinkticdc.format.protocol;

/**
 * Writes JSON strings escaped as TiCDC's JSON writers escape them (Go's encoding, spec §2.7), so
 * that a message this project writes has the bytes TiCDC would write: {@code \n \r \t} short, the
 * other control characters as six-character escapes with lower-case hex digits, {@code < > &} and
 * U+2028/U+2029 escaped the same way (Go escapes them for HTML), everything else, U+007F and up
 * included, as its literal character.
 */
public final class GoJsonStrings {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJsonStrings() {}

    /** Appends {@code text} as a quoted JSON string. */
    public static void append(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '<':
                case '>':
                case '&':
                case '\u2028':
                case '\u2029':
                    unicodeEscape(out, c);
                    break;
                default:
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isSurrogate(c)) {
                        i = appendSurrogates(out, text, i);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** {@code text} as a quoted JSON string. */
    public static String quote(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        append(out, text);
        return out.toString();
    }

    /**
     * Appends the pair at {@code i}, or for an unpaired surrogate U+FFFD, as Go writes a string
     * that is not valid UTF-8 (its UTF-8 encoder would write '?' instead, silently).
     *
     * @return the index of the last char appended from
     */
    private static int appendSurrogates(StringBuilder out, CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        out.append('\uFFFD');
        return i;
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
