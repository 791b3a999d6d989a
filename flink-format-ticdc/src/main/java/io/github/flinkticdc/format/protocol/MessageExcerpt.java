package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;

/** A short, printable excerpt of a message for error messages. */
public final class MessageExcerpt {

    private static final int MAX_CHARS = 300;
    private static final int HEX_BYTES = 48;

    private MessageExcerpt() {}

    /** The message's start as text, or as hex when it does not look like text. */
    public static String of(byte[] message) {
        return message == null ? "null" : of(message, 0, message.length);
    }

    /** The start of the {@code length} bytes at {@code offset}, as text or as hex. */
    public static String of(byte[] bytes, int offset, int length) {
        if (!looksLikeText(bytes, offset, length)) {
            return hex(bytes, offset, length);
        }
        int textBytes = Math.min(length, MAX_CHARS * 4);
        String text = new String(bytes, offset, textBytes, StandardCharsets.UTF_8);
        return truncate(text, MAX_CHARS)
                + (text.length() > MAX_CHARS || length > textBytes
                        ? " (" + length + " bytes)"
                        : "");
    }

    /** The first bytes in hex, with the total length when they are cut. */
    public static String hex(byte[] bytes, int offset, int length) {
        int n = Math.min(HEX_BYTES, length);
        StringBuilder hex = new StringBuilder("hex ");
        for (int i = offset; i < offset + n; i++) {
            hex.append(Character.forDigit(bytes[i] >> 4 & 0xF, 16))
                    .append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return hex.append(n < length ? "... (" + length + " bytes)" : "").toString();
    }

    /** The text cut to {@code max} chars, control characters and lone surrogates escaped. */
    public static String truncate(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !pairedAt(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static boolean looksLikeText(byte[] bytes, int offset, int length) {
        int n = Math.min(64, length);
        int control = 0;
        for (int i = offset; i < offset + n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                control++;
            }
        }
        return control * 10 <= n;
    }
}
