package io.github.flinkticdc.format.protocol;

import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonScanner} reads JSON exactly as Jackson does with the project's limits: on every real
 * TiCDC sample and on 3,000 mutants of each, both give the same tokens with the same text, and both
 * refuse the same inputs. (Where they refuse, the tokens before the first refusal are compared:
 * Jackson reads a field's value with its name, so it may refuse one token earlier.)
 */
class JsonScannerDifferentialTest {

    private static final int MUTANTS_PER_SAMPLE = 3_000;

    /** Bytes that make JSON interesting when put in a random place. */
    private static final byte[] ALPHABET =
            "{}[]\":,\\ \t\n\rtfnrueals0123456789.-+eEu/bx_$\u0001"
                    .getBytes(StandardCharsets.UTF_8);

    private final JsonFactory factory = jacksonWithOurLimits();
    private final JsonScanner scanner = new JsonScanner();

    @Test
    void readsEverySampleAsJacksonDoes() throws Exception {
        for (byte[] sample : samples()) {
            assertThat(scannerTokens(sample))
                    .isEqualTo(jacksonTokens(sample))
                    .last()
                    .isEqualTo("END");
        }
    }

    @Test
    void refusesAndAcceptsTheSameMutantsAsJackson() throws Exception {
        SplittableRandom random = new SplittableRandom(20261201L);
        int accepted = 0;
        int total = 0;
        for (byte[] sample : samples()) {
            for (int i = 0; i < MUTANTS_PER_SAMPLE; i++) {
                byte[] mutant = mutate(sample, random);
                List<String> jackson = jacksonTokens(mutant);
                List<String> ours = scannerTokens(mutant);
                assertSameReading(mutant, jackson, ours);
                accepted += last(jackson).equals("END") ? 1 : 0;
                total++;
            }
        }
        // The mutants must exercise both verdicts, or the comparison says little.
        assertThat(accepted).isBetween(total / 20, total - total / 20);
    }

    /**
     * Expecting a name ({@link JsonScanner#nextNameIs}) never changes what is read: on every sample
     * and mutant, a walk that expects, before each token, a name of the sample (the right one or
     * not) reads the same tokens and the same verdict, at the same byte, as the plain walk.
     */
    @Test
    void readsTheSameWhenExpectingNames() {
        SplittableRandom random = new SplittableRandom(20261202L);
        int moved = 0;
        for (byte[] sample : samples()) {
            List<ExpectedBytes> names = quotedNamesOf(sample);
            for (int i = 0; i <= MUTANTS_PER_SAMPLE / 10; i++) {
                byte[] input = i == 0 ? sample : mutate(sample, random);
                List<String> expecting = new ArrayList<>();
                moved += scannerTokensExpecting(input, names, random, expecting);
                assertThat(expecting)
                        .as("tokens of %s", new String(input, StandardCharsets.UTF_8))
                        .isEqualTo(scannerTokens(input));
            }
        }
        assertThat(moved).as("names matched by expecting them").isGreaterThan(10_000);
    }

    @Test
    void makesAnExpectedNameOnlyOfPlainPrintableAscii() {
        byte[] plain = "ab c".getBytes(StandardCharsets.UTF_8);
        assertThat(ExpectedBytes.fieldName(plain, 0, plain.length).bytes())
                .isEqualTo("\"ab c\":".getBytes(StandardCharsets.UTF_8));
        for (String name : new String[] {"a\"b", "a\\b", "a\u0001", "caf\u00e9"}) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            assertThat(ExpectedBytes.fieldName(bytes, 0, bytes.length)).as(name).isNull();
        }
        byte[] tooLong = new byte[JsonFields.MAX_NAME_LENGTH + 1];
        java.util.Arrays.fill(tooLong, (byte) 'a');
        assertThat(ExpectedBytes.fieldName(tooLong, 0, tooLong.length)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                " {\"a\" : [1, -0, 0.5, 1e5, 1E-5, -12.5e+3, true, false, null]} ",
                "{\"s\":\"\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude00\\ud800\"}",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":-}",
                "{\"a\":+1}",
                "{\"a\":1e}",
                "{\"a\":NaN}",
                "{\"a\":tru}",
                "{\"a\":truex}",
                "{\"a\":1,}",
                "[1,]",
                "{\"a\" 1}",
                "{'a':1}",
                "{a:1}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}",
                "{\"a\":\"\u0001\"}",
                "{\"a\":\"unterminated",
                "{\"a\":[1,2",
                "{\"a\":1} x",
                "{\"a\":1} 2",
                "123",
                "123 ",
                "-",
                "",
                "   ",
                "/* comment */ {}",
                "\ufeff{\"a\":1}",
                "{\"a\":1}\ufeff",
                "hello world",
            })
    void readsEdgeCasesAsJacksonDoes(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertSameReading(bytes, jacksonTokens(bytes), scannerTokens(bytes));
    }

    @Test
    void readsEveryKindOfByteAtEveryPlaceOfAStringAsJacksonDoes() throws Exception {
        // The scanner reads strings eight bytes at a time: a special byte must be seen wherever
        // it falls in a word, and at the end of the input.
        String[] specials = {
            "\"", "\\n", "\\u00e9", "\\", "\u0001", "\u001f", "\u007f", "é", "€", " "
        };
        for (String special : specials) {
            for (int at = 0; at <= 20; at++) {
                String content = "x".repeat(at) + special + "y".repeat(20 - at);
                for (String json : new String[] {"{\"a\":\"" + content + "\"}", "\"" + content}) {
                    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                    assertSameReading(bytes, jacksonTokens(bytes), scannerTokens(bytes));
                }
            }
        }
    }

    @Test
    void refusesNestingBeyondTheLimitAsJacksonDoes() throws Exception {
        for (int depth :
                new int[] {JsonFields.MAX_NESTING_DEPTH, JsonFields.MAX_NESTING_DEPTH + 1}) {
            byte[] bytes = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
            assertSameReading(bytes, jacksonTokens(bytes), scannerTokens(bytes));
        }
        byte[] tooDeep =
                "[".repeat(JsonFields.MAX_NESTING_DEPTH + 1).getBytes(StandardCharsets.UTF_8);
        assertThat(last(scannerTokens(tooDeep)))
                .startsWith("ERROR exceeds a limit of the JSON reader: Document nesting depth 65");
    }

    @Test
    void refusesNumbersBeyondTheLimitAsJacksonDoes() throws Exception {
        for (int length :
                new int[] {JsonFields.MAX_NUMBER_LENGTH, JsonFields.MAX_NUMBER_LENGTH + 1}) {
            byte[] bytes = ("[" + "9".repeat(length) + "]").getBytes(StandardCharsets.UTF_8);
            assertSameReading(bytes, jacksonTokens(bytes), scannerTokens(bytes));
        }
    }

    @Test
    void saysWhereAndWhyJsonIsBroken() throws Exception {
        assertThat(last(scannerTokens("{\"a\":[1 2]}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(
                        "ERROR not valid JSON at byte 8: unexpected character '2': was expecting a"
                                + " comma or ']' in an array");
        assertThat(last(scannerTokens("{\"a\":\"x".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("ERROR not valid JSON at byte 7: unexpected end of input in a string");
    }

    @Test
    void tellsWhetherANumberFitsALong() throws Exception {
        String[] fitting = {"0", "-0", "9223372036854775807", "-9223372036854775808", "123"};
        String[] notFitting = {
            "9223372036854775808", "-9223372036854775809", "1.0", "1e3", "99999999999999999999"
        };
        for (String n : fitting) {
            scanner.reset(n.getBytes(StandardCharsets.US_ASCII), 0, n.length());
            scanner.next();
            assertThat(scanner.fitsLong()).as(n).isTrue();
            assertThat(scanner.longValue()).as(n).isEqualTo(Long.parseLong(n));
        }
        for (String n : notFitting) {
            scanner.reset(n.getBytes(StandardCharsets.US_ASCII), 0, n.length());
            scanner.next();
            assertThat(scanner.fitsLong()).as(n).isFalse();
        }
    }

    // ------------------------------------------------------------------ the two readings

    private static void assertSameReading(byte[] json, List<String> jackson, List<String> ours) {
        String input = new String(json, StandardCharsets.UTF_8);
        boolean jacksonAccepts = last(jackson).equals("END");
        boolean weAccept = last(ours).equals("END");
        assertThat(weAccept)
                .as("accepted by the scanner as by Jackson: %s", input)
                .isEqualTo(jacksonAccepts);
        if (jacksonAccepts) {
            assertThat(ours).as("tokens of %s", input).isEqualTo(jackson);
        } else {
            int agreed = Math.min(jackson.size(), ours.size()) - 1;
            assertThat(ours.subList(0, agreed))
                    .as("tokens of %s", input)
                    .isEqualTo(jackson.subList(0, agreed));
        }
    }

    /** The tokens Jackson reads, then "END", or "ERROR ..." where it refuses. */
    private List<String> jacksonTokens(byte[] json) {
        List<String> tokens = new ArrayList<>();
        try (JsonParser p = jacksonParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                tokens.add(
                        describe(
                                t.name(),
                                t.isScalarValue() || t == JsonToken.FIELD_NAME
                                        ? p.getText()
                                        : null));
            }
            tokens.add("END");
        } catch (IOException | RuntimeException e) {
            tokens.add("ERROR " + e.getMessage());
        }
        return tokens;
    }

    /**
     * Jackson with the scanner's limits, and strings and documents of at most {@link
     * Compression#MAX_DECOMPRESSED_BYTES}: as the protocol readers used it before the scanner.
     */
    private static JsonFactory jacksonWithOurLimits() {
        return JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(JsonFields.MAX_NESTING_DEPTH)
                                .maxNumberLength(JsonFields.MAX_NUMBER_LENGTH)
                                .maxNameLength(JsonFields.MAX_NAME_LENGTH)
                                .maxStringLength(Compression.MAX_DECOMPRESSED_BYTES)
                                .maxDocumentLength(Compression.MAX_DECOMPRESSED_BYTES)
                                .build())
                .build();
    }

    /**
     * A Jackson parser of input that {@link Utf8Json} accepts, as the scanner checks it first, so
     * that Jackson never guesses another encoding.
     */
    private JsonParser jacksonParser(byte[] json) throws IOException {
        int invalid = Utf8Json.firstInvalid(json, 0, json.length);
        if (invalid >= 0) {
            throw new MalformedMessageException(
                    "not valid JSON: " + Utf8Json.describe(json, 0, json.length, invalid));
        }
        return factory.createParser(json);
    }

    /** The tokens the scanner reads, then "END", or "ERROR ..." where it refuses. */
    private List<String> scannerTokens(byte[] json) {
        List<String> tokens = new ArrayList<>();
        try {
            scanner.reset(json, 0, json.length);
            for (JsonScanner.Token t = scanner.next(); t != null; t = scanner.next()) {
                String name = jacksonName(t);
                tokens.add(describe(name, scanner.text()));
            }
            tokens.add("END");
        } catch (MalformedMessageException e) {
            tokens.add("ERROR " + e.getMessage());
        }
        return tokens;
    }

    /**
     * The walk of {@link #scannerTokens}, trying before each token one of {@code names} as the next
     * name: mostly the one after the last matched, as the readers guess, sometimes any; returns how
     * often the scanner moved on one.
     */
    private int scannerTokensExpecting(
            byte[] json, List<ExpectedBytes> names, SplittableRandom random, List<String> tokens) {
        int moved = 0;
        int next = 0;
        try {
            scanner.reset(json, 0, json.length);
            while (true) {
                JsonScanner.Token t;
                int guess = random.nextInt(4) == 0 ? random.nextInt(names.size()) : next;
                if (scanner.nextNameIs(names.get(guess))) {
                    t = scanner.current();
                    moved++;
                    next = (guess + 1) % names.size();
                } else {
                    t = scanner.next();
                }
                if (t == null) {
                    break;
                }
                tokens.add(describe(jacksonName(t), scanner.text()));
            }
            tokens.add("END");
        } catch (MalformedMessageException e) {
            tokens.add("ERROR " + e.getMessage());
        }
        return moved;
    }

    /** The names of a sample's objects, as {@link ExpectedBytes#fieldName} makes them. */
    private List<ExpectedBytes> quotedNamesOf(byte[] json) {
        List<ExpectedBytes> names = new ArrayList<>();
        try {
            scanner.reset(json, 0, json.length);
            for (JsonScanner.Token t = scanner.next(); t != null; t = scanner.next()) {
                if (t == JsonScanner.Token.FIELD_NAME) {
                    ExpectedBytes quoted =
                            ExpectedBytes.fieldName(
                                    scanner.bytes(), scanner.textStart(), scanner.textEnd());
                    if (quoted != null) {
                        names.add(quoted);
                    }
                }
            }
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private String jacksonName(JsonScanner.Token t) {
        switch (t) {
            case NUMBER:
                return scanner.isIntegral() ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
            case STRING:
                return "VALUE_STRING";
            case TRUE:
            case FALSE:
            case NULL:
                return "VALUE_" + t.name();
            default:
                return t.name();
        }
    }

    private static String describe(String token, String text) {
        return text == null ? token : token + " " + text;
    }

    private static String last(List<String> tokens) {
        return tokens.get(tokens.size() - 1);
    }

    // ------------------------------------------------------------------ inputs

    private static List<byte[]> samples() {
        List<byte[]> samples = new ArrayList<>();
        for (var sample : TiCdcSampleFiles.expectations("canal-json")) {
            samples.add(TiCdcSampleFiles.bytes(sample.get("file").asText()));
        }
        return samples;
    }

    /** One to three random edits: a byte replaced, inserted or removed, or the input cut. */
    private static byte[] mutate(byte[] json, SplittableRandom random) {
        byte[] mutant = json;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(mutant.length + 1);
            byte b =
                    random.nextInt(4) == 0
                            ? (byte) random.nextInt(256)
                            : ALPHABET[random.nextInt(ALPHABET.length)];
            switch (random.nextInt(4)) {
                case 0:
                    if (at < mutant.length) {
                        mutant = mutant.clone();
                        mutant[at] = b;
                    }
                    break;
                case 1:
                    mutant = splice(mutant, at, at, new byte[] {b});
                    break;
                case 2:
                    mutant =
                            splice(
                                    mutant,
                                    at,
                                    Math.min(mutant.length, at + 1 + random.nextInt(4)),
                                    new byte[0]);
                    break;
                default:
                    mutant = splice(mutant, at, mutant.length, new byte[0]);
            }
        }
        return mutant;
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}
