package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.testing.DecoderHarness;

/**
 * One Kafka record as {@link TiCdcOpenProtocolDeserializer} reads it: key, value and, for its
 * errors, where it came from. The format module has no Kafka record type, so this is the input of
 * the deserializer's {@link DecoderHarness}.
 */
public final class OpenProtocolRecord {

    private final byte[] key;
    private final byte[] value;
    private final String origin;

    private OpenProtocolRecord(byte[] key, byte[] value, String origin) {
        this.key = key;
        this.value = value;
        this.origin = origin;
    }

    /** A record whose errors name no origin. */
    public static OpenProtocolRecord record(byte[] key, byte[] value) {
        return new OpenProtocolRecord(key, value, null);
    }

    /**
     * @param origin how errors name the record, e.g. {@code topic t partition 0 offset 9}
     */
    public static OpenProtocolRecord record(byte[] key, byte[] value, String origin) {
        return new OpenProtocolRecord(key, value, origin);
    }

    /** Opens {@code deserializer} as a Flink source does, to decode such records. */
    public static DecoderHarness<OpenProtocolRecord> harness(
            TiCdcOpenProtocolDeserializer deserializer) throws Exception {
        return new DecoderHarness<>(
                deserializer::open,
                (record, out) ->
                        deserializer.deserialize(
                                record.key,
                                record.value,
                                out,
                                record.origin == null ? null : () -> record.origin));
    }
}
