package io.github.flinkticdc.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * The ceiling for a JSON decoder: Jackson's streaming parser (the jackson-core our format parses
 * with) walks every token of every message and materialises the characters of every field name and
 * string value, and nothing is converted into rows. No canal-json decoder built on this parser can
 * be faster, so a decoder's ratio to this says how much of its time goes to anything but reading
 * JSON.
 *
 * <p>Numbers are passed as their token only: reading them is conversion, which the decoders do for
 * the few numbers a canal-json message has ({@code es}, {@code ts}, {@code commitTs}) and this does
 * not.
 */
final class TokenWalk implements BenchDecoder {

    private final JsonFactory factory = new JsonFactory();
    private final List<byte[]> messages;

    TokenWalk(List<byte[]> messages) {
        this.messages = messages;
    }

    @Override
    public void decodeAll(BlackholeCollector out) throws IOException {
        for (byte[] message : messages) {
            out.blackhole().consume(walk(message));
        }
    }

    /** Returns something of every token read, so that none of the reading is optimised away. */
    private long walk(byte[] message) throws IOException {
        long seen = 0;
        try (JsonParser p = factory.createParser(message)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    seen += p.currentName().length();
                } else if (token == JsonToken.VALUE_STRING) {
                    p.getTextCharacters();
                    seen += p.getTextLength();
                } else {
                    seen += token.ordinal();
                }
            }
        }
        return seen;
    }
}
