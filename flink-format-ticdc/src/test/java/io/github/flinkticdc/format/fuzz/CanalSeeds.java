package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.DecoderHarness;
import io.github.flinkticdc.format.testutil.NaturalTypes;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The canal-json messages mutants are made from, each with the decoder configuration that reads it:
 * every real sample twice (columns as STRING/BYTES, and with the natural Flink type of their {@code
 * mysqlType}, all metadata), and generated messages over the {@link TypedTable} (commit-ts
 * metadata, {@code .*} table filters, every compression). Mutant {@code i} depends only on the seed
 * and {@code i}: indices below {@link #truncationCount()} cut a small sample at each position, the
 * others apply random mutations.
 */
final class CanalSeeds {

    static final int GENERATED = 300;
    private static final int TRUNCATE_EVERY_POSITION_UP_TO = 4096;

    /** One decoder configuration. */
    static final class Config {
        final RowType rowType;
        final List<TiCdcMetadata> metadata;
        final Compression compression;
        final boolean wildcardFilters;

        Config(
                RowType rowType,
                List<TiCdcMetadata> metadata,
                Compression compression,
                boolean wildcardFilters) {
            this.rowType = rowType;
            this.metadata = metadata;
            this.compression = compression;
            this.wildcardFilters = wildcardFilters;
        }

        DecodeContract.CanalPair open() throws Exception {
            return new DecodeContract.CanalPair(
                    new DecoderHarness(build(false)), new DecoderHarness(build(true)));
        }

        private TiCdcCanalDeserializationSchema build(boolean ignoreParseErrors) {
            TiCdcCanalDeserializationSchema.Builder b =
                    TiCdcCanalDeserializationSchema.builder(rowType)
                            .setReadableMetadata(metadata)
                            .setCompression(compression)
                            .setTimestampZone(TypedTable.TIMESTAMP_ZONE)
                            .setIgnoreParseErrors(ignoreParseErrors);
            if (wildcardFilters) {
                b.setDatabaseInclude(".*").setTableInclude(".*");
            }
            return b.build();
        }
    }

    /** One seed message: plain JSON, its spans, and which configuration reads it. */
    static final class Seed {
        final String name;
        final byte[] json;
        final JsonSpans spans;
        final int config;

        /** The generated event behind it, or null for a sample. */
        final RandomEvents.CanalMessage generated;

        Seed(String name, byte[] json, int config, RandomEvents.CanalMessage generated) {
            this.name = name;
            this.json = json;
            this.spans = JsonSpans.of(json);
            this.config = config;
            this.generated = generated;
        }
    }

    /** A mutant and the seed it came from. */
    static final class Item {
        final Mutant mutant;
        final Seed seed;

        /** Whether the value is the seed's plain JSON mutated (not compressed bytes mutated). */
        final boolean plainMutation;

        Item(Mutant mutant, Seed seed, boolean plainMutation) {
            this.mutant = mutant;
            this.seed = seed;
            this.plainMutation = plainMutation;
        }
    }

    final TypedTable table = TypedTable.canal();
    final List<Config> configs = new ArrayList<>();
    final List<Seed> samples = new ArrayList<>();
    final List<Seed> generated = new ArrayList<>();
    private final List<long[]> truncations = new ArrayList<>(); // {sample, position}
    private final FuzzSettings settings;

    CanalSeeds(FuzzSettings settings) {
        this.settings = settings;
        List<TiCdcMetadata> all = new ArrayList<>(TiCdcMetadata.CANAL_JSON);
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode sample : TiCdcSampleFiles.expectations("canal-json")) {
            String file = sample.get("file").asText();
            byte[] json = TiCdcSampleFiles.bytes(file);
            RowType asText =
                    SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), true);
            samples.add(new Seed(file + " (text columns)", json, add(asText, all), null));
            RowType natural = naturalTypes(mapper, json, asText);
            samples.add(new Seed(file + " (natural types)", json, add(natural, all), null));
        }
        for (int i = 0; i < samples.size(); i += 2) {
            Seed s = samples.get(i);
            if (s.json.length <= TRUNCATE_EVERY_POSITION_UP_TO) {
                for (int at = 0; at < s.json.length; at++) {
                    truncations.add(new long[] {i, at});
                }
            }
        }
        int[] typedConfig = new int[Compression.values().length];
        for (Compression c : Compression.values()) {
            typedConfig[c.ordinal()] =
                    add(table.rowType, List.of(TiCdcMetadata.COMMIT_TS), c, true);
        }
        for (int i = 0; i < GENERATED; i++) {
            SplittableRandom r = settings.random("canal-seed", i);
            Compression c = RandomEvents.randomCompression(r);
            RandomEvents.CanalMessage m = RandomEvents.canal(table, r, c);
            generated.add(new Seed(m.description + " #" + i, m.json, typedConfig[c.ordinal()], m));
        }
    }

    long truncationCount() {
        return truncations.size();
    }

    Item mutant(long index) {
        if (index < truncations.size()) {
            long[] t = truncations.get((int) index);
            Seed s = samples.get((int) t[0]);
            Mutated m = ByteMutations.truncate(s.json, (int) t[1]);
            return new Item(new Mutant(index, s.name, m.name, null, m.bytes), s, true);
        }
        SplittableRandom r = settings.random("canal", index);
        Seed seed =
                r.nextBoolean()
                        ? samples.get(r.nextInt(samples.size()))
                        : generated.get(r.nextInt(generated.size()));
        Compression compression = configs.get(seed.config).compression;
        if (compression != Compression.NONE && r.nextInt(4) == 0) {
            Mutated m = ByteMutations.apply(Compressors.compress(compression, seed.json), r);
            return new Item(
                    new Mutant(index, seed.name, "compressed bytes: " + m.name, null, m.bytes),
                    seed,
                    false);
        }
        Mutated m;
        int how = r.nextInt(10);
        if (how < 6) {
            m = JsonMutations.apply(seed.json, seed.spans, r);
        } else if (how < 9) {
            m = ByteMutations.apply(seed.json, r);
            for (int extra = r.nextInt(3); extra > 0; extra--) {
                Mutated more = ByteMutations.apply(m.bytes, r);
                m = new Mutated(m.name + " + " + more.name, more.bytes);
            }
        } else {
            Mutated json = JsonMutations.apply(seed.json, seed.spans, r);
            Mutated bytes = ByteMutations.apply(json.bytes, r);
            m = new Mutated(json.name + " + " + bytes.name, bytes.bytes);
        }
        String name = compression == Compression.NONE ? m.name : m.name + ", then " + compression;
        return new Item(
                new Mutant(
                        index, seed.name, name, null, Compressors.compress(compression, m.bytes)),
                seed,
                true);
    }

    private int add(RowType rowType, List<TiCdcMetadata> metadata) {
        return add(rowType, metadata, Compression.NONE, false);
    }

    private int add(
            RowType rowType,
            List<TiCdcMetadata> metadata,
            Compression compression,
            boolean filters) {
        configs.add(new Config(rowType, metadata, compression, filters));
        return configs.size() - 1;
    }

    /** The sample's columns typed as a user would declare them, by their {@code mysqlType}. */
    private static RowType naturalTypes(ObjectMapper mapper, byte[] json, RowType fallback) {
        try {
            JsonNode types = mapper.readTree(json).path("mysqlType");
            if (!types.isObject() || types.size() == 0) {
                return fallback;
            }
            List<DataTypes.Field> fields = new ArrayList<>();
            types.fields()
                    .forEachRemaining(
                            e -> {
                                org.apache.flink.table.types.DataType type;
                                try {
                                    type = NaturalTypes.of(e.getValue().asText());
                                } catch (IllegalArgumentException unknown) {
                                    type = DataTypes.STRING();
                                }
                                fields.add(DataTypes.FIELD(e.getKey(), type));
                            });
            return (RowType) DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).getLogicalType();
        } catch (java.io.IOException e) {
            return fallback;
        }
    }
}
