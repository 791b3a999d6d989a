package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The canal-json messages mutants are made from, each with the decoder configuration that reads it:
 * every real sample twice (columns as STRING/BYTES, and with the natural Flink type of their {@code
 * mysqlType}, all metadata), and generated messages over the {@link TypedTable} (commit-ts
 * metadata, {@code .*} table filters, every compression). The first mutants cut a small sample at
 * each position ({@link #truncations}: {sample, position}), the others apply random mutations.
 */
final class CanalSeeds extends SeedCorpus<CanalSeeds.Seed> {

    static final int GENERATED = 300;

    /** One seed message: plain JSON, its spans, and which configuration reads it. */
    static final class Seed extends SeedCorpus.Seed {
        final byte[] json;
        final JsonSpans spans;

        /** The generated event behind it, or null for a sample. */
        final RandomEvents.CanalMessage generated;

        Seed(String name, byte[] json, int config, RandomEvents.CanalMessage generated) {
            super(name, config);
            this.json = json;
            this.spans = JsonSpans.of(json);
            this.generated = generated;
        }
    }

    CanalSeeds(FuzzSettings settings) {
        super(settings, TypedTable.canal());
        List<TiCdcMetadata> all = new ArrayList<>(TiCdcMetadata.CANAL_JSON);
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode sample : TiCdcSampleFiles.expectations("canal-json")) {
            String file = sample.get("file").asText();
            byte[] json = TiCdcSampleFiles.bytes(file);
            RowType asText =
                    SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), true);
            samples.add(
                    new Seed(file + " (text columns)", json, addSampleConfig(asText, all), null));
            RowType natural = naturalTypes(mapper, json, asText);
            samples.add(
                    new Seed(file + " (natural types)", json, addSampleConfig(natural, all), null));
        }
        truncateSamples(2, s -> s.json.length);
        generate("canal-seed", GENERATED, true, this::generatedSeed);
    }

    private Seed generatedSeed(int i, SplittableRandom r, Compression c, int config) {
        RandomEvents.CanalMessage m = RandomEvents.canal(table, r, c);
        return new Seed(m.description + " #" + i, m.json, config, m);
    }

    /**
     * Whether the oracle can read the mutant: only a mutant of an uncompressed generated seed is
     * plain JSON with a known original (a compressed seed's mutants are mutated compressed bytes or
     * mutated JSON compressed afterwards).
     */
    boolean oracleReadable(Item<Seed> item) {
        return item.seed.generated != null
                && configs.get(item.seed.config).compression == Compression.NONE;
    }

    @Override
    Item<Seed> mutant(long index) {
        return jsonItem(index, "canal", s -> s.json, s -> s.spans);
    }

    private int addSampleConfig(RowType rowType, List<TiCdcMetadata> metadata) {
        return addConfig(new DecoderConfig(rowType, metadata, Compression.NONE, false));
    }

    /** The sample's columns typed as a user would declare them, by their {@code mysqlType}. */
    private static RowType naturalTypes(ObjectMapper mapper, byte[] json, RowType fallback) {
        try {
            JsonNode types = mapper.readTree(json).path("mysqlType");
            if (!types.isObject() || types.size() == 0) {
                return fallback;
            }
            Map<String, String> byName = new LinkedHashMap<>();
            types.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue().asText()));
            return naturalTypes(byName);
        } catch (java.io.IOException e) {
            return fallback;
        }
    }
}
