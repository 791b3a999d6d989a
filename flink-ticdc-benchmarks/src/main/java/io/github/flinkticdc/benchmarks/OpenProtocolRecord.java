package io.github.flinkticdc.benchmarks;

/** One Kafka record of TiCDC's Open Protocol: a key and a value that batch {@code events}. */
final class OpenProtocolRecord {

    final byte[] key;
    final byte[] value;
    final int events;

    OpenProtocolRecord(byte[] key, byte[] value, int events) {
        this.key = key;
        this.value = value;
        this.events = events;
    }

    int length() {
        return key.length + value.length;
    }
}
