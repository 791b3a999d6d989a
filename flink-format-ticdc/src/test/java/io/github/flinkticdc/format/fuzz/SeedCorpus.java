package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.Compressors;
import io.github.flinkticdc.format.testutil.NaturalTypes;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the seed sets of the protocols share: the decoder configurations, the real samples and the
 * generated seeds over a {@link TypedTable}, and the numbering of mutants (the truncations of small
 * samples first, then {@code fuzz.messages} random ones), so that mutant {@code i} depends only on
 * the seed and {@code i}.
 *
 * @param <S> the protocol's seed
 */
abstract class SeedCorpus<S extends SeedCorpus.Seed> {

    /** Samples up to this size are also cut at every position. */
    static final int TRUNCATE_EVERY_POSITION_UP_TO = 4096;

    /** What every protocol's seed has: a name for reports and the configuration that reads it. */
    abstract static class Seed {
        final String name;

        /** The index of the configuration in {@link SeedCorpus#configs}. */
        final int config;

        Seed(String name, int config) {
            this.name = name;
            this.config = config;
        }
    }

    /** A mutant and the seed it came from. */
    static final class Item<S> {
        final Mutant mutant;
        final S seed;

        Item(Mutant mutant, S seed) {
            this.mutant = mutant;
            this.seed = seed;
        }
    }

    /** One structure-aware mutation of a plain JSON message. */
    interface JsonMutator {
        Mutated apply(byte[] json, JsonSpans spans, SplittableRandom r);
    }

    /** Makes one generated seed from its random stream, compression and configuration. */
    interface Generator<S> {
        S seed(int i, SplittableRandom r, Compression compression, int config);
    }

    final TypedTable table;
    final List<DecoderConfig> configs = new ArrayList<>();
    final List<S> samples = new ArrayList<>();
    final List<S> generated = new ArrayList<>();
    final FuzzSettings settings;

    /** The truncation mutants, in the layout the subclass reads them in. */
    final List<long[]> truncations = new ArrayList<>();

    SeedCorpus(FuzzSettings settings, TypedTable table) {
        this.settings = settings;
        this.table = table;
    }

    /** Truncations plus {@code fuzz.messages} random mutants. */
    long mutantCount() {
        return truncations.size() + settings.messages;
    }

    abstract Item<S> mutant(long index);

    /**
     * @return the configuration's index, as seeds refer to it
     */
    int addConfig(DecoderConfig config) {
        configs.add(config);
        return configs.size() - 1;
    }

    /**
     * Mutant {@code index} of a one-message JSON protocol: a cut of a sample ({@link #truncations}
     * holds {sample, position}), else a {@link #jsonMutant} of a random seed.
     *
     * @param stream the name of the random stream of the protocol's mutants
     */
    Item<S> jsonItem(
            long index, String stream, Function<S, byte[]> json, Function<S, JsonSpans> spans) {
        if (index < truncations.size()) {
            long[] t = truncations.get((int) index);
            S s = samples.get((int) t[0]);
            Mutated m = ByteMutations.truncate(json.apply(s), (int) t[1]);
            return new Item<>(new Mutant(index, s.name, m.name, null, m.bytes), s);
        }
        SplittableRandom r = settings.random(stream, index);
        S seed = randomSeed(r);
        Compression compression = configs.get(seed.config).compression;
        return new Item<>(
                jsonMutant(index, seed.name, json.apply(seed), spans.apply(seed), compression, r),
                seed);
    }

    /**
     * A random mutant of a one-message JSON protocol's seed (canal-json, debezium): JSON-aware
     * mutations, raw byte mutations or both, compressed afterwards as the seed's configuration
     * reads it; now and then the compressed bytes themselves mutated.
     */
    static Mutant jsonMutant(
            long index,
            String seedName,
            byte[] json,
            JsonSpans spans,
            Compression compression,
            SplittableRandom r) {
        return jsonMutant(index, seedName, null, json, spans, compression, JsonMutations::apply, r);
    }

    /**
     * A {@link #jsonMutant} whose JSON-aware mutations are {@code mutator}'s, with {@code key} as
     * the mutant's key.
     */
    static Mutant jsonMutant(
            long index,
            String seedName,
            byte[] key,
            byte[] json,
            JsonSpans spans,
            Compression compression,
            JsonMutator mutator,
            SplittableRandom r) {
        if (compression != Compression.NONE && r.nextInt(4) == 0) {
            Mutated m = ByteMutations.apply(Compressors.compress(compression, json), r);
            return new Mutant(index, seedName, "compressed bytes: " + m.name, key, m.bytes);
        }
        Mutated m;
        int how = r.nextInt(10);
        if (how < 6) {
            m = mutator.apply(json, spans, r);
        } else if (how < 9) {
            m = ByteMutations.apply(json, r);
            for (int extra = r.nextInt(3); extra > 0; extra--) {
                Mutated more = ByteMutations.apply(m.bytes, r);
                m = new Mutated(m.name + " + " + more.name, more.bytes);
            }
        } else {
            Mutated mutated = mutator.apply(json, spans, r);
            Mutated bytes = ByteMutations.apply(mutated.bytes, r);
            m = new Mutated(mutated.name + " + " + bytes.name, bytes.bytes);
        }
        String name = compression == Compression.NONE ? m.name : m.name + ", then " + compression;
        return new Mutant(index, seedName, name, key, Compressors.compress(compression, m.bytes));
    }

    /**
     * Cuts every {@code step}-th sample, from the first, at each position when it is small: {@link
     * #truncations} as {sample, position}.
     */
    void truncateSamples(int step, ToIntFunction<S> length) {
        for (int i = 0; i < samples.size(); i += step) {
            int n = length.applyAsInt(samples.get(i));
            if (n <= TRUNCATE_EVERY_POSITION_UP_TO) {
                for (int at = 0; at < n; at++) {
                    truncations.add(new long[] {i, at});
                }
            }
        }
    }

    /**
     * A sample's columns typed as a user would declare them, by their TiDB type; a type {@link
     * NaturalTypes} does not know is read as STRING.
     *
     * @param mysqlTypes the TiDB type of each column, in the row's order
     */
    static RowType naturalTypes(Map<String, String> mysqlTypes) {
        List<DataTypes.Field> fields = new ArrayList<>();
        mysqlTypes.forEach(
                (name, mysqlType) -> {
                    DataType type;
                    try {
                        type = NaturalTypes.of(mysqlType);
                    } catch (IllegalArgumentException unknown) {
                        type = DataTypes.STRING();
                    }
                    fields.add(DataTypes.FIELD(name, type));
                });
        return (RowType) DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).getLogicalType();
    }

    /** A sample or a generated seed, each half of the time. */
    S randomSeed(SplittableRandom r) {
        return r.nextBoolean()
                ? samples.get(r.nextInt(samples.size()))
                : generated.get(r.nextInt(generated.size()));
    }

    /**
     * Adds a commit-ts configuration of the typed table per compression and {@code count} seeds
     * generated from the random stream {@code stream}, each read by its compression's
     * configuration.
     */
    void generate(String stream, int count, boolean wildcardFilters, Generator<S> generator) {
        int[] typedConfig = new int[Compression.values().length];
        for (Compression c : Compression.values()) {
            typedConfig[c.ordinal()] =
                    addConfig(
                            new DecoderConfig(
                                    table.rowType,
                                    List.of(TiCdcMetadata.COMMIT_TS),
                                    c,
                                    wildcardFilters));
        }
        for (int i = 0; i < count; i++) {
            SplittableRandom r = settings.random(stream, i);
            Compression c = RandomEvents.randomCompression(r);
            generated.add(generator.seed(i, r, c, typedConfig[c.ordinal()]));
        }
    }
}
