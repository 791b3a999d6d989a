package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.fuzz.JsonSpans.Kind;
import io.github.flinkticdc.format.fuzz.JsonSpans.Span;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Mutations that know where the values and members of a JSON message are (from {@link JsonSpans})
 * and change one of them so that the message stays mostly well-formed and the change reaches the
 * decoder's value handling: a value of another JSON type, huge numbers, edge-case texts, huge
 * strings, deep nesting, invalid UTF-8 inside a string, a duplicated or removed member, other
 * commitTs and event types, SETs with too many labels, and the whole message in another encoding.
 * Every result carries a name saying what was done where.
 */
final class JsonMutations {

    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
        {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/'
        {(byte) 0xFF},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xC1, (byte) 0xBF},
        {(byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, // "€" cut after two of its three bytes
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, // "😀" cut
    };

    private static final String[] ENCODINGS = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"};

    private JsonMutations() {}

    /** One mutation of {@code json}; byte-level when the message is not JSON. */
    static Mutated apply(byte[] json, JsonSpans spans, SplittableRandom r) {
        if (spans.spans.isEmpty()) {
            return ByteMutations.apply(json, r);
        }
        switch (r.nextInt(20)) {
            case 0:
            case 1:
                return replace(
                        json,
                        pick(spans, r, s -> true),
                        InterestingValues.ANY_JSON,
                        r,
                        "replace-value");
            case 2:
                return replace(
                        json,
                        pick(spans, r, s -> s.kind != Kind.OBJECT),
                        InterestingValues.HUGE_NUMBERS,
                        r,
                        "huge-number");
            case 3:
            case 4:
            case 5:
                return valueText(json, spans, r);
            case 6:
                return hugeNumberText(json, spans, r);
            case 7:
                return hugeString(json, spans, r);
            case 8:
                return deepNesting(json, spans, r);
            case 9:
            case 10:
                return invalidUtf8(json, spans, r);
            case 11:
                return reEncode(json, r);
            case 12:
                return prefixOrSuffix(json, r);
            case 13:
            case 14:
                return duplicateMember(json, spans, r);
            case 15:
                return tso(json, spans, r);
            case 16:
                return setLabels(json, spans, r);
            case 17:
                return removeMember(json, spans, r);
            case 18:
                return eventType(json, spans, r);
            default:
                return nonAsciiDigits(json, spans, r);
        }
    }

    private static Span pick(JsonSpans spans, SplittableRandom r, Predicate<Span> filter) {
        List<Span> candidates = new ArrayList<>();
        for (Span s : spans.spans) {
            if (filter.test(s)) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty()) {
            return spans.spans.get(r.nextInt(spans.spans.size()));
        }
        return candidates.get(r.nextInt(candidates.size()));
    }

    /** Prefers a value of a row image, which is what the value converters see. */
    private static Span pickRowValue(JsonSpans spans, SplittableRandom r, Predicate<Span> filter) {
        if (r.nextInt(4) != 0) {
            Span s = pick(spans, r, filter.and(Span::isRowValue));
            if (filter.test(s)) {
                return s;
            }
        }
        return pick(spans, r, filter);
    }

    private static Mutated replace(
            byte[] json, Span span, String[] values, SplittableRandom r, String name) {
        return replaceWith(json, span, InterestingValues.pick(r, values), name);
    }

    private static Mutated replaceWith(byte[] json, Span span, String literal, String name) {
        return new Mutated(
                name + " " + span.path + " := " + shorten(literal),
                ByteMutations.splice(json, span.start, span.end, Mutant.utf8(literal)));
    }

    private static Mutated valueText(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s = pickRowValue(spans, r, x -> x.kind == Kind.STRING || x.kind == Kind.NUMBER);
        String literal =
                r.nextInt(8) == 0
                        ? InterestingValues.pick(r, InterestingValues.ESCAPE_LITERALS)
                        : InterestingValues.quote(
                                InterestingValues.pick(r, InterestingValues.VALUE_TEXTS));
        if (s.kind == Kind.NUMBER && r.nextBoolean()) {
            literal = InterestingValues.pick(r, InterestingValues.HUGE_NUMBERS);
        }
        return replaceWith(json, s, literal, "value-text");
    }

    private static Mutated hugeNumberText(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s = pickRowValue(spans, r, x -> x.kind == Kind.STRING);
        return replaceWith(
                json,
                s,
                InterestingValues.quote(InterestingValues.pick(r, InterestingValues.HUGE_NUMBERS)),
                "huge-number-text");
    }

    private static Mutated hugeString(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s = pickRowValue(spans, r, x -> x.kind == Kind.STRING);
        // mostly tens of kB (cheap enough for millions of mutants), now and then megabytes
        int n = r.nextInt(40) == 0 ? 1_000_000 + r.nextInt(1_000_000) : 10_000 + r.nextInt(60_000);
        String unit = r.nextBoolean() ? "x" : "é😀\\n";
        String literal = "\"" + unit.repeat(n / unit.length()) + "\"";
        return new Mutated(
                "huge-string " + s.path + " := " + n + " chars of " + unit,
                ByteMutations.splice(json, s.start, s.end, Mutant.utf8(literal)));
    }

    private static Mutated deepNesting(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s = pick(spans, r, x -> true);
        int depth = r.nextBoolean() ? 5000 : 1000 + r.nextInt(100);
        boolean objects = r.nextBoolean();
        boolean closed = r.nextInt(3) != 0;
        StringBuilder b = new StringBuilder();
        b.append((objects ? "{\"a\":" : "[").repeat(depth));
        b.append(objects ? "1" : "");
        if (closed) {
            b.append((objects ? "}" : "]").repeat(depth));
        }
        return new Mutated(
                "deep-nesting "
                        + s.path
                        + " := "
                        + depth
                        + (objects ? " objects" : " arrays")
                        + (closed ? "" : " unclosed"),
                ByteMutations.splice(json, s.start, s.end, Mutant.utf8(b.toString())));
    }

    private static Mutated invalidUtf8(byte[] json, JsonSpans spans, SplittableRandom r) {
        byte[] bad = INVALID_UTF8[r.nextInt(INVALID_UTF8.length)];
        Span s = pickRowValue(spans, r, x -> x.kind == Kind.STRING || x.isMember());
        int at;
        String where;
        if (s.kind == Kind.STRING && (!s.isMember() || r.nextInt(4) != 0)) {
            at = s.start + 1 + r.nextInt(s.end - s.start - 1);
            where = "in " + s.path;
        } else {
            at = s.memberStart + 1;
            where = "in the name of " + s.path;
        }
        return new Mutated(
                "invalid-utf8 " + Mutant.printable(bad, 8) + " " + where,
                ByteMutations.splice(json, at, at, bad));
    }

    private static Mutated reEncode(byte[] json, SplittableRandom r) {
        String encoding = ENCODINGS[r.nextInt(ENCODINGS.length)];
        String text = new String(json, StandardCharsets.UTF_8);
        boolean bom = r.nextBoolean();
        if (bom) {
            text = "\uFEFF" + text;
        }
        return new Mutated(
                "re-encode " + encoding + (bom ? " with BOM" : ""),
                text.getBytes(Charset.forName(encoding)));
    }

    private static Mutated prefixOrSuffix(byte[] json, SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0:
                int n = 1 + r.nextInt(4);
                return new Mutated(
                        "leading-nul x" + n, ByteMutations.splice(json, 0, 0, new byte[n]));
            case 1:
                return new Mutated(
                        "leading-bom",
                        ByteMutations.splice(
                                json, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}));
            case 2:
                return new Mutated(
                        "trailing-nul",
                        ByteMutations.splice(json, json.length, json.length, new byte[1]));
            case 3:
                String tail = r.nextBoolean() ? " \n\t " : r.nextBoolean() ? "{}" : "x";
                return new Mutated(
                        "trailing " + Mutant.printable(Mutant.utf8(tail), 8),
                        ByteMutations.splice(json, json.length, json.length, Mutant.utf8(tail)));
            default:
                return new Mutated(
                        "leading-whitespace",
                        ByteMutations.splice(json, 0, 0, Mutant.utf8(" \r\n\t")));
        }
    }

    /**
     * Inserts a copy of a member right after it, with the same or another value (two {@code data},
     * two {@code pkNames}, a column twice...).
     */
    private static Mutated duplicateMember(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s;
        switch (r.nextInt(3)) {
            case 0:
                s = pick(spans, r, x -> x.isMember() && x.depth == 1);
                break;
            case 1:
                s = pick(spans, r, x -> x.isMember() && x.path.startsWith("/_tidb/"));
                break;
            default:
                s = pick(spans, r, JsonSpans.Span::isMember);
        }
        if (!s.isMember()) {
            return ByteMutations.apply(json, r);
        }
        String member =
                new String(json, s.memberStart, s.end - s.memberStart, StandardCharsets.UTF_8);
        String copy;
        String how;
        if (r.nextBoolean()) {
            copy = member;
            how = "same value";
        } else {
            String name =
                    new String(
                            json, s.memberStart, s.start - s.memberStart, StandardCharsets.UTF_8);
            String other = otherValueLike(json, spans, s, r);
            copy = name + other;
            how = "value " + shorten(other);
        }
        boolean before = r.nextBoolean();
        byte[] out =
                before
                        ? ByteMutations.splice(
                                json, s.memberStart, s.memberStart, Mutant.utf8(copy + ","))
                        : ByteMutations.splice(json, s.end, s.end, Mutant.utf8("," + copy));
        return new Mutated(
                "duplicate-member " + s.path + " (" + how + (before ? ", first" : ", second") + ")",
                out);
    }

    private static String otherValueLike(byte[] json, JsonSpans spans, Span s, SplittableRandom r) {
        if (s.kind == Kind.STRING && r.nextBoolean()) {
            return InterestingValues.quote(
                    InterestingValues.pick(r, InterestingValues.VALUE_TEXTS));
        }
        if (r.nextBoolean()) {
            Span other = pick(spans, r, x -> x.kind == s.kind && x != s);
            return new String(json, other.start, other.end - other.start, StandardCharsets.UTF_8);
        }
        return InterestingValues.pick(r, InterestingValues.ANY_JSON);
    }

    private static Mutated tso(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s =
                pick(
                        spans,
                        r,
                        x ->
                                x.path.equals("/_tidb/commitTs")
                                        || x.path.equals("/_tidb/watermarkTs")
                                        || x.path.equals("/ts"));
        String value = InterestingValues.pick(r, InterestingValues.TSO_VALUES);
        if (!s.path.startsWith("/_tidb/") && !s.path.equals("/ts")) {
            Span root = spans.spans.get(spans.spans.size() - 1);
            if (root.kind != Kind.OBJECT) {
                return ByteMutations.apply(json, r);
            }
            int at = root.end - 1;
            String member = ",\"_tidb\":{\"commitTs\":" + value + "}";
            return new Mutated(
                    "add-tidb commitTs := " + shorten(value),
                    ByteMutations.splice(json, at, at, Mutant.utf8(member)));
        }
        return replaceWith(json, s, value, "tso");
    }

    private static Mutated setLabels(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s =
                pick(
                        spans,
                        r,
                        x ->
                                x.path.startsWith("/mysqlType/")
                                        && x.kind == Kind.STRING
                                        && new String(
                                                        json,
                                                        x.start,
                                                        x.end - x.start,
                                                        StandardCharsets.UTF_8)
                                                .startsWith("\"set"));
        if (!s.path.startsWith("/mysqlType/")) {
            s = pick(spans, r, x -> x.path.startsWith("/mysqlType/"));
        }
        int n = r.nextInt(4) == 0 ? 64 : 65 + r.nextInt(40);
        return replaceWith(
                json, s, "\"" + InterestingValues.setDefinition(n) + "\"", "set-labels(" + n + ")");
    }

    private static Mutated removeMember(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s = pick(spans, r, x -> x.isMember() && (x.depth == 1 || r.nextInt(3) == 0));
        if (!s.isMember()) {
            return ByteMutations.apply(json, r);
        }
        int from = s.memberStart;
        int to = s.end;
        int after = skipWhitespace(json, to);
        if (after < json.length && json[after] == ',') {
            to = after + 1;
        } else {
            int before = from - 1;
            while (before >= 0 && isWhitespace(json[before])) {
                before--;
            }
            if (before >= 0 && json[before] == ',') {
                from = before;
            }
        }
        return new Mutated(
                "remove-member " + s.path, ByteMutations.splice(json, from, to, new byte[0]));
    }

    private static Mutated eventType(byte[] json, JsonSpans spans, SplittableRandom r) {
        if (r.nextInt(3) == 0) {
            Span s = pick(spans, r, x -> x.path.equals("/isDdl"));
            if (s.path.equals("/isDdl")) {
                return replace(
                        json,
                        s,
                        new String[] {"true", "false", "null", "\"false\"", "0"},
                        r,
                        "is-ddl");
            }
        }
        Span s = pick(spans, r, x -> x.path.equals("/type") || x.path.equals("/t"));
        if (s.path.equals("/t")) {
            return replace(
                    json,
                    s,
                    new String[] {"1", "2", "3", "0", "4", "-1", "1.0", "\"1\""},
                    r,
                    "event-type");
        }
        return replace(json, s, InterestingValues.EVENT_TYPES, r, "event-type");
    }

    /** Rewrites the ASCII digits of a row value with Arabic-Indic or full-width digits. */
    private static Mutated nonAsciiDigits(byte[] json, JsonSpans spans, SplittableRandom r) {
        Span s = pickRowValue(spans, r, x -> x.kind == Kind.STRING || x.kind == Kind.NUMBER);
        String text = new String(json, s.start, s.end - s.start, StandardCharsets.UTF_8);
        char zero = r.nextBoolean() ? '\u0660' : '\uFF10';
        boolean all = r.nextBoolean();
        StringBuilder b = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && (all || !changed)) {
                b.append((char) (zero + (c - '0')));
                changed = true;
            } else {
                b.append(c);
            }
        }
        String literal = b.toString();
        if (s.kind == Kind.NUMBER) {
            literal = InterestingValues.quote(literal);
        }
        return replaceWith(json, s, literal, "non-ascii-digits");
    }

    private static int skipWhitespace(byte[] json, int at) {
        while (at < json.length && isWhitespace(json[at])) {
            at++;
        }
        return at;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 30) + "…(" + s.length() + " chars)";
    }
}
