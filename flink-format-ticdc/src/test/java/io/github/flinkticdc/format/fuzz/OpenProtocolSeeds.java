package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.Compressors;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Open Protocol records mutants are made from (every real sample, the legacy Java example
 * included, and generated batches over the {@link TypedTable} in every compression), split into
 * their event keys and values, and the mutations of a record: framing (version word, 8-byte lengths
 * huge, negative or off by one, key and value counts that disagree, words cut short, missing key or
 * value), one event's key or value JSON mutated and the record re-framed with correct lengths so
 * that the change reaches the parser, and raw byte mutations. The first mutants cut a sample's key
 * or value at each position ({@link #truncations}: {sample, key ? 1 : 0, position}).
 */
final class OpenProtocolSeeds extends SeedCorpus<OpenProtocolSeeds.Seed> {

    static final int GENERATED = 200;
    private static final List<TiCdcMetadata> SAMPLE_METADATA =
            List.of(
                    TiCdcMetadata.DATABASE,
                    TiCdcMetadata.TABLE,
                    TiCdcMetadata.EVENT_TYPE,
                    TiCdcMetadata.COMMIT_TS,
                    TiCdcMetadata.COMMIT_TIME,
                    TiCdcMetadata.TABLE_PARTITION_ID);

    /** One record: its event keys and plain event values, and which configuration reads it. */
    static final class Seed extends SeedCorpus.Seed {
        final List<byte[]> keys;
        final List<byte[]> values;
        final Compression compression;
        final byte[] framedKey;
        final byte[] framedValue;

        /** The event values as framed (compressed where configured). */
        final List<byte[]> wireValues;

        Seed(
                String name,
                List<byte[]> keys,
                List<byte[]> values,
                Compression compression,
                int config) {
            super(name, config);
            this.keys = keys;
            this.values = values;
            this.compression = compression;
            this.framedKey = OpenProtocolWriter.recordKey(keys);
            this.wireValues = wireValues(values, compression);
            this.framedValue = OpenProtocolWriter.recordValue(wireValues);
        }
    }

    OpenProtocolSeeds(FuzzSettings settings) {
        super(settings, TypedTable.openProtocol());
        for (JsonNode sample : TiCdcSampleFiles.expectations("open-protocol")) {
            String keyFile = sample.get("files").get("key").asText();
            byte[] key = TiCdcSampleFiles.bytes(keyFile);
            byte[] value = TiCdcSampleFiles.bytes(sample.get("files").get("value").asText());
            List<byte[]> keys = keyEntries(key);
            List<byte[]> values = keys == null ? null : valueEntries(value, keys.size());
            if (values == null) {
                throw new IllegalStateException("Sample " + keyFile + " is not framed as §3.1");
            }
            int config =
                    addConfig(
                            new DecoderConfig(
                                    SampleColumns.of(
                                            SampleColumns.expectedRows(sample.get("expect")), true),
                                    SAMPLE_METADATA,
                                    Compression.NONE,
                                    false));
            samples.add(new Seed(keyFile, keys, values, Compression.NONE, config));
        }
        for (int i = 0; i < samples.size(); i++) {
            Seed s = samples.get(i);
            if (s.framedKey.length + s.framedValue.length <= TRUNCATE_EVERY_POSITION_UP_TO) {
                for (int at = 0; at < s.framedKey.length; at++) {
                    truncations.add(new long[] {i, 1, at});
                }
                for (int at = 0; at < s.framedValue.length; at++) {
                    truncations.add(new long[] {i, 0, at});
                }
            }
        }
        generate("open-seed", GENERATED, false, this::generatedSeed);
    }

    private Seed generatedSeed(int i, SplittableRandom r, Compression c, int config) {
        RandomEvents.OpenRecord record = RandomEvents.open(table, r, c);
        return new Seed(record.description + " #" + i, record.keys, record.values, c, config);
    }

    @Override
    Item<Seed> mutant(long index) {
        if (index < truncations.size()) {
            long[] t = truncations.get((int) index);
            Seed s = samples.get((int) t[0]);
            int at = (int) t[2];
            Mutant m =
                    t[1] == 1
                            ? new Mutant(
                                    index,
                                    s.name,
                                    "truncate key@" + at,
                                    cut(s.framedKey, at),
                                    s.framedValue)
                            : new Mutant(
                                    index,
                                    s.name,
                                    "truncate value@" + at,
                                    s.framedKey,
                                    cut(s.framedValue, at));
            return new Item<>(m, s);
        }
        SplittableRandom r = settings.random("open-protocol", index);
        Seed seed = randomSeed(r);
        int how = seed.keys.isEmpty() ? 19 : r.nextInt(20);
        Mutant m;
        if (how < 6) {
            m = framing(index, seed, r);
        } else if (how < 15) {
            m = eventJson(index, seed, r);
        } else {
            boolean key = r.nextInt(3) == 0;
            Mutated b = ByteMutations.apply(key ? seed.framedKey : seed.framedValue, r);
            m =
                    key
                            ? new Mutant(
                                    index,
                                    seed.name,
                                    "key bytes: " + b.name,
                                    b.bytes,
                                    seed.framedValue)
                            : new Mutant(
                                    index,
                                    seed.name,
                                    "value bytes: " + b.name,
                                    seed.framedKey,
                                    b.bytes);
        }
        return new Item<>(m, seed);
    }

    /** One event's key or value JSON mutated; the record framed again with correct lengths. */
    private Mutant eventJson(long index, Seed seed, SplittableRandom r) {
        int event = r.nextInt(seed.keys.size());
        boolean key = seed.values.get(event).length == 0 || r.nextInt(3) == 0;
        List<byte[]> keys = new ArrayList<>(seed.keys);
        List<byte[]> values = new ArrayList<>(seed.wireValues);
        byte[] json = key ? keys.get(event) : seed.values.get(event);
        Mutated m =
                r.nextInt(5) == 0
                        ? ByteMutations.apply(json, r)
                        : JsonMutations.apply(json, JsonSpans.of(json), r);
        if (key) {
            keys.set(event, m.bytes);
        } else {
            values.set(event, wireValue(m.bytes, seed.compression));
        }
        return new Mutant(
                index,
                seed.name,
                "event " + event + (key ? " key: " : " value: ") + m.name + ", re-framed",
                OpenProtocolWriter.recordKey(keys),
                OpenProtocolWriter.recordValue(values));
    }

    private Mutant framing(long index, Seed seed, SplittableRandom r) {
        byte[] key = seed.framedKey;
        byte[] value = seed.framedValue;
        int kind = r.nextInt(6);
        if (seed.keys.isEmpty() && (kind == 2 || kind == 5)) {
            kind = 4; // an empty batch has no event to drop or replace
        }
        switch (kind) {
            case 0:
                {
                    long[] versions = {0, 2, -1, Long.MIN_VALUE, 1L << 32 | 1, 1L << 56, 256};
                    long v = versions[r.nextInt(versions.length)];
                    return new Mutant(
                            index, seed.name, "version word := " + v, setWord(key, 0, v), value);
                }
            case 1:
                {
                    boolean inKey = r.nextBoolean();
                    byte[] framed = inKey ? key : value;
                    List<Integer> offsets = wordOffsets(framed, inKey);
                    int at = offsets.get(r.nextInt(offsets.size()));
                    long len = ByteBuffer.wrap(framed, at, 8).getLong();
                    long[] lengths = {
                        Long.MAX_VALUE,
                        -1,
                        Long.MIN_VALUE,
                        Integer.MAX_VALUE,
                        Integer.MAX_VALUE + 1L,
                        (1L << 32) + len,
                        len + 1,
                        len - 1,
                        0,
                        2 * len + 8,
                        framed.length,
                        framed.length - at - 8 + 1,
                        Integer.MAX_VALUE - 8L
                    };
                    long n = lengths[r.nextInt(lengths.length)];
                    byte[] changed = setWord(framed, at, n);
                    String name =
                            (inKey ? "key" : "value")
                                    + " length@"
                                    + at
                                    + " := "
                                    + n
                                    + " (was "
                                    + len
                                    + ")";
                    return inKey
                            ? new Mutant(index, seed.name, name, changed, value)
                            : new Mutant(index, seed.name, name, key, changed);
                }
            case 2:
                {
                    List<byte[]> keys = new ArrayList<>(seed.keys);
                    List<byte[]> values = new ArrayList<>(seed.values);
                    String name;
                    switch (r.nextInt(4)) {
                        case 0:
                            keys.remove(keys.size() - 1);
                            name = "one key fewer than values";
                            break;
                        case 1:
                            values.remove(values.size() - 1);
                            name = "one value fewer than keys";
                            break;
                        case 2:
                            keys.add(keys.get(r.nextInt(keys.size())));
                            name = "one key more than values";
                            break;
                        default:
                            values.add(values.get(r.nextInt(values.size())));
                            name = "one value more than keys";
                    }
                    return new Mutant(
                            index,
                            seed.name,
                            name,
                            OpenProtocolWriter.recordKey(keys),
                            frameValues(values, seed.compression));
                }
            case 3:
                {
                    boolean inKey = r.nextBoolean();
                    byte[] framed = inKey ? key : value;
                    List<Integer> offsets = wordOffsets(framed, inKey);
                    int at = offsets.get(r.nextInt(offsets.size())) + 1 + r.nextInt(7);
                    at = Math.min(at, framed.length);
                    String name = (inKey ? "key" : "value") + " cut inside a word@" + at;
                    return inKey
                            ? new Mutant(index, seed.name, name, cut(framed, at), value)
                            : new Mutant(index, seed.name, name, key, cut(framed, at));
                }
            case 4:
                {
                    switch (r.nextInt(5)) {
                        case 0:
                            return new Mutant(index, seed.name, "null key", null, value);
                        case 1:
                            return new Mutant(index, seed.name, "null value", key, null);
                        case 2:
                            return new Mutant(index, seed.name, "empty key", new byte[0], value);
                        case 3:
                            return new Mutant(index, seed.name, "empty value", key, new byte[0]);
                        default:
                            return new Mutant(
                                    index,
                                    seed.name,
                                    "version only, value kept",
                                    Arrays.copyOf(key, 8),
                                    value);
                    }
                }
            default:
                {
                    // the value of another event in place of this one (another table, type)
                    List<byte[]> values = new ArrayList<>(seed.values);
                    Seed other = randomSeed(r);
                    int e = r.nextInt(values.size());
                    values.set(
                            e,
                            other.values.isEmpty()
                                    ? new byte[0]
                                    : other.values.get(r.nextInt(other.values.size())));
                    return new Mutant(
                            index,
                            seed.name,
                            "event " + e + " value taken from " + other.name,
                            key,
                            frameValues(values, seed.compression));
                }
        }
    }

    /** Offsets of the 8-byte words of a framed key (version included) or value. */
    private static List<Integer> wordOffsets(byte[] framed, boolean key) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        if (key) {
            offsets.add(0);
            at = 8;
        }
        while (at + 8 <= framed.length) {
            offsets.add(at);
            long len = ByteBuffer.wrap(framed, at, 8).getLong();
            if (len < 0 || len > framed.length) {
                break;
            }
            at += 8 + (int) len;
        }
        if (offsets.isEmpty()) {
            offsets.add(0);
        }
        return offsets;
    }

    private static byte[] setWord(byte[] framed, int at, long value) {
        byte[] out = Arrays.copyOf(framed, Math.max(framed.length, at + 8));
        ByteBuffer.wrap(out, at, 8).putLong(value);
        return out;
    }

    private static byte[] cut(byte[] bytes, int at) {
        return Arrays.copyOf(bytes, at);
    }

    static byte[] frameValues(List<byte[]> values, Compression compression) {
        return OpenProtocolWriter.recordValue(wireValues(values, compression));
    }

    /** Event values as a record carries them: compressed, except an empty one (a tombstone). */
    private static List<byte[]> wireValues(List<byte[]> values, Compression compression) {
        List<byte[]> wire = new ArrayList<>();
        for (byte[] v : values) {
            wire.add(wireValue(v, compression));
        }
        return wire;
    }

    private static byte[] wireValue(byte[] value, Compression compression) {
        return value.length == 0 ? value : Compressors.compress(compression, value);
    }

    /** The event keys of a record key (spec §3.1), or null if it is not framed that way. */
    static List<byte[]> keyEntries(byte[] key) {
        if (key == null || key.length < 8 || ByteBuffer.wrap(key, 0, 8).getLong() != 1) {
            return null;
        }
        return entries(key, 8, Integer.MAX_VALUE);
    }

    static List<byte[]> valueEntries(byte[] value, int count) {
        List<byte[]> entries = entries(value, 0, count);
        return entries == null || entries.size() != count ? null : entries;
    }

    private static List<byte[]> entries(byte[] framed, int from, int max) {
        List<byte[]> entries = new ArrayList<>();
        int at = from;
        while (at < framed.length && entries.size() < max) {
            if (at + 8 > framed.length) {
                return null;
            }
            long len = ByteBuffer.wrap(framed, at, 8).getLong();
            if (len < 0 || len > framed.length - at - 8) {
                return null;
            }
            entries.add(Arrays.copyOfRange(framed, at + 8, at + 8 + (int) len));
            at += 8 + (int) len;
        }
        return entries;
    }
}
