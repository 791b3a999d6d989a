package io.github.flinkticdc.benchmarks;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.NumberConverter;

import java.io.IOException;
import java.util.List;

/** dsl-json's {@code JsonReader}, one reused for every message; see {@link JsonWalk}. */
final class DslJsonWalk extends JsonWalk {

    private final JsonReader<Object> reader = new DslJson<>().newReader();

    DslJsonWalk(List<byte[]> messages) {
        super(messages);
    }

    @Override
    long walk(byte[] message) throws IOException {
        reader.process(message, message.length);
        reader.getNextToken();
        return value(reader);
    }

    /** Reads the value whose first byte the reader stands on. */
    private static long value(JsonReader<Object> r) throws IOException {
        switch (r.last()) {
            case '{':
                return object(r);
            case '[':
                return array(r);
            case '"':
                return r.readString().length();
            case 'n':
                r.wasNull();
                return 0;
            case 't':
                r.wasTrue();
                return 0;
            case 'f':
                r.wasFalse();
                return 0;
            default:
                NumberConverter.deserializeDecimal(r);
                return 0;
        }
    }

    private static long object(JsonReader<Object> r) throws IOException {
        long seen = 0;
        if (r.getNextToken() == '}') {
            return seen;
        }
        while (true) {
            seen += r.readKey().length();
            seen += value(r);
            if (r.getNextToken() != ',') {
                return seen;
            }
            r.getNextToken();
        }
    }

    private static long array(JsonReader<Object> r) throws IOException {
        long seen = 0;
        if (r.getNextToken() == ']') {
            return seen;
        }
        while (true) {
            seen += value(r);
            if (r.getNextToken() != ',') {
                return seen;
            }
            r.getNextToken();
        }
    }
}
