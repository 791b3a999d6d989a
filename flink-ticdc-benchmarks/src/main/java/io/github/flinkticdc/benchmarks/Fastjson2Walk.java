package io.github.flinkticdc.benchmarks;

import com.alibaba.fastjson2.JSONReader;

import java.util.List;

/** fastjson2's streaming {@code JSONReader} over UTF-8 bytes; see {@link JsonWalk}. */
final class Fastjson2Walk extends JsonWalk {

    Fastjson2Walk(List<byte[]> messages) {
        super(messages);
    }

    @Override
    long walk(byte[] message) {
        try (JSONReader reader = JSONReader.of(message)) {
            return value(reader);
        }
    }

    private static long value(JSONReader r) {
        long seen = 0;
        if (r.nextIfObjectStart()) {
            while (!r.nextIfObjectEnd()) {
                seen += r.readFieldName().length();
                seen += value(r);
            }
        } else if (r.nextIfArrayStart()) {
            while (!r.nextIfArrayEnd()) {
                seen += value(r);
            }
        } else if (r.isString()) {
            seen += r.readString().length();
        } else {
            r.skipValue();
        }
        return seen;
    }
}
