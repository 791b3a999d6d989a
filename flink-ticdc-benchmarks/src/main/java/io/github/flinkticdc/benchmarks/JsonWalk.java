package io.github.flinkticdc.benchmarks;

import java.io.IOException;
import java.util.List;

/**
 * A reference for the decoders: one JSON library's streaming reader walks every token of every
 * uncompressed canal-json message and materialises every field name and string value, without
 * making rows. A decoder built on that reader cannot be faster, so the walks say what a JSON
 * library alone costs, and which is fastest.
 *
 * <p>Each walk returns the characters of the names and strings it read, so that none of the reading
 * is optimised away, and so that the walks can be checked to read the same ({@link
 * #checkSameReading}). Numbers and literals are passed, not converted: reading them is conversion,
 * which the decoders do for the few numbers a canal-json message has.
 */
abstract class JsonWalk implements BenchDecoder {

    private final List<byte[]> messages;

    JsonWalk(List<byte[]> messages) {
        this.messages = messages;
    }

    @Override
    public final void decodeAll(BlackholeCollector out) throws IOException {
        for (byte[] message : messages) {
            out.blackhole().consume(walk(message));
        }
    }

    /** The characters of the field names and strings of one message. */
    abstract long walk(byte[] message) throws IOException;

    /** Fails unless {@code other} reads the same characters as this from every message. */
    final void checkSameReading(JsonWalk other, String name) throws IOException {
        for (byte[] message : messages) {
            long ours = walk(message);
            long theirs = other.walk(message);
            if (ours != theirs) {
                throw new IllegalStateException(
                        String.format(
                                "The %s walk reads %d characters of names and strings, the"
                                        + " Jackson walk %d, in %s",
                                name, theirs, ours, new String(message, "UTF-8")));
            }
        }
    }
}
