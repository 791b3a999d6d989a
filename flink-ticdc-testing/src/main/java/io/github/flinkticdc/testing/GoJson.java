package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON documents as TiCDC's Go encoder writes them (its escaping), compressed as TiCDC's {@code
 * large-message-handle-compression} says: the messages of the canal-json, simple and debezium
 * writers.
 */
final class GoJson {

    private static final JsonFactory JSON = new JsonFactory();

    private GoJson() {}

    /** Writes one document with Go's escaping, then compresses it. */
    static byte[] write(Body body, PayloadCompression compression) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            try (JsonGenerator g = JSON.createGenerator(bytes)) {
                g.setCharacterEscapes(GoJsonEscapes.INSTANCE);
                body.write(g);
            }
            return PayloadCompressor.compress(compression, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a document holds, written with a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    /**
     * The escaping of Go's JSON encoder that TiCDC uses: {@code \n \r \t} short, other control
     * characters as lower-case hex escapes, and {@code < > &} and U+2028/U+2029 escaped.
     */
    private static final class GoJsonEscapes extends CharacterEscapes {
        static final GoJsonEscapes INSTANCE = new GoJsonEscapes();
        private static final long serialVersionUID = 1L;

        private final int[] asciiEscapes;

        private GoJsonEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                asciiEscapes[c] = ESCAPE_CUSTOM;
            }
            asciiEscapes['<'] = ESCAPE_CUSTOM;
            asciiEscapes['>'] = ESCAPE_CUSTOM;
            asciiEscapes['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            switch (ch) {
                case '\n':
                    return new SerializedString("\\n");
                case '\r':
                    return new SerializedString("\\r");
                case '\t':
                    return new SerializedString("\\t");
                default:
                    if (ch < 0x20
                            || ch == '<'
                            || ch == '>'
                            || ch == '&'
                            || ch == 0x2028
                            || ch == 0x2029) {
                        return new SerializedString(String.format("\\u%04x", ch));
                    }
                    return null;
            }
        }
    }
}
