package io.github.flinkticdc.format.protocol.simple;

/**
 * Where a simple-protocol message's {@code data} or {@code old} object lies in the message, and
 * whether it was read; one per field, reused for every message.
 */
final class SimpleImage {

    final String field;
    boolean present;
    boolean read;
    int start;
    int end;

    SimpleImage(String field) {
        this.field = field;
    }

    void reset() {
        present = false;
        read = false;
    }
}
