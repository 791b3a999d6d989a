package io.github.flinkticdc.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * The reference the issue names: jackson-core's streaming parser (what the format read with before
 * its own scanner), with a factory made once. See {@link JsonWalk}.
 */
final class TokenWalk extends JsonWalk {

    private final JsonFactory factory = new JsonFactory();

    TokenWalk(List<byte[]> messages) {
        super(messages);
    }

    @Override
    long walk(byte[] message) throws IOException {
        long seen = 0;
        try (JsonParser p = factory.createParser(message)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    seen += p.currentName().length();
                } else if (token == JsonToken.VALUE_STRING) {
                    p.getTextCharacters();
                    seen += p.getTextLength();
                }
            }
        }
        return seen;
    }
}
