package io.github.flinkticdc.testing;

/**
 * Go's {@code strconv.Quote} of raw bytes without the surrounding quotes, as TiCDC's Open Protocol
 * writes BINARY/VARBINARY values (spec §3.4): valid UTF-8 stays text when printable, invalid bytes
 * become {@code \xHH}.
 */
final class GoQuotedBytes {

    private GoQuotedBytes() {}

    static String quote(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                appendAscii(out, b);
                i++;
                continue;
            }
            int length = sequenceLength(b);
            int codePoint = length == 0 ? -1 : decode(bytes, i, length);
            if (codePoint < 0) {
                out.append(String.format("\\x%02x", b));
                i++;
                continue;
            }
            if (isPrint(codePoint)) {
                out.appendCodePoint(codePoint);
            } else if (codePoint < 0x10000) {
                out.append(String.format("\\u%04x", codePoint));
            } else {
                out.append(String.format("\\U%08x", codePoint));
            }
            i += length;
        }
        return out.toString();
    }

    private static void appendAscii(StringBuilder out, int b) {
        switch (b) {
            case 0x07:
                out.append("\\a");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
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
            case 0x0b:
                out.append("\\v");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '"':
                out.append("\\\"");
                break;
            default:
                if (b < 0x20 || b == 0x7f) {
                    out.append(String.format("\\x%02x", b));
                } else {
                    out.append((char) b);
                }
        }
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xc2 && lead <= 0xdf) {
            return 2;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            return 3;
        }
        if (lead >= 0xf0 && lead <= 0xf4) {
            return 4;
        }
        return 0;
    }

    /** The code point of a valid sequence at {@code start}, else -1 (as Go's utf8 decoder). */
    private static int decode(byte[] bytes, int start, int length) {
        if (start + length > bytes.length) {
            return -1;
        }
        int codePoint = bytes[start] & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int c = bytes[start + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            codePoint = (codePoint << 6) | (c & 0x3f);
        }
        int min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (codePoint < min
                || codePoint > 0x10ffff
                || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            return -1;
        }
        return codePoint;
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols. */
    private static boolean isPrint(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.UNASSIGNED:
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
