package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ValueText;

import java.util.List;

/**
 * The format's own {@code JsonScanner}, which {@code ticdc-canal} reads with: names and strings as
 * ranges of the bytes, whose characters are counted from the UTF-8 without decoding it, as the
 * decoders hand text on (a string with escapes is decoded). See {@link JsonWalk}.
 */
final class ScannerWalk extends JsonWalk {

    private final JsonScanner scanner = new JsonScanner();
    private final ValueText text = new ValueText();

    ScannerWalk(List<byte[]> messages) {
        super(messages);
    }

    @Override
    long walk(byte[] message) throws MalformedMessageException {
        scanner.reset(message, 0, message.length);
        long seen = 0;
        for (JsonScanner.Token t = scanner.next(); t != null; t = scanner.next()) {
            if (t == JsonScanner.Token.FIELD_NAME || t == JsonScanner.Token.STRING) {
                seen += characters();
            }
        }
        return seen;
    }

    /** The UTF-16 length of the current string: what the other walks count. */
    private int characters() {
        if (scanner.isAscii()) {
            return scanner.textEnd() - scanner.textStart();
        }
        if (scanner.isEscaped()) {
            return scanner.text(text).length();
        }
        byte[] bytes = scanner.bytes();
        int chars = 0;
        for (int i = scanner.textStart(); i < scanner.textEnd(); i++) {
            int b = bytes[i] & 0xFF;
            // A lead byte starts a character; four-byte ones take two UTF-16 units.
            chars += (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1;
        }
        return chars;
    }
}
