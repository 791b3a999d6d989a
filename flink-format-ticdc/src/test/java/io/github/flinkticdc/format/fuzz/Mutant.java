package io.github.flinkticdc.format.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One fuzzed input: the Kafka record key (Open Protocol only; for the simple protocol the schema
 * message decoded before the value; else null) and value, where it came from and which mutation
 * made it, so that a failure report can show and reproduce it.
 */
final class Mutant {

    private static final int FULL_BASE64_LIMIT = 1500;

    final long index;
    final String seedName;
    final String mutation;
    final byte[] key;
    final byte[] value;

    Mutant(long index, String seedName, String mutation, byte[] key, byte[] value) {
        this.index = index;
        this.seedName = seedName;
        this.mutation = mutation;
        this.key = key;
        this.value = value;
    }

    /** Index, origin, mutation and the bytes (base64, cut when long) for a failure report. */
    String describe() {
        StringBuilder s = new StringBuilder();
        s.append("mutant #")
                .append(index)
                .append(" of ")
                .append(seedName)
                .append(", mutation ")
                .append(mutation);
        if (key != null) {
            s.append("\n      key   ").append(excerpt(key));
        }
        s.append("\n      value ").append(excerpt(value));
        return s.toString();
    }

    static String excerpt(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder();
        s.append('(').append(bytes.length).append(" bytes) ");
        if (bytes.length <= FULL_BASE64_LIMIT) {
            s.append("base64 ").append(Base64.getEncoder().encodeToString(bytes));
        } else {
            byte[] head = java.util.Arrays.copyOf(bytes, FULL_BASE64_LIMIT);
            s.append("base64 of the first ")
                    .append(FULL_BASE64_LIMIT)
                    .append(" bytes ")
                    .append(Base64.getEncoder().encodeToString(head));
        }
        s.append("\n            text ").append(printable(bytes, 300));
        return s.toString();
    }

    /** The bytes as text with anything non-printable shown as {@code \xHH}. */
    static String printable(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        int n = Math.min(bytes.length, max);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > max) {
            s.append("…");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "mutant #" + index + " (" + mutation + ") " + printable(value, 80);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
