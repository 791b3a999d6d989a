package io.github.flinkticdc.format.common;

import java.nio.charset.StandardCharsets;

/** A short, printable excerpt of a message for error messages. */
public final class MessageExcerpt {

    private static final int MAX_CHARS = 300;
    private static final int HEX_BYTES = 48;

    private MessageExcerpt() {}

    /** The message's start as text, or as hex when it does not look like text. */
    public static String of(byte[] message) {
        if (message == null) {
            return "null";
        }
        if (!looksLikeText(message)) {
            int n = Math.min(HEX_BYTES, message.length);
            StringBuilder hex = new StringBuilder("hex ");
            for (int i = 0; i < n; i++) {
                hex.append(String.format("%02x", message[i] & 0xFF));
            }
            return hex.append(n < message.length ? "... (" + message.length + " bytes)" : "")
                    .toString();
        }
        String text =
                new String(
                        message,
                        0,
                        Math.min(message.length, MAX_CHARS * 4),
                        StandardCharsets.UTF_8);
        return truncate(text, MAX_CHARS)
                + (text.length() > MAX_CHARS || message.length > MAX_CHARS * 4
                        ? " (" + message.length + " bytes)"
                        : "");
    }

    /** The text cut to {@code max} chars, control characters escaped. */
    public static String truncate(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
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

    private static boolean looksLikeText(byte[] message) {
        int n = Math.min(64, message.length);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = message[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                control++;
            }
        }
        return control * 10 <= n;
    }
}
