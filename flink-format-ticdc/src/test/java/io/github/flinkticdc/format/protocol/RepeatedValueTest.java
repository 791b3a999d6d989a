package io.github.flinkticdc.format.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RepeatedValue#skip} passes over a container as {@link JsonScanner#skipChildren} does, also
 * when it repeats the last one only in part: over streams of containers each an edit of the one
 * before (entries changed, added, removed, nested, spaced, broken), a scanner that skips with it
 * reads the same tokens and the same verdicts after the container as one that reads every token.
 */
class RepeatedValueTest {

    private static final String[] VALUES = {
        "-5", "3", "12", "null", "true", "\"x\"", "\"\"", "[1,2]", "{\"a\":[]}", "[]", "{}"
    };

    @Test
    void skipsAsReadingEveryTokenDoes() {
        SplittableRandom random = new SplittableRandom(7L);
        for (int stream = 0; stream < 400; stream++) {
            RepeatedValue repeated = new RepeatedValue();
            List<String> entries = randomEntries(random);
            boolean array = random.nextInt(4) == 0;
            for (int message = 0; message < 30; message++) {
                edit(entries, random);
                String container = container(entries, array);
                if (random.nextInt(15) == 0) {
                    container = breakBytes(container, random);
                }
                byte[] json =
                        ("{\"id\":1,\"sqlType\":" + container + ",\"data\":[{\"a\":\"1\"}]}")
                                .getBytes(StandardCharsets.UTF_8);
                assertThat(tokensAfter(json, repeated))
                        .as(new String(json, StandardCharsets.UTF_8))
                        .isEqualTo(tokensAfter(json, null));
            }
        }
    }

    @Test
    void refusesABrokenEntryAmongRepeatedOnesAndReadsTheNextContainerAfterIt() throws Exception {
        RepeatedValue repeated = new RepeatedValue();
        JsonScanner s = new JsonScanner();
        byte[] first = "{\"t\":{\"a\":1,\"b\":2,\"c\":3}}".getBytes(StandardCharsets.UTF_8);
        standOnContainer(s, first);
        repeated.skip(s);
        // "b" differs and holds what no JSON reader would take: it is read, and refused.
        byte[] broken = "{\"t\":{\"a\":1,\"b\":02,\"c\":3}}".getBytes(StandardCharsets.UTF_8);
        standOnContainer(s, broken);
        assertThatThrownBy(() -> repeated.skip(s))
                .hasMessageContaining("not valid JSON at byte 16: not a JSON number");
        byte[] changed = "{\"t\":{\"a\":1,\"b\":-7,\"c\":3}}".getBytes(StandardCharsets.UTF_8);
        standOnContainer(s, changed);
        repeated.skip(s);
        assertThat(s.current()).isEqualTo(JsonScanner.Token.END_OBJECT);
        assertThat(s.position()).isEqualTo(changed.length - 1);
        assertThat(s.next()).isEqualTo(JsonScanner.Token.END_OBJECT);
        assertThat(s.next()).isNull();
    }

    private static void standOnContainer(JsonScanner s, byte[] json)
            throws MalformedMessageException {
        s.reset(json, 0, json.length);
        s.next();
        s.next();
        s.next();
    }

    /** The tokens after the container, skipped with {@code repeated} or token by token. */
    private static List<String> tokensAfter(byte[] json, RepeatedValue repeated) {
        List<String> tokens = new ArrayList<>();
        JsonScanner s = new JsonScanner();
        try {
            s.reset(json, 0, json.length);
            for (JsonScanner.Token t = s.next(); t != null; t = s.next()) {
                if (s.depth() == 1
                        && t == JsonScanner.Token.FIELD_NAME
                        && s.text().equals("sqlType")) {
                    tokens.add("sqlType");
                    s.next();
                    if (repeated == null) {
                        s.skipChildren();
                    } else {
                        repeated.skip(s);
                    }
                    tokens.add(s.current() + " at " + s.position());
                    continue;
                }
                tokens.add(t + " " + s.text());
            }
            tokens.add("END");
        } catch (MalformedMessageException e) {
            tokens.add("ERROR " + e.getMessage());
        }
        return tokens;
    }

    private static List<String> randomEntries(SplittableRandom random) {
        List<String> entries = new ArrayList<>();
        for (int i = random.nextInt(8); i >= 0; i--) {
            entries.add(randomEntry(random));
        }
        return entries;
    }

    private static String randomEntry(SplittableRandom random) {
        return "c" + random.nextInt(50) + "\u0000" + VALUES[random.nextInt(VALUES.length)];
    }

    /** Most messages change nothing or one value; some add, remove or respace an entry. */
    private static void edit(List<String> entries, SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind < 2 || entries.isEmpty()) {
            if (kind == 0 || entries.isEmpty()) {
                entries.add(random.nextInt(entries.size() + 1), randomEntry(random));
            }
            return;
        }
        int i = random.nextInt(entries.size());
        String name = entries.get(i).substring(0, entries.get(i).indexOf('\u0000'));
        if (kind == 2) {
            entries.remove(i);
        } else if (kind == 3) {
            entries.set(i, name + "\u0000 " + VALUES[random.nextInt(VALUES.length)] + " ");
        } else if (kind < 8) {
            entries.set(i, name + "\u0000" + VALUES[random.nextInt(VALUES.length)]);
        }
    }

    private static String container(List<String> entries, boolean array) {
        StringBuilder json = new StringBuilder(array ? "[" : "{");
        for (int i = 0; i < entries.size(); i++) {
            String[] entry = entries.get(i).split("\u0000");
            json.append(i == 0 ? "" : ",");
            if (!array) {
                json.append('"').append(entry[0]).append("\":");
            }
            json.append(entry[1]);
        }
        return json.append(array ? "]" : "}").toString();
    }

    private static String breakBytes(String json, SplittableRandom random) {
        int at = random.nextInt(json.length());
        String junk = String.valueOf(",:{}[]\"0x ".charAt(random.nextInt(10)));
        return random.nextBoolean()
                ? json.substring(0, at) + junk + json.substring(at)
                : json.substring(0, at) + json.substring(at + 1);
    }
}
