package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.fuzz.TypedTable.Column;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.RowKind;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent reading of a mutated generated canal-json message whose table is known to the
 * test: Jackson databind with duplicate detection plus plain, strict conversions per declared type,
 * following only the stated decoding rules (valid UTF-8; no duplicate of a field the format reads;
 * ASCII integers in range; DECIMAL exact in precision and scale; FLOAT/DOUBLE in decimal grammar,
 * in range and not rounded to zero; non-negative 64-bit commitTs; zero dates as NULL but a zero
 * date with a time refused; a SET with more than 64 labels refused; {@code .*} filters accept a
 * message without database/table).
 *
 * <p>Where those rules do not decide (a changed message shape, a value type they do not cover, a
 * spelling they leave open), the reading is "undetermined" or the value is "any", and only the rest
 * is compared. Left out on purpose: BOOLEAN texts other than 0/1, dates that are not well-formed,
 * more fraction digits than the column keeps, strings with lone surrogates, binary values above
 * U+00FF, inputs beyond Jackson's default limits, a BOM.
 */
final class CanalJsonOracle {

    /** The decision for a message. */
    enum Verdict {
        REFUSE,
        ACCEPT,
        /** If accepted, the rows must be these; refusing is allowed too. */
        ACCEPT_OR_REFUSE,
        UNDETERMINED
    }

    /** Marks a field whose value the rules do not decide. */
    static final Object ANY =
            new Object() {
                @Override
                public String toString() {
                    return "<any>";
                }
            };

    private static final Set<String> READ_TOP_LEVEL =
            Set.of(
                    "database",
                    "table",
                    "pkNames",
                    "isDdl",
                    "type",
                    "es",
                    "ts",
                    "sql",
                    "sqlType",
                    "mysqlType",
                    "data",
                    "old",
                    "_tidb");
    private static final Set<String> READ_TIDB =
            Set.of("commitTs", "watermarkTs", "onlyHandleKey", "claimCheckLocation");
    private static final Set<String> MAY_DIFFER =
            Set.of("database", "table", "es", "ts", "mysqlType", "data", "old", "_tidb");

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DECIMAL_EXPONENT =
            Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+");
    private static final Pattern FLOAT_PLAIN = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern FLOAT_LOOSE =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern DATE_TIME =
            Pattern.compile(
                    "([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})"
                            + "(\\.([0-9]{1,9}))?");
    private static final Pattern SET_DEFINITION = Pattern.compile("set\\(('[a-z0-9]*'(,|\\)))*");

    /** The reading of one message. */
    static final class Expectation {
        final Verdict verdict;

        /** What the rule is (groups failures). */
        final String reason;

        /** Where and with which value it applies. */
        final String detail;

        final List<Object[]> rows;
        final List<RowKind> kinds;

        Expectation(Verdict verdict, String reason, List<RowKind> kinds, List<Object[]> rows) {
            this(verdict, reason, "", kinds, rows);
        }

        Expectation(
                Verdict verdict,
                String reason,
                String detail,
                List<RowKind> kinds,
                List<Object[]> rows) {
            this.verdict = verdict;
            this.reason = reason;
            this.detail = detail;
            this.kinds = kinds;
            this.rows = rows;
        }

        static Expectation of(Verdict verdict, String reason) {
            return new Expectation(verdict, reason, List.of(), List.of());
        }

        static Expectation refuse(String reason, String detail) {
            return new Expectation(Verdict.REFUSE, reason, detail, List.of(), List.of());
        }
    }

    private final TypedTable table;

    /** Duplicate fields allowed (the last wins), for what the duplicate-free parse cannot tell. */
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final ObjectMapper strict;
    private final ObjectMapper unlimited;
    private final RowData.FieldGetter[] getters;
    private final java.util.Map<RandomEvents.CanalMessage, ObjectNode> originals =
            new java.util.IdentityHashMap<>();

    CanalJsonOracle(TypedTable table) {
        this.table = table;
        this.strict = mapper(new JsonFactory());
        this.unlimited =
                mapper(
                        JsonFactory.builder()
                                .streamReadConstraints(
                                        StreamReadConstraints.builder()
                                                .maxNestingDepth(Integer.MAX_VALUE)
                                                .maxNumberLength(Integer.MAX_VALUE)
                                                .maxStringLength(Integer.MAX_VALUE)
                                                .build())
                                .build());
        List<LogicalType> types = new ArrayList<>(table.rowType.getChildren());
        types.add(new org.apache.flink.table.types.logical.BigIntType());
        getters = new RowData.FieldGetter[types.size()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(types.get(i).copy(true), i);
        }
    }

    private ObjectNode tree(RandomEvents.CanalMessage original) {
        try {
            return (ObjectNode) strict.readTree(original.json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper mapper(JsonFactory factory) {
        ObjectMapper m = new ObjectMapper(factory);
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    /** Compares the decoder's outcome for a mutant with this reading; records any mismatch. */
    void compare(
            Mutant m,
            DecodeContract.Outcome outcome,
            RandomEvents.CanalMessage original,
            FailureReport failures,
            RunStats stats) {
        if (outcome.rows == null && !outcome.refused) {
            return; // the contract check already reported a broken decode
        }
        Expectation e = read(m.value, original);
        if (e.verdict == Verdict.UNDETERMINED) {
            stats.oracleUndetermined.incrementAndGet();
            return;
        }
        stats.oracleChecked.incrementAndGet();
        if (outcome.refused) {
            if (e.verdict == Verdict.ACCEPT) {
                failures.add(
                        "oracle: valid message refused (" + e.reason + ")",
                        m,
                        "expected rows " + render(e));
            }
            return;
        }
        if (e.verdict == Verdict.REFUSE) {
            failures.add(
                    "oracle: accepted although " + e.reason,
                    m,
                    e.detail + "\ndecoded rows " + outcome.rows);
            return;
        }
        String mismatch = mismatch(e, outcome.rows);
        if (mismatch != null) {
            failures.add("oracle: decoded other values (" + e.reason + ")", m, mismatch);
        }
    }

    private String mismatch(Expectation e, List<RowData> rows) {
        if (rows.size() != e.rows.size()) {
            return "expected " + e.rows.size() + " rows " + render(e) + "\ndecoded " + rows;
        }
        for (int r = 0; r < rows.size(); r++) {
            RowData row = rows.get(r);
            if (row.getRowKind() != e.kinds.get(r)) {
                return "row " + r + ": kind " + row.getRowKind() + ", expected " + e.kinds.get(r);
            }
            Object[] expected = e.rows.get(r);
            for (int f = 0; f < expected.length; f++) {
                if (expected[f] == ANY) {
                    continue;
                }
                Object actual = getters[f].getFieldOrNull(row);
                if (!Objects.deepEquals(expected[f], actual)) {
                    return "row "
                            + r
                            + " column "
                            + (f < table.columns.size() ? table.columns.get(f).name : "commit-ts")
                            + ": decoded "
                            + show(actual)
                            + ", expected "
                            + show(expected[f]);
                }
            }
        }
        return null;
    }

    private static String render(Expectation e) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < e.rows.size(); i++) {
            s.append(e.kinds.get(i)).append(Arrays.deepToString(e.rows.get(i))).append(' ');
        }
        return s.toString();
    }

    private static String show(Object o) {
        return o instanceof byte[] ? Arrays.toString((byte[]) o) : String.valueOf(o);
    }

    /** Reads a message as the rules say. */
    Expectation read(byte[] bytes, RandomEvents.CanalMessage original) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            return Expectation.of(Verdict.REFUSE, "the message is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            return Expectation.of(Verdict.UNDETERMINED, "BOM");
        }
        for (byte b : bytes) {
            if (b == 0) {
                // no JSON text holds a raw NUL; also keeps Jackson from guessing UTF-16/32
                return Expectation.of(Verdict.REFUSE, "not valid JSON (in UTF-8)");
            }
        }
        JsonNode root;
        boolean beyondLimits = false;
        try {
            root = parse(strict, bytes);
        } catch (StreamConstraintsException e) {
            beyondLimits = true;
            try {
                root = parse(unlimited, bytes);
            } catch (Duplicate d) {
                return duplicate(d.path, bytes);
            } catch (JsonProcessingException | RuntimeException bad) {
                return Expectation.of(Verdict.REFUSE, "not valid JSON (in UTF-8)");
            }
        } catch (Duplicate d) {
            return duplicate(d.path, bytes);
        } catch (JsonProcessingException | RuntimeException bad) {
            return Expectation.of(Verdict.REFUSE, "not valid JSON (in UTF-8)");
        }
        if (root == null || root.isMissingNode()) {
            return bytes.length == 0
                    ? Expectation.of(Verdict.UNDETERMINED, "an empty value is a tombstone")
                    : Expectation.of(Verdict.REFUSE, "no JSON value at all");
        }
        if (!root.isObject()) {
            return Expectation.of(Verdict.UNDETERMINED, "not an object");
        }
        ObjectNode message = (ObjectNode) root;
        ObjectNode origin = originals.computeIfAbsent(original, CanalJsonOracle.this::tree);

        String tso = tsoProblem(message.get("_tidb"));
        if (tso != null) {
            return Expectation.of(Verdict.REFUSE, tso);
        }
        String shape = shapeDifference(message, origin);
        if (shape != null) {
            return Expectation.of(Verdict.UNDETERMINED, shape);
        }
        return readRows(message, origin, beyondLimits);
    }

    /**
     * Parses the bytes (not a String: Jackson's char-based parser reads non-ASCII digits in a
     * {@code \\u} escape as hex digits).
     */
    private static JsonNode parse(ObjectMapper mapper, byte[] bytes)
            throws JsonProcessingException, Duplicate {
        try (JsonParser p = mapper.createParser(bytes)) {
            try {
                return mapper.readTree(p);
            } catch (JsonParseException e) {
                String message = e.getOriginalMessage();
                if (message != null && message.startsWith("Duplicate field '")) {
                    String name = message.substring(17, message.indexOf('\'', 17));
                    throw new Duplicate(objectPath(p) + "/" + name);
                }
                throw e;
            }
        } catch (java.io.IOException e) {
            if (e instanceof JsonProcessingException) {
                throw (JsonProcessingException) e;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The path of the object whose member the parser is at: the parent context's position. */
    private static String objectPath(JsonParser p) {
        JsonReadContext object = (JsonReadContext) p.getParsingContext();
        if (object == null || object.getParent() == null) {
            return "";
        }
        return object.getParent().pathAsPointer().toString();
    }

    private Expectation duplicate(String path, byte[] bytes) {
        String[] parts = path.split("/", -1); // "", top, ...
        boolean read;
        if (parts.length == 2) {
            read = READ_TOP_LEVEL.contains(parts[1]);
        } else if (parts.length == 3 && parts[1].equals("_tidb")) {
            read = READ_TIDB.contains(parts[2]);
        } else if (parts.length == 3 && parts[1].equals("mysqlType")) {
            read = isDeclared(parts[2]);
        } else if (parts.length == 4
                && (parts[1].equals("data") || parts[1].equals("old"))
                && parts[2].equals("0")) {
            // Only a row event's images are read, and the old image only of an UPDATE.
            read = isDeclared(parts[3]) && readsImage(bytes, parts[1]);
        } else {
            read = false;
        }
        return read
                ? Expectation.refuse("it holds a duplicate of a field the format reads", path)
                : Expectation.of(Verdict.UNDETERMINED, "duplicate of an unread field " + path);
    }

    /**
     * Whether the message (read with the last of duplicate fields) is a row event that reads it.
     */
    private static boolean readsImage(byte[] bytes, String image) {
        JsonNode message;
        try {
            message = LENIENT.readTree(bytes);
        } catch (java.io.IOException e) {
            return false;
        }
        if (message == null || message.path("isDdl").asBoolean(false)) {
            return false;
        }
        String type = message.path("type").asText("");
        return image.equals("old")
                ? type.equals("UPDATE")
                : type.equals("INSERT") || type.equals("UPDATE") || type.equals("DELETE");
    }

    private boolean isDeclared(String name) {
        return table.columns.stream().anyMatch(c -> c.name.equals(name));
    }

    private static String tsoProblem(JsonNode tidb) {
        if (tidb == null || !tidb.isObject()) {
            return null;
        }
        for (String field : new String[] {"commitTs", "watermarkTs"}) {
            JsonNode ts = tidb.get(field);
            if (ts == null || ts.isNull()) {
                continue;
            }
            if (!ts.isIntegralNumber()
                    || ts.bigIntegerValue().signum() < 0
                    || ts.bigIntegerValue().bitLength() > 63) {
                return "_tidb." + field + " is not a non-negative 64-bit integer";
            }
        }
        return null;
    }

    /** Why the message's shape is not the generated one (beyond what the rules cover), or null. */
    private static String shapeDifference(ObjectNode message, ObjectNode origin) {
        Iterator<String> names = message.fieldNames();
        while (names.hasNext()) {
            if (!origin.has(names.next())) {
                return "a member was added or renamed";
            }
        }
        Iterator<String> originNames = origin.fieldNames();
        while (originNames.hasNext()) {
            String name = originNames.next();
            JsonNode value = message.get(name);
            if (value == null) {
                if (name.equals("database") || name.equals("table")) {
                    continue;
                }
                return "member " + name + " removed";
            }
            if (!MAY_DIFFER.contains(name) && !value.equals(origin.get(name))) {
                return "member " + name + " changed";
            }
        }
        for (String name : new String[] {"database", "table"}) {
            if (message.has(name) && !message.get(name).isTextual()) {
                return name + " is not a string";
            }
            if (message.has(name)
                    && message.get(name)
                            .asText()
                            .matches("(?s).*[\\n\\r\\u0085\\u2028\\u2029].*")) {
                return name + " holds a line break (which '.*' does not match)";
            }
        }
        for (String name : new String[] {"es", "ts"}) {
            JsonNode n = message.get(name);
            if (!n.isIntegralNumber() || n.bigIntegerValue().bitLength() > 63) {
                return name + " is not a 64-bit integer";
            }
        }
        JsonNode tidb = message.get("_tidb");
        if (tidb != null) {
            JsonNode originTidb = origin.get("_tidb");
            if (!tidb.isObject() || !fieldNames(tidb).equals(fieldNames(originTidb))) {
                return "_tidb changed";
            }
            JsonNode ts =
                    tidb.get("commitTs") != null ? tidb.get("commitTs") : tidb.get("watermarkTs");
            if (ts == null || ts.isNull()) {
                return "_tidb ts is null";
            }
        }
        if (!message.get("mysqlType").isObject()
                || !fieldNames(message.get("mysqlType"))
                        .equals(fieldNames(origin.get("mysqlType")))) {
            return "mysqlType changed";
        }
        if (!sameImageShape(message.get("data"), origin.get("data"))) {
            return "data changed shape";
        }
        if (!origin.get("old").isNull()) {
            if (!sameImageShape(message.get("old"), origin.get("old"))) {
                return "old changed shape";
            }
        } else if (!message.get("old").isNull()) {
            return "old changed";
        }
        return null;
    }

    private static boolean sameImageShape(JsonNode image, JsonNode origin) {
        if (!image.isArray() || image.size() != 1 || !image.get(0).isObject()) {
            return false;
        }
        if (!fieldNames(image.get(0)).equals(fieldNames(origin.get(0)))) {
            return false;
        }
        for (JsonNode v : image.get(0)) {
            if (!v.isTextual() && !v.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Expectation readRows(ObjectNode message, ObjectNode origin, boolean beyondLimits) {
        JsonNode mysqlType = message.get("mysqlType");
        List<String> setLabels = null;
        boolean undecided = beyondLimits;
        List<String> reasons = new ArrayList<>();
        for (Column c : table.columns) {
            JsonNode type = mysqlType.get(c.name);
            if (c.kind == TypedTable.Kind.SET) {
                String def = type.isTextual() ? type.asText() : "";
                if (!SET_DEFINITION.matcher(def).matches()) {
                    return Expectation.of(Verdict.UNDETERMINED, "SET definition changed");
                }
                setLabels = labels(def);
                if (setLabels.size() > 64) {
                    return Expectation.refuse(
                            "its SET lists more than 64 labels", setLabels.size() + " labels");
                }
            } else if (!type.equals(origin.get("mysqlType").get(c.name))) {
                return Expectation.of(Verdict.UNDETERMINED, "mysqlType changed");
            }
        }
        String type = message.get("type").asText();
        JsonNode data = message.get("data").get(0);
        Object[] after = new Object[table.columns.size() + 1];
        JsonNode tidb = message.get("_tidb");
        Long commitTs = tidb == null ? null : tidb.get("commitTs").longValue();
        for (int i = 0; i < table.columns.size(); i++) {
            Value v = value(table.columns.get(i), data.get(table.columns.get(i).name), setLabels);
            if (v.invalid != null) {
                return Expectation.refuse(v.invalid, v.detail);
            }
            undecided |= v.undecided;
            if (v.undecided) {
                reasons.add(table.columns.get(i).name);
            }
            after[i] = v.value;
        }
        after[after.length - 1] = commitTs;
        List<RowKind> kinds = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        if (type.equals("UPDATE")) {
            JsonNode old = message.get("old").get(0);
            Object[] before = after.clone();
            for (int i = 0; i < table.columns.size(); i++) {
                Column c = table.columns.get(i);
                if (!old.has(c.name)) {
                    continue;
                }
                Value v = value(c, old.get(c.name), setLabels);
                if (v.invalid != null) {
                    return Expectation.refuse(v.invalid, v.detail + " (in old)");
                }
                undecided |= v.undecided;
                before[i] = v.value;
            }
            kinds.add(RowKind.UPDATE_BEFORE);
            rows.add(before);
            kinds.add(RowKind.UPDATE_AFTER);
            rows.add(after);
        } else {
            kinds.add(type.equals("INSERT") ? RowKind.INSERT : RowKind.DELETE);
            rows.add(after);
        }
        return new Expectation(
                undecided ? Verdict.ACCEPT_OR_REFUSE : Verdict.ACCEPT,
                undecided ? "undecided: " + reasons : "valid",
                kinds,
                rows);
    }

    private static List<String> labels(String def) {
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("'([a-z0-9]*)'").matcher(def);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    /** A column value as the rules read it. */
    private static final class Value {
        final Object value;
        final String invalid;
        final String detail;
        final boolean undecided;

        private Value(Object value, String invalid, String detail, boolean undecided) {
            this.value = value;
            this.invalid = invalid;
            this.detail = detail;
            this.undecided = undecided;
        }

        static Value valid(Object v) {
            return new Value(v, null, null, false);
        }

        /** Accepting with this value or refusing are both allowed. */
        static Value either(Object v) {
            return new Value(v, null, null, true);
        }

        static Value any() {
            return new Value(ANY, null, null, true);
        }

        static Value invalid(String category, String detail) {
            return new Value(null, category, detail, false);
        }
    }

    private static Value value(Column c, JsonNode node, List<String> setLabels) {
        if (node.isNull()) {
            return Value.valid(null);
        }
        String s = node.asText();
        String what = "column " + c.name + " (" + c.type + ") holds '" + cut(s) + "'";
        switch (c.kind) {
            case BIGINT:
            case INT:
                if (!INTEGER.matcher(s).matches()) {
                    return Value.invalid(c.kind + " value is not an ASCII integer", what);
                }
                BigInteger i = new BigInteger(s);
                int bits = c.kind == TypedTable.Kind.BIGINT ? 63 : 31;
                if (i.bitLength() > bits) {
                    return Value.invalid(c.kind + " value is out of range", what);
                }
                return Value.valid(
                        c.kind == TypedTable.Kind.BIGINT ? (Object) i.longValue() : i.intValue());
            case UNSIGNED_BIGINT:
            case DECIMAL:
                return decimal(c, s, what);
            case DOUBLE:
            case FLOAT:
                return floating(c, s, what);
            case BOOLEAN:
                return s.equals("0")
                        ? Value.valid(false)
                        : s.equals("1") ? Value.valid(true) : Value.any();
            case VARCHAR:
            case TEXT:
                return hasLoneSurrogate(s) ? Value.any() : Value.valid(StringData.fromString(s));
            case VARBINARY:
            case BLOB:
                for (int k = 0; k < s.length(); k++) {
                    if (s.charAt(k) > 0xFF) {
                        return Value.any();
                    }
                }
                return Value.valid(s.getBytes(StandardCharsets.ISO_8859_1));
            case DATE:
                return date(s);
            case DATETIME:
                return dateTime(s, 6, false, what);
            case TIMESTAMP:
                return dateTime(s, 3, true, what);
            case SET:
                if (!INTEGER.matcher(s).matches() || s.startsWith("-") || s.startsWith("+")) {
                    return Value.any();
                }
                BigInteger mask = new BigInteger(s);
                if (mask.bitLength() > setLabels.size()) {
                    return Value.any();
                }
                StringBuilder labels = new StringBuilder();
                for (int k = 0; k < setLabels.size(); k++) {
                    if (mask.testBit(k)) {
                        labels.append(labels.length() == 0 ? "" : ",").append(setLabels.get(k));
                    }
                }
                return Value.valid(StringData.fromString(labels.toString()));
            default:
                throw new IllegalArgumentException(c.kind.name());
        }
    }

    private static Value decimal(Column c, String s, String what) {
        DecimalType type = (DecimalType) c.type.getLogicalType();
        int p = type.getPrecision();
        int scale = type.getScale();
        boolean exponent = false;
        BigDecimal d;
        if (DECIMAL.matcher(s).matches()) {
            d = new BigDecimal(s);
        } else if (DECIMAL_EXPONENT.matcher(s).matches()) {
            exponent = true;
            try {
                d = new BigDecimal(s);
            } catch (NumberFormatException | ArithmeticException e) {
                return Value.invalid(c.kind + " value is not an exact DECIMAL", what);
            }
        } else {
            return Value.invalid(c.kind + " value is not an ASCII decimal", what);
        }
        if (d.signum() != 0) {
            long integerDigits = (long) d.precision() - d.scale();
            if (integerDigits > p - scale) {
                return Value.invalid(c.kind + " value does not fit the declared precision", what);
            }
            if (d.stripTrailingZeros().scale() > scale) {
                return Value.invalid(c.kind + " value needs rounding to the declared scale", what);
            }
        }
        DecimalData exact = DecimalData.fromBigDecimal(d.setScale(scale), p, scale);
        boolean extraZeros = d.scale() > scale;
        return exponent || extraZeros ? Value.either(exact) : Value.valid(exact);
    }

    private static Value floating(Column c, String s, String what) {
        boolean isFloat = c.kind == TypedTable.Kind.FLOAT;
        boolean plain = FLOAT_PLAIN.matcher(s).matches();
        if (!plain && !FLOAT_LOOSE.matcher(s).matches()) {
            return Value.invalid(c.kind + " value is not in decimal number grammar", what);
        }
        double d = Double.parseDouble(s);
        float f = Float.parseFloat(s);
        boolean infinite = isFloat ? Float.isInfinite(f) : Double.isInfinite(d);
        if (infinite) {
            return Value.invalid(c.kind + " value is beyond the type's range", what);
        }
        boolean zero = isFloat ? f == 0 : d == 0;
        String mantissa = s.split("[eE]")[0];
        if (zero && mantissa.matches(".*[1-9].*")) {
            return Value.invalid(c.kind + " value is non-zero but rounds to zero", what);
        }
        Object v = isFloat ? (Object) f : d;
        return plain ? Value.valid(v) : Value.either(v);
    }

    private static Value date(String s) {
        if (s.equals("0000-00-00")) {
            return Value.valid(null);
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            return Value.any();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1) {
                return Value.any();
            }
            return Value.valid(
                    (int)
                            LocalDate.of(
                                            year,
                                            Integer.parseInt(m.group(2)),
                                            Integer.parseInt(m.group(3)))
                                    .toEpochDay());
        } catch (DateTimeException e) {
            return Value.any();
        }
    }

    private static Value dateTime(String s, int precision, boolean inZone, String what) {
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            return Value.any();
        }
        String fraction = m.group(8) == null ? "" : m.group(8);
        if (m.group(1).equals("0000") && m.group(2).equals("00") && m.group(3).equals("00")) {
            boolean zeroTime =
                    m.group(4).equals("00")
                            && m.group(5).equals("00")
                            && m.group(6).equals("00")
                            && fraction.matches("0*");
            return zeroTime
                    ? Value.valid(null)
                    : Value.invalid(
                            "DATETIME/TIMESTAMP value is a zero date with a non-zero time", what);
        }
        if (fraction.length() > precision) {
            return Value.any();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1) {
                return Value.any();
            }
            LocalDateTime t =
                    LocalDateTime.of(
                            year,
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)),
                            fraction.isEmpty()
                                    ? 0
                                    : Integer.parseInt((fraction + "000000000").substring(0, 9)));
            return Value.valid(
                    inZone
                            ? TimestampData.fromInstant(t.toInstant(TypedTable.TIMESTAMP_ZONE))
                            : TimestampData.fromLocalDateTime(t));
        } catch (DateTimeException e) {
            return Value.any();
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String cut(String s) {
        return s.length() <= 60 ? s : s.substring(0, 50) + "…(" + s.length() + " chars)";
    }

    /** A duplicate member name found while parsing, with its path. */
    private static final class Duplicate extends Exception {
        private static final long serialVersionUID = 1L;
        final String path;

        Duplicate(String path) {
            super(path, null, false, false);
            this.path = path;
        }
    }
}
