package io.github.flinkticdc.format.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds Open Protocol record keys and values (spec §3.1) for tests. */
public final class FramedRecord {

    private FramedRecord() {}

    /** A record key: version 1, then each event key JSON with its length. */
    public static byte[] keys(String... keyJsons) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(1));
        for (String json : keyJsons) {
            out.writeBytes(entry(utf8(json)));
        }
        return out.toByteArray();
    }

    /** A record value: each event value JSON with its length; null stands for an empty entry. */
    public static byte[] values(String... valueJsons) {
        byte[][] entries = new byte[valueJsons.length][];
        for (int i = 0; i < valueJsons.length; i++) {
            entries[i] = valueJsons[i] == null ? new byte[0] : utf8(valueJsons[i]);
        }
        return valueBytes(entries);
    }

    /** A record value of raw (e.g. compressed) event values. */
    public static byte[] valueBytes(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] bytes : entries) {
            out.writeBytes(entry(bytes));
        }
        return out.toByteArray();
    }

    public static byte[] entry(byte[] bytes) {
        return concat(word(bytes.length), bytes);
    }

    /** An 8-byte big-endian word; negative numbers stand for unsigned values above 2^63 - 1. */
    public static byte[] word(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
