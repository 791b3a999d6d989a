package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.fuzz.JsonSpans.Span;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.Compressors;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The simple-protocol messages mutants are made from, each with the schema message sent before it
 * or none, and the decoder configuration that reads it: every real sample twice (columns as STRING,
 * and with the natural Flink type of their TiDB type in the samples' schemas, all metadata), the
 * row samples also after the DDL sample whose {@code preTableSchema} is their table's schema, and
 * generated messages over the {@link TypedTable} (half of the rows after their table's BOOTSTRAP,
 * commit-ts metadata, {@code .*} table filters, every compression).
 *
 * <p>The reader keeps the schemas it has read, so each mutant names its tables' versions by its own
 * number (of the same length, so the seed's spans still hold): a row finds only the schema its
 * mutant sent, whichever mutants the decoder read before, and {@code fuzz.only} reproduces it.
 *
 * <p>The first mutants cut a small sample at each position ({@link #truncations}: {sample,
 * position}), the others mutate the message or, now and then, its schema message: as JSON, as
 * bytes, and in what only the simple protocol has (message types, versions, column types of the
 * schema, TIMESTAMP objects, base64 values, incomplete-row markers).
 */
final class SimpleSeeds extends SeedCorpus<SimpleSeeds.Seed> {

    static final int GENERATED = 300;

    /** The fields that name a table version: rows name theirs, schemas say theirs. */
    private static final List<String> VERSION_FIELDS =
            List.of("/schemaVersion", "/tableSchema/version", "/preTableSchema/version");

    /** Where a simple-protocol specific mutation applies, and the JSON literals it puts there. */
    private static final class Target {
        final Pattern path;
        final String[] literals;

        Target(String path, String... literals) {
            this.path = Pattern.compile(path);
            this.literals = literals;
        }
    }

    private static final List<Target> TARGETS =
            List.of(
                    new Target(
                            "/type",
                            "\"BOOTSTRAP\"",
                            "\"WATERMARK\"",
                            "\"ALTER\"",
                            "\"QUERY\"",
                            "\"INSERT\"",
                            "\"UPDATE\"",
                            "\"DELETE\"",
                            "\"TRUNCATE\"",
                            "\"bootstrap\"",
                            "null",
                            "1"),
                    new Target("/version", "0", "2", "-1", "1.0", "\"1\"", "null", "1e0"),
                    new Target(
                            "/schemaVersion|/(pre)?[tT]ableSchema/version",
                            "0",
                            "-1",
                            "null",
                            "\"1\"",
                            "1.5",
                            "9223372036854775807",
                            "18446744073709551616"),
                    new Target(
                            ".*/dataType/mysqlType",
                            "\"varbinary\"",
                            "\"varchar\"",
                            "\"timestamp\"",
                            "\"blob\"",
                            "\"int\"",
                            "\"\"",
                            "\"VARBINARY\"",
                            "null",
                            "1"),
                    new Target(".*/dataType/unsigned", "true", "false", "null", "\"true\"", "1"),
                    new Target(
                            ".*/columns/[0-9]+/name",
                            "\"\"",
                            "\"id\"",
                            "\"ID\"",
                            "\"ts\"",
                            "null",
                            "\"\\u0000\""),
                    new Target(".*/columns", "[]", "{}", "null", "[null]", "[{}]"),
                    new Target(
                            "/(data|old)/[^/]+/location",
                            "\"Local\"",
                            "\"\"",
                            "\"UTC\"",
                            "\"Asia/Shanghai\"",
                            "\"America/New_York\"",
                            "\"+18:00\"",
                            "\"-18:00\"",
                            "\"+25:00\"",
                            "\"Etc/GMT-14\"",
                            "\"Mars/Olympus_Mons\"",
                            "\"../../etc/passwd\"",
                            "null",
                            "1"),
                    new Target(
                            "/(data|old)/[^/]+/value",
                            "\"9999-12-31 23:59:59.999999\"",
                            "\"0001-01-01 00:00:00\"",
                            "\"0000-00-00 00:00:00\"",
                            "\"+999999999-12-31 23:59:59\"",
                            "\"-999999999-01-01 00:00:00\"",
                            "\"+10000-01-01 00:00:00\"",
                            "\"2024-02-30 12:00:00\"",
                            "\"2024-01-01 24:00:00\"",
                            "\"2024-01-01 00:00:00.1234567891\"",
                            "\"2024-01-01 00:00:00.\"",
                            "\"2024-01-01T00:00:00\"",
                            "\"2024-01-01\"",
                            "\"\"",
                            "null",
                            "{}"),
                    new Target(
                            "/(data|old)/[^/]+",
                            "{\"location\":\"UTC\",\"value\":\"2024-01-01 00:00:00\"}",
                            "{\"location\":\"UTC\"}",
                            "{\"value\":\"2024-01-01 00:00:00\"}",
                            "{\"location\":\"UTC\",\"value\":\"x\",\"location\":\"UTC\"}",
                            "{\"location\":\"UTC\",\"value\":\"9999-12-31 23:59:59\",\"x\":[{}]}",
                            "\"====\"",
                            "\"YQ\"",
                            "\"YQ==\\n\"",
                            "\"_-_-\"",
                            "\"Y Q = =\"",
                            "\"\"",
                            "[]",
                            "true",
                            "1"),
                    new Target("/(data|old)", "{}", "null", "[]", "\"\"", "{\"\":null}"));

    /** A {@link Target} and the spans of a message it applies to. */
    private static final class TargetSpans {
        final Target target;
        final List<Span> spans;

        private TargetSpans(Target target, List<Span> spans) {
            this.target = target;
            this.spans = spans;
        }

        /** The targets that apply to a message, each with its spans. */
        static List<TargetSpans> of(JsonSpans message) {
            List<TargetSpans> found = new ArrayList<>();
            for (Target t : TARGETS) {
                List<Span> matching = new ArrayList<>();
                for (Span s : message.spans) {
                    if (t.path.matcher(s.path).matches()) {
                        matching.add(s);
                    }
                }
                if (!matching.isEmpty()) {
                    found.add(new TargetSpans(t, matching));
                }
            }
            return found;
        }
    }

    /** Members TiCDC adds only to some messages, put first in the message. */
    private static final String[] EXTRA_MEMBERS = {
        "\"handleKeyOnly\":true,",
        "\"handleKeyOnly\":\"true\",",
        "\"claimCheckLocation\":\"s3://bucket/claim-check/1.json\",",
        "\"claimCheckLocation\":null,",
        "\"checksum\":{\"version\":1,\"corrupted\":false,\"current\":1,\"previous\":2},",
        "\"tableID\":-1,",
        "\"sql\":\"DROP TABLE t\",",
        "\"tableSchema\":null,",
    };

    /** One seed: plain JSON, its schema message (or null), their spans and table versions. */
    static final class Seed extends SeedCorpus.Seed {
        final byte[] json;
        final JsonSpans spans;

        /** The plain BOOTSTRAP or DDL message decoded before {@link #json}, or null. */
        final byte[] schemaMessage;

        final JsonSpans schemaSpans;
        final Compression compression;

        /** The decimal texts of the table versions the messages name, each replaced per mutant. */
        final List<String> versions = new ArrayList<>();

        /** Where in each message the simple-protocol mutations apply, found once. */
        final List<TargetSpans> targets;

        final List<TargetSpans> schemaTargets;

        Seed(String name, byte[] json, byte[] schemaMessage, Compression compression, int config) {
            super(name, config);
            this.json = json;
            this.spans = JsonSpans.of(json);
            this.schemaMessage = schemaMessage;
            this.schemaSpans = schemaMessage == null ? null : JsonSpans.of(schemaMessage);
            this.compression = compression;
            this.targets = TargetSpans.of(spans);
            this.schemaTargets = schemaMessage == null ? null : TargetSpans.of(schemaSpans);
            addVersions(json, spans);
            if (schemaMessage != null) {
                addVersions(schemaMessage, schemaSpans);
            }
        }

        private void addVersions(byte[] message, JsonSpans of) {
            for (Span s : of.spans) {
                if (s.kind == JsonSpans.Kind.NUMBER && VERSION_FIELDS.contains(s.path)) {
                    String text =
                            new String(message, s.start, s.end - s.start, StandardCharsets.UTF_8);
                    if (!versions.contains(text)) {
                        versions.add(text);
                    }
                }
            }
        }
    }

    /** Per configuration of generated seeds, its copy that verifies checksums. */
    private final Map<Integer, Integer> verifyingConfigs = new HashMap<>();

    SimpleSeeds(FuzzSettings settings) {
        super(settings, TypedTable.simple());
        List<TiCdcMetadata> all = new ArrayList<>(TiCdcMetadata.SIMPLE);
        List<JsonNode> expectations = TiCdcSampleFiles.expectations("simple (json)");
        Map<String, String> sampleTypes = new LinkedHashMap<>();
        byte[] schemaSample = null;
        for (JsonNode sample : expectations) {
            String file = sample.get("file").asText();
            JsonNode message = TiCdcSampleFiles.json(file);
            for (String field : List.of("preTableSchema", "tableSchema")) {
                message.path(field)
                        .path("columns")
                        .forEach(
                                c ->
                                        sampleTypes.putIfAbsent(
                                                c.path("name").asText(),
                                                c.path("dataType").path("mysqlType").asText()));
            }
            if (message.path("preTableSchema").isObject()) {
                schemaSample = TiCdcSampleFiles.bytes(file);
            }
        }
        if (schemaSample == null) {
            throw new IllegalStateException("No simple sample has a 'preTableSchema'");
        }
        for (JsonNode sample : expectations) {
            String file = sample.get("file").asText();
            byte[] json = TiCdcSampleFiles.bytes(file);
            RowType asText =
                    SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), true);
            Map<String, String> types = new LinkedHashMap<>();
            for (String column : asText.getFieldNames()) {
                types.put(column, sampleTypes.getOrDefault(column, "text"));
            }
            RowType natural = naturalTypes(types);
            addSample(file + " (text columns)", json, null, asText, all);
            addSample(file + " (natural types)", json, null, natural, all);
            if (sample.get("expect").has("rows")) {
                addSample(
                        file + " after the DDL sample (text columns)",
                        json,
                        schemaSample,
                        asText,
                        all);
                addSample(
                        file + " after the DDL sample (natural types)",
                        json,
                        schemaSample,
                        natural,
                        all);
            }
        }
        truncateSamples(2, s -> s.json.length);
        generate("simple-seed", GENERATED, true, this::generatedSeed);
    }

    private void addSample(
            String name,
            byte[] json,
            byte[] schemaMessage,
            RowType rowType,
            List<TiCdcMetadata> all) {
        int config = addConfig(new DecoderConfig(rowType, all, Compression.NONE, false));
        samples.add(new Seed(name, json, schemaMessage, Compression.NONE, config));
    }

    /** Every other generated message carries row checksums and is read verifying them. */
    private Seed generatedSeed(int i, SplittableRandom r, Compression c, int config) {
        boolean checksums = i % 2 == 1;
        RandomEvents.SimpleMessage m = RandomEvents.simple(table, r, c, checksums);
        int readWith =
                checksums
                        ? verifyingConfigs.computeIfAbsent(
                                config, k -> addConfig(configs.get(k).verifyingChecksums()))
                        : config;
        String name = m.description + (checksums ? " with checksums" : "") + " #" + i;
        return new Seed(name, m.json, m.bootstrap, c, readWith);
    }

    @Override
    Item<Seed> mutant(long index) {
        if (index < truncations.size()) {
            long[] t = truncations.get((int) index);
            Seed s = samples.get((int) t[0]);
            Mutated m = ByteMutations.truncate(ownVersions(s, s.json, index), (int) t[1]);
            return new Item<>(
                    new Mutant(index, s.name, m.name, ownSchemaMessage(s, index), m.bytes), s);
        }
        SplittableRandom r = settings.random("simple", index);
        Seed seed = randomSeed(r);
        byte[] json = ownVersions(seed, seed.json, index);
        if (seed.schemaMessage != null && r.nextInt(6) == 0) {
            Mutant schema =
                    jsonMutant(
                            index,
                            seed.name,
                            null,
                            ownVersions(seed, seed.schemaMessage, index),
                            seed.schemaSpans,
                            seed.compression,
                            (j, spans, rr) -> simpleJson(j, spans, seed.schemaTargets, rr),
                            r);
            return new Item<>(
                    new Mutant(
                            index,
                            seed.name,
                            "schema message: " + schema.mutation,
                            schema.value,
                            Compressors.compress(seed.compression, json)),
                    seed);
        }
        return new Item<>(
                jsonMutant(
                        index,
                        seed.name,
                        ownSchemaMessage(seed, index),
                        json,
                        seed.spans,
                        seed.compression,
                        (j, spans, rr) -> simpleJson(j, spans, seed.targets, rr),
                        r),
                seed);
    }

    private static byte[] ownSchemaMessage(Seed seed, long index) {
        return seed.schemaMessage == null
                ? null
                : Compressors.compress(
                        seed.compression, ownVersions(seed, seed.schemaMessage, index));
    }

    /**
     * The message with each table version the seed names replaced by one only this mutant names, of
     * the same number of digits: {@code 8}, then the mutant's index and the version's place.
     */
    static byte[] ownVersions(Seed seed, byte[] message, long index) {
        byte[] out = message.clone();
        for (int v = 0; v < seed.versions.size(); v++) {
            String version = seed.versions.get(v);
            String own = Long.toString(index * VERSION_FIELDS.size() + v);
            if (own.length() + 1 > version.length()) {
                continue; // too short to be made unique: the mutant shares it (none of our seeds)
            }
            byte[] with =
                    ("8" + "0".repeat(version.length() - 1 - own.length()) + own)
                            .getBytes(StandardCharsets.US_ASCII);
            replaceNumber(out, version.getBytes(StandardCharsets.US_ASCII), with);
        }
        return out;
    }

    /** Replaces every occurrence of the number {@code from} not inside a longer one, in place. */
    private static void replaceNumber(byte[] bytes, byte[] from, byte[] to) {
        for (int at = 0; at + from.length <= bytes.length; at++) {
            if (regionIs(bytes, at, from)
                    && (at == 0 || !isDigit(bytes[at - 1]))
                    && (at + from.length == bytes.length || !isDigit(bytes[at + from.length]))) {
                System.arraycopy(to, 0, bytes, at, to.length);
                at += from.length - 1;
            }
        }
    }

    private static boolean regionIs(byte[] bytes, int at, byte[] what) {
        for (int i = 0; i < what.length; i++) {
            if (bytes[at + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * A third of the time a mutation only the simple protocol has, else one of {@link
     * JsonMutations}.
     */
    private static Mutated simpleJson(
            byte[] json, JsonSpans spans, List<TargetSpans> targets, SplittableRandom r) {
        if (spans.spans.isEmpty() || r.nextInt(3) != 0) {
            return JsonMutations.apply(json, spans, r);
        }
        if (r.nextInt(8) == 0) {
            String member = EXTRA_MEMBERS[r.nextInt(EXTRA_MEMBERS.length)];
            int brace = spans.spans.get(0).start + 1;
            return new Mutated(
                    "add-member " + member,
                    ByteMutations.splice(json, brace, brace, Mutant.utf8(member)));
        }
        if (targets.isEmpty()) {
            return JsonMutations.apply(json, spans, r);
        }
        TargetSpans t = targets.get(r.nextInt(targets.size()));
        Span s = t.spans.get(r.nextInt(t.spans.size()));
        String literal = InterestingValues.pick(r, t.target.literals);
        return new Mutated(
                "simple " + s.path + " := " + literal,
                ByteMutations.splice(json, s.start, s.end, Mutant.utf8(literal)));
    }
}
