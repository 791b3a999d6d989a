package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ValueText;

/**
 * Undoes Go's {@code strconv.Quote} (without its surrounding quotes), which TiCDC applies to the
 * bytes of binary CHAR/VARCHAR columns (spec §3.4). The bytes are returned as text of one char per
 * byte (ISO-8859-1), the form the value converters take for binary columns.
 */
final class GoQuotedBytes {

    private static final int MAX_CODE_POINT = 0x10FFFF;

    private GoQuotedBytes() {}

    static CharSequence unquote(CharSequence quoted) throws MalformedMessageException {
        if (isPlainAscii(quoted)) {
            // The common case needs no copy: ASCII chars are their own bytes.
            return quoted;
        }
        StringBuilder bytes = new StringBuilder(quoted.length());
        int i = 0;
        while (i < quoted.length()) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                int codePoint = Character.codePointAt(quoted, i);
                if (Character.isSurrogate(c) && Character.charCount(codePoint) == 1) {
                    throw new MalformedMessageException(
                            String.format("unpaired surrogate U+%04X at index %d", (int) c, i));
                }
                appendUtf8(bytes, codePoint);
                i += Character.charCount(codePoint);
                continue;
            }
            if (i + 1 >= quoted.length()) {
                throw new MalformedMessageException("a lone '\\' ends the Go-quoted string");
            }
            char escape = quoted.charAt(i + 1);
            i += 2;
            switch (escape) {
                case 'a':
                    bytes.append((char) 0x07);
                    break;
                case 'b':
                    bytes.append('\b');
                    break;
                case 'f':
                    bytes.append('\f');
                    break;
                case 'n':
                    bytes.append('\n');
                    break;
                case 'r':
                    bytes.append('\r');
                    break;
                case 't':
                    bytes.append('\t');
                    break;
                case 'v':
                    bytes.append((char) 0x0B);
                    break;
                case '\\':
                case '"':
                    bytes.append(escape);
                    break;
                case 'x':
                    bytes.append((char) hex(quoted, i, 2));
                    i += 2;
                    break;
                case 'u':
                    appendUtf8(bytes, codePoint(quoted, i, 4));
                    i += 4;
                    break;
                case 'U':
                    appendUtf8(bytes, codePoint(quoted, i, 8));
                    i += 8;
                    break;
                default:
                    throw new MalformedMessageException(
                            "unknown escape '\\" + escape + "' at index " + (i - 2));
            }
        }
        return bytes.toString();
    }

    private static boolean isPlainAscii(CharSequence s) {
        if (s instanceof ValueText && ((ValueText) s).isAscii()) {
            // ASCII JSON without escapes holds no backslash: nothing to look at.
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A {@code \\u} or {@code \\U} escape names a Unicode scalar value, as Go requires. */
    private static int codePoint(CharSequence s, int start, int digits)
            throws MalformedMessageException {
        long value = hex(s, start, digits);
        if (value > MAX_CODE_POINT
                || (value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE)) {
            throw new MalformedMessageException(
                    String.format(
                            "escape '\\%s%s' at index %d is not a Unicode code point",
                            digits == 4 ? "u" : "U",
                            s.subSequence(start, start + digits),
                            start - 2));
        }
        return (int) value;
    }

    private static long hex(CharSequence s, int start, int digits)
            throws MalformedMessageException {
        if (start + digits > s.length()) {
            throw new MalformedMessageException(
                    "escape at index "
                            + (start - 2)
                            + " needs "
                            + digits
                            + " hex digits, the string ends first");
        }
        long value = 0;
        for (int i = start; i < start + digits; i++) {
            int digit = hexDigit(s.charAt(i));
            if (digit < 0) {
                throw new MalformedMessageException(
                        "escape at index "
                                + (start - 2)
                                + " has '"
                                + s.charAt(i)
                                + "' where a hex digit belongs");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** ASCII hex only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static void appendUtf8(StringBuilder bytes, int codePoint) {
        if (codePoint < 0x80) {
            bytes.append((char) codePoint);
        } else if (codePoint < 0x800) {
            bytes.append((char) (0xC0 | codePoint >> 6));
            bytes.append((char) (0x80 | codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            bytes.append((char) (0xE0 | codePoint >> 12));
            bytes.append((char) (0x80 | codePoint >> 6 & 0x3F));
            bytes.append((char) (0x80 | codePoint & 0x3F));
        } else {
            bytes.append((char) (0xF0 | codePoint >> 18));
            bytes.append((char) (0x80 | codePoint >> 12 & 0x3F));
            bytes.append((char) (0x80 | codePoint >> 6 & 0x3F));
            bytes.append((char) (0x80 | codePoint & 0x3F));
        }
    }
}
