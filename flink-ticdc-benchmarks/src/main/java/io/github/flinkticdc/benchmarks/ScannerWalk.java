package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ValueText;

import java.util.List;

/**
 * The format's own {@code JsonScanner}, which {@code ticdc-canal} reads with: names and strings as
 * {@code ValueText} over the bytes, each one's characters counted. See {@link JsonWalk}.
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
                seen += scanner.text(text).length();
            }
        }
        return seen;
    }
}
