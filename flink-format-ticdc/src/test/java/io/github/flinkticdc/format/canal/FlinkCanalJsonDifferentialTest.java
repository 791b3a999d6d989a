package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.testutil.CanalJsonMessages;
import io.github.flinkticdc.format.testutil.FormatFactoryDecoder;
import io.github.flinkticdc.format.testutil.Hex;
import io.github.flinkticdc.format.testutil.NaturalTypes;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.FlinkVersion;
import org.apache.flink.formats.json.canal.CanalJsonFormatFactory;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flink's own {@code canal-json} format (flink-json) against {@code ticdc-canal}, both built by
 * their factories as the planner builds them. On TiCDC messages that Flink's format handles
 * correctly the two must produce the same changelog, so that users can switch formats without their
 * rows changing. For every TiCDC feature Flink's format gets wrong there is one test that pins what
 * Flink produces (on the Flink line under test) next to what we produce, so that a Flink upgrade
 * that fixes or changes one of them is noticed.
 */
class FlinkCanalJsonDifferentialTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Metadata both formats offer under the same key, read from the same message field. */
    private static final List<String> SHARED_METADATA =
            List.of(
                    "database",
                    "table",
                    "pk-names",
                    "sql-type",
                    "event-timestamp",
                    "ingestion-timestamp");

    // ---------------------------------------------------------------------------------------
    // Same rows where Flink's canal-json is right
    // ---------------------------------------------------------------------------------------

    /**
     * Flink's format knows INSERT/UPDATE/DELETE and CREATE only, and cannot tell a handle-key-only
     * row from a complete one; the other samples are the subject of the tests further down. Among
     * those it does handle are an UPDATE whose {@code old} holds explicit NULLs (Flink 1.20 and 2.2
     * check key presence in {@code old}, so the NULLs survive) and TiCDC 4.0's INSERT with {@code
     * "old":[null]} (Flink ignores {@code old} on INSERT).
     */
    static Stream<Arguments> samplesFlinkHandles() {
        return TiCdcSampleFiles.expectations("canal-json").stream()
                .filter(
                        sample -> {
                            JsonNode expect = sample.get("expect");
                            switch (expect.get("messageType").asText()) {
                                case "ROW":
                                    return !isIncompleteRow(expect);
                                case "DDL":
                                    return "CREATE".equals(expect.get("ddlType").asText());
                                default:
                                    return false;
                            }
                        })
                .map(sample -> Arguments.of(Named.of(sample.get("file").asText(), sample)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesFlinkHandles")
    void samplesDecodeToTheSameRows(JsonNode sample) throws Exception {
        String file = sample.get("file").asText();
        JsonNode expect = sample.get("expect");
        DataType physical = declaredRow(TiCdcSampleFiles.json(file).get("mysqlType"));
        byte[] message = TiCdcSampleFiles.bytes(file);

        List<Row> ours = oursWithMetadata(physical).decode(message);

        assertThat(ours).isEqualTo(flinksWithMetadata(physical).decode(message));
        // Equal rows prove little if both formats dropped the values: check them against the
        // expectation file too (kinds, and which columns are NULL).
        List<String> expectedKinds = new ArrayList<>();
        expect.path("rows").forEach(row -> expectedKinds.add(row.get("kind").asText()));
        assertThat(kinds(ours)).isEqualTo(expectedKinds);
        List<String> fields = DataType.getFieldNames(physical);
        for (int i = 0; i < ours.size(); i++) {
            JsonNode values = expect.get("rows").get(i).get("values");
            for (int f = 0; f < fields.size(); f++) {
                JsonNode value = values.get(fields.get(f));
                if (value != null) {
                    assertThat(ours.get(i).getField(f) == null)
                            .as("%s is NULL in row %d", fields.get(f), i)
                            .isEqualTo(value.isNull());
                }
            }
        }
    }

    /** Every non-binary value vector in one INSERT, each column in its natural Flink type. */
    @Test
    void valueVectorsDecodeToTheSameValues() throws Exception {
        ObjectNode data = MAPPER.createObjectNode();
        ObjectNode mysqlType = MAPPER.createObjectNode();
        ObjectNode sqlType = MAPPER.createObjectNode();
        for (JsonNode vector :
                TiCdcSampleFiles.json("canal-json/value-vectors.json").get("vectors")) {
            if (vector.has("decodedValue")) {
                String column = vector.get("column").asText();
                data.set(column, MAPPER.readTree(vector.get("wireJsonValue").asText()));
                mysqlType.set(column, vector.get("mysqlType"));
                sqlType.set(column, vector.get("sqlType"));
            }
        }
        ObjectNode insert = (ObjectNode) MAPPER.readTree(json(INSERT_HEADER));
        insert.set("mysqlType", mysqlType);
        insert.set("sqlType", sqlType);
        insert.putArray("data").add(data);
        byte[] message = MAPPER.writeValueAsBytes(insert);
        DataType physical = declaredRow(mysqlType);

        List<Row> ours = oursWithMetadata(physical).decode(message);

        assertThat(ours).isEqualTo(flinksWithMetadata(physical).decode(message));
        assertThat(ours).hasSize(1);
        List<String> fields = DataType.getFieldNames(physical);
        for (int f = 0; f < fields.size(); f++) {
            assertThat(ours.get(0).getField(f) == null)
                    .as(fields.get(f))
                    .isEqualTo(data.get(fields.get(f)).isNull());
        }
    }

    /** Columns of the constructed messages: a key, text, exact decimal, date-time and date. */
    private static final DataType SHOP_ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.INT()),
                    DataTypes.FIELD("name", DataTypes.STRING()),
                    DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                    DataTypes.FIELD("updated", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("born", DataTypes.DATE()));

    private static final String SHOP_HEADER =
            "'id':0,'database':'shop','table':'orders','pkNames':['id'],'isDdl':false,"
                    + "'es':1640007049196,'ts':1640007050284,'sql':'',"
                    + "'sqlType':{'id':4,'name':12,'price':3,'updated':93,'born':91},"
                    + "'mysqlType':{'id':'int','name':'varchar','price':'decimal',"
                    + "'updated':'datetime','born':'date'},"
                    + "'_tidb':{'commitTs':429918007904436226}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "INSERT with NULLs|'type':'INSERT','old':null,'data':[{'id':'1','name':null,"
                        + "'price':'9.90','updated':null,'born':null}]",
                "UPDATE with every column in old, value to NULL and NULL to value|'type':'UPDATE',"
                        + "'old':[{'id':'1','name':'a','price':null,'updated':'2024-01-02 03:04:05.678',"
                        + "'born':'2000-02-29'}],'data':[{'id':'1','name':'b','price':'9.90',"
                        + "'updated':null,'born':'2000-02-29'}]",
                "UPDATE with only the changed columns in old|'type':'UPDATE',"
                        + "'old':[{'name':'a','updated':'2024-01-02 03:04:05.678'}],"
                        + "'data':[{'id':'1','name':'b','price':'9.90',"
                        + "'updated':'2024-01-02 03:04:06.000','born':'2000-02-29'}]",
                "UPDATE with only the changed columns in old, one of them NULL before|"
                        + "'type':'UPDATE','old':[{'name':null}],'data':[{'id':'1','name':'b',"
                        + "'price':'9.90','updated':null,'born':null}]",
                "UPDATE with an empty old (content-compatible, nothing changed)|'type':'UPDATE',"
                        + "'old':[{}],'data':[{'id':'1','name':'b','price':null,'updated':null,"
                        + "'born':null}]",
                "DELETE with old repeating data (TiCDC before 5.4)|'type':'DELETE',"
                        + "'old':[{'id':'1','name':'b','price':'9.90','updated':null,'born':null}],"
                        + "'data':[{'id':'1','name':'b','price':'9.90','updated':null,'born':null}]",
                "DELETE with old null|'type':'DELETE','old':null,'data':[{'id':'1','name':'b',"
                        + "'price':'0.00','updated':'1970-01-01 00:00:00.000','born':'1970-01-01'}]",
            })
    void constructedMessagesDecodeToTheSameRows(String description, String event) throws Exception {
        byte[] message = json("{" + SHOP_HEADER + "," + event + "}");

        List<Row> ours = oursWithMetadata(SHOP_ROW).decode(message);

        assertThat(ours).isEqualTo(flinksWithMetadata(SHOP_ROW).decode(message)).isNotEmpty();
    }

    /** BIGINT UNSIGNED beyond a signed long: Flink's DECIMAL conversion is exact as well. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"18446744073709551615", "9223372036854775808", "0"})
    void bigintUnsignedDecodesToTheSameDecimal(String wire) throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.DECIMAL(20, 0)));
        byte[] message =
                CanalJsonMessages.insert("bigint unsigned", CanalJsonMessages.quoted(wire));

        List<Row> ours = ours(physical).decode(message);

        assertThat(ours).isEqualTo(flinks(physical).decode(message));
        assertThat(ours.get(0).getField(0)).isEqualTo(new BigDecimal(wire));
    }

    // ---------------------------------------------------------------------------------------
    // Where Flink's canal-json is wrong for TiCDC and ticdc-canal is right
    // ---------------------------------------------------------------------------------------

    static Stream<Arguments> watermarks() {
        return TiCdcSampleFiles.expectations("canal-json").stream()
                .filter(s -> "WATERMARK".equals(s.get("expect").get("messageType").asText()))
                .map(s -> Arguments.of(Named.of(s.get("file").asText(), s.get("file").asText())));
    }

    /** Why: TiCDC broadcasts TIDB_WATERMARK about every second, so Flink's job fails at once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("watermarks")
    void watermarkFailsFlinkAndIsConsumedByUs(String file) throws Exception {
        byte[] message = TiCdcSampleFiles.bytes(file);
        DataType physical = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT()));
        FormatFactoryDecoder ours = ours(physical);

        assertThatThrownBy(() -> flinks(physical).decode(message))
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining("Unknown \"type\" value \"TIDB_WATERMARK\"");
        assertThat(ours.decode(message)).isEmpty();
        assertThat(ours.counter(DecodeMetrics.WATERMARK_EVENTS)).isEqualTo(1);
    }

    /**
     * The real non-CREATE DDL samples, and the CREATE sample re-typed as each other DDL type TiCDC
     * writes (spec: DDL type mapping).
     */
    static Stream<Arguments> nonCreateDdl() throws Exception {
        List<Arguments> messages = new ArrayList<>();
        JsonNode create = null;
        for (JsonNode sample : TiCdcSampleFiles.expectations("canal-json")) {
            JsonNode expect = sample.get("expect");
            if (!"DDL".equals(expect.get("messageType").asText())) {
                continue;
            }
            String file = sample.get("file").asText();
            String type = expect.get("ddlType").asText();
            if ("CREATE".equals(type)) {
                create = TiCdcSampleFiles.json(file);
            } else {
                messages.add(Arguments.of(Named.of(file, TiCdcSampleFiles.bytes(file)), type));
            }
        }
        assertThat(create).as("a CREATE sample").isNotNull();
        for (String type :
                List.of("ALTER", "ERASE", "TRUNCATE", "RENAME", "CINDEX", "DINDEX", "QUERY")) {
            ObjectNode retyped = create.deepCopy();
            retyped.put("type", type);
            messages.add(
                    Arguments.of(
                            Named.of("CREATE sample as " + type, MAPPER.writeValueAsBytes(retyped)),
                            type));
        }
        return messages.stream();
    }

    /** Why: Flink only knows Canal's CREATE, so the first ALTER TABLE upstream fails the job. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nonCreateDdl")
    void nonCreateDdlFailsFlinkAndIsSkippedByUs(byte[] message, String type) throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT()));
        FormatFactoryDecoder ours = ours(physical);

        assertThatThrownBy(() -> flinks(physical).decode(message))
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining("Unknown \"type\" value \"" + type + "\"");
        assertThat(ours.decode(message)).isEmpty();
        assertThat(ours.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isEqualTo(1);
    }

    /** Why: TiDB's BOOL is TINYINT(1), written "1"; Flink reads it with Boolean.parseBoolean. */
    @Test
    void booleanFromOneIsFalseInFlinkAndTrueInOurs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.BOOLEAN()));
        byte[] message = CanalJsonMessages.insert("tinyint", "\"1\"");

        assertThat(flinks(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, false));
        assertThat(ours(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, true));
    }

    static Stream<Arguments> binaryVectors() {
        JsonNode file = TiCdcSampleFiles.json("canal-json/value-vectors.json");
        return Stream.concat(
                        StreamSupport.stream(file.get("vectors").spliterator(), false),
                        Stream.of(file.get("binaryDocsExample")))
                .filter(vector -> vector.has("decodedBytesHex"))
                .map(vector -> Arguments.of(Named.of(vector.get("column").asText(), vector)));
    }

    /**
     * Why: TiCDC writes binary columns as ISO-8859-1 characters; Flink base64-decodes BYTES, which
     * rejects these strings.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryVectors")
    void binaryFailsFlinkAndIsReadAsIso88591ByUs(JsonNode vector) throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.BYTES()));
        byte[] message =
                CanalJsonMessages.insert(
                        vector.get("mysqlType").asText(), vector.get("wireJsonValue").asText());

        assertThatThrownBy(() -> flinks(physical).decode(message))
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining("Unable to deserialize byte array")
                .rootCause()
                .hasMessageContaining("base64");
        List<Row> ours = ours(physical).decode(message);
        assertThat(ours).hasSize(1);
        assertThat(Hex.of((byte[]) ours.get(0).getField(0)))
                .isEqualTo(vector.get("decodedBytesHex").asText());
    }

    /**
     * Why: worse than failing, a binary value that happens to be valid base64 (here the four bytes
     * "TiDB") is silently turned into other bytes by Flink.
     */
    @Test
    void binaryThatLooksLikeBase64IsCorruptedByFlink() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.BYTES()));
        byte[] message = CanalJsonMessages.insert("varbinary", "\"TiDB\"");

        assertThat(flinks(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, Base64.getDecoder().decode("TiDB")));
        assertThat(ours(physical).decode(message))
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, "TiDB".getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * Why: TiCDC writes TIMESTAMP in its server's zone without an offset; Flink's TIMESTAMP_LTZ
     * wants a "Z" suffix and has no option to name the zone.
     */
    @Test
    void zonelessTimestampFailsFlinkAndIsReadInTheConfiguredZoneByUs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.TIMESTAMP_LTZ(6)));
        byte[] message = CanalJsonMessages.insert("timestamp", "\"2026-02-05 22:58:40.992217\"");

        assertThatThrownBy(() -> flinks(physical).decode(message))
                .isInstanceOf(IOException.class)
                .rootCause()
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("could not be parsed at index 26");
        assertThat(ours(physical, Map.of("timestamp.time-zone", "Asia/Shanghai")).decode(message))
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, Instant.parse("2026-02-05T14:58:40.992217Z")));
    }

    /**
     * Why: with {@code content-compatible=true} the mysqlType lists ENUM/SET members, but Flink
     * only ever sees the index/bitmask TiCDC writes as the value.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "enum('a','b','c')|2|2|b",
                "set('a','b','c')|5|5|a,c",
                "set('a','b','c')|0|0|''",
            })
    void enumAndSetAreNumbersInFlinkAndLabelsInOurs(
            String mysqlType, String wire, String flinkValue, String ourValue) throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.STRING()));
        byte[] message = CanalJsonMessages.insert(mysqlType, CanalJsonMessages.quoted(wire));

        assertThat(flinks(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, flinkValue));
        assertThat(ours(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, ourValue));
    }

    /** Why: MySQL's zero date/datetime is no calendar value; Flink's parser rejects it. */
    @ParameterizedTest(name = "{0} into {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0000-00-00|DATE|date",
                "0000-00-00 00:00:00|TIMESTAMP(0)|datetime",
                "0000-00-00 00:00:00.000|TIMESTAMP(3)|timestamp",
            })
    void zeroDateFailsFlinkAndIsNullInOurs(String wire, String flinkType, String mysqlType)
            throws Exception {
        DataType declared =
                flinkType.equals("DATE")
                        ? DataTypes.DATE()
                        : DataTypes.TIMESTAMP(flinkType.equals("TIMESTAMP(3)") ? 3 : 0);
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", declared));
        byte[] message = CanalJsonMessages.insert(mysqlType, CanalJsonMessages.quoted(wire));

        assertThatThrownBy(() -> flinks(physical).decode(message))
                .isInstanceOf(IOException.class)
                .rootCause()
                .isInstanceOf(DateTimeException.class)
                .hasMessageContaining("MonthOfYear");
        assertThat(ours(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, (Object) null));
    }

    /**
     * Why: up to Flink 2.2, Flink keeps only the whole seconds of a TIME(fsp) value, without any
     * error. Flink 2.3 keeps the milliseconds, as we do.
     */
    @Test
    void fractionalTimeIsTruncatedByFlinkUpTo22AndKeptByUs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.TIME(3)));
        byte[] message = CanalJsonMessages.insert("time", "\"12:34:56.789\"");
        // Flink 1.20 does not know the version 2.2, hence the Optional.
        boolean flinkKeepsFraction =
                FlinkVersion.byCode("2.2")
                        .map(FlinkVersion.current()::isNewerVersionThan)
                        .orElse(false);

        assertThat(flinks(physical).decode(message))
                .containsExactly(
                        Row.ofKind(
                                RowKind.INSERT,
                                LocalTime.parse(flinkKeepsFraction ? "12:34:56.789" : "12:34:56")));
        assertThat(ours(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, LocalTime.parse("12:34:56.789")));
    }

    /**
     * Why: a DECIMAL value that the declared type cannot hold exactly loses data in Flink without a
     * trace (NULL on overflow, rounding on extra fraction digits).
     */
    @ParameterizedTest(name = "{0} into DECIMAL({1}, {2})")
    @CsvSource({"12345.67, 5, 2, ", "1.005, 10, 2, 1.01"})
    void inexactDecimalIsSilentlyChangedByFlinkAndAnErrorInOurs(
            String wire, int precision, int scale, BigDecimal flinkValue) throws Exception {
        DataType physical =
                DataTypes.ROW(DataTypes.FIELD("c", DataTypes.DECIMAL(precision, scale)));
        byte[] message = CanalJsonMessages.insert("decimal", CanalJsonMessages.quoted(wire));

        assertThat(flinks(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, flinkValue));
        assertThatThrownBy(() -> ours(physical).decode(message))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'c'")
                .hasMessageContaining(wire);
    }

    /**
     * Why: Flink keeps every fraction digit of the text, so a TIMESTAMP(3) column carries
     * microseconds that the declared type does not have.
     */
    @Test
    void timestampFractionBeyondThePrecisionIsKeptByFlinkAndCutByUs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.TIMESTAMP(3)));
        byte[] message = CanalJsonMessages.insert("timestamp", "\"2026-02-05 22:58:40.992217\"");

        assertThat(flinks(physical).decode(message))
                .containsExactly(
                        Row.ofKind(
                                RowKind.INSERT, LocalDateTime.parse("2026-02-05T22:58:40.992217")));
        assertThat(ours(physical).decode(message))
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, LocalDateTime.parse("2026-02-05T22:58:40.992")));
    }

    /**
     * Why: a binary column read as STRING is text in some charset; Flink hands over TiCDC's
     * ISO-8859-1 transport characters instead of decoding the bytes (here UTF-8 "测试").
     */
    @Test
    void binaryIntoStringIsGarbledByFlinkAndUtf8TextInOurs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.STRING()));
        String transport =
                new String(
                        "\u6d4b\u8bd5".getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1);
        byte[] message =
                CanalJsonMessages.insert("varbinary", MAPPER.writeValueAsString(transport));

        assertThat(flinks(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, transport));
        assertThat(ours(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, "\u6d4b\u8bd5"));
    }

    /** Why: TiCDC writes a VECTOR as the text "[1,2,3]"; Flink expects a JSON array for ARRAY. */
    @Test
    void vectorFailsFlinkAndIsAFloatArrayInOurs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("c", DataTypes.ARRAY(DataTypes.FLOAT())));
        byte[] message = CanalJsonMessages.insert("vector", "\"[1,2,3]\"");

        assertThatThrownBy(() -> flinks(physical).decode(message))
                .isInstanceOf(IOException.class)
                .rootCause()
                .isInstanceOf(ClassCastException.class);
        assertThat(ours(physical).decode(message))
                .containsExactly(Row.ofKind(RowKind.INSERT, (Object) new Float[] {1f, 2f, 3f}));
    }

    static Stream<Arguments> incompleteRows() {
        return TiCdcSampleFiles.expectations("canal-json").stream()
                .filter(s -> isIncompleteRow(s.get("expect")))
                .map(s -> Arguments.of(Named.of(s.get("file").asText(), s.get("file").asText())));
    }

    /**
     * Why: a too-large event arrives with only its key columns; Flink emits it as a complete row
     * whose other columns are NULL, which overwrites real values downstream.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteRows")
    void handleKeyOnlyRowIsARowOfNullsInFlinkAndAnErrorInOurs(String file) throws Exception {
        DataType physical =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.INT()),
                        DataTypes.FIELD("c_int", DataTypes.INT()));
        byte[] message = TiCdcSampleFiles.bytes(file);

        List<Row> flink = flinks(physical).decode(message);
        assertThat(flink).hasSize(1);
        assertThat(flink.get(0).getKind()).isEqualTo(RowKind.INSERT);
        assertThat(flink.get(0).getField(0)).isNotNull();
        assertThat(flink.get(0).getField(1)).isNull();
        assertThatThrownBy(() -> ours(physical).decode(message))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("only its handle-key columns")
                .hasMessageContaining("ignore-parse-errors");
    }

    /** Why: ordering and de-duplicating TiCDC's changes needs the commit TSO; Flink drops it. */
    @Test
    void commitTsIsOnlyOfferedByUs() throws Exception {
        DataType physical = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT()));
        assertThat(flinks(physical).readableMetadata())
                .doesNotContainKeys("commit-ts", "commit-time");

        int checked = 0;
        for (JsonNode sample : TiCdcSampleFiles.expectations("canal-json")) {
            JsonNode expect = sample.get("expect");
            if (!"ROW".equals(expect.get("messageType").asText())
                    || isIncompleteRow(expect)
                    || expect.get("commitTs").isNull()) {
                continue;
            }
            FormatFactoryDecoder ours =
                    FormatFactoryDecoder.create(
                            new TiCdcCanalFormatFactory(),
                            Map.of(),
                            physical,
                            List.of("commit-ts"));
            for (Row row : ours.decode(TiCdcSampleFiles.bytes(sample.get("file").asText()))) {
                assertThat(row.getField(1))
                        .isEqualTo(Long.parseLong(expect.get("commitTs").asText()));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    // ---------------------------------------------------------------------------------------

    private static final String INSERT_HEADER =
            "{'id':0,'database':'db','table':'t','pkNames':[],'isDdl':false,'type':'INSERT',"
                    + "'es':1640007049196,'ts':1640007050284,'sql':'','old':null,"
                    + "'_tidb':{'commitTs':429918007904436226}}";

    /** Flink's canal-json with the shared metadata columns after the physical ones. */
    private static FormatFactoryDecoder flinksWithMetadata(DataType physical) throws Exception {
        return FormatFactoryDecoder.create(
                new CanalJsonFormatFactory(), Map.of(), physical, SHARED_METADATA);
    }

    /** Ours with the shared metadata columns after the physical ones. */
    private static FormatFactoryDecoder oursWithMetadata(DataType physical) throws Exception {
        return FormatFactoryDecoder.create(
                new TiCdcCanalFormatFactory(), Map.of(), physical, SHARED_METADATA);
    }

    private static FormatFactoryDecoder flinks(DataType physical) throws Exception {
        return FormatFactoryDecoder.create(
                new CanalJsonFormatFactory(), Map.of(), physical, List.of());
    }

    private static FormatFactoryDecoder ours(DataType physical) throws Exception {
        return ours(physical, Map.of());
    }

    private static FormatFactoryDecoder ours(DataType physical, Map<String, String> options)
            throws Exception {
        return FormatFactoryDecoder.create(
                new TiCdcCanalFormatFactory(), options, physical, List.of());
    }

    /** JSON written with single quotes, for readability in Java strings. */
    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isIncompleteRow(JsonNode expect) {
        return expect.path("onlyHandleKey").asBoolean(false) || expect.has("claimCheckLocation");
    }

    private static List<String> kinds(List<Row> rows) {
        List<String> kinds = new ArrayList<>();
        rows.forEach(row -> kinds.add(row.getKind().name()));
        return kinds;
    }

    /**
     * The row a user would declare for a table with these TiDB columns, leaving out the columns
     * whose values Flink's format cannot read (binary and vector columns: see the tests above).
     */
    private static DataType declaredRow(JsonNode mysqlTypes) {
        List<DataTypes.Field> fields = new ArrayList<>();
        if (mysqlTypes == null || mysqlTypes.isNull()) {
            fields.add(DataTypes.FIELD("id", DataTypes.INT()));
        } else {
            Iterator<Map.Entry<String, JsonNode>> columns = mysqlTypes.fields();
            while (columns.hasNext()) {
                Map.Entry<String, JsonNode> column = columns.next();
                DataType type = naturalType(column.getValue().asText());
                if (type != null) {
                    fields.add(DataTypes.FIELD(column.getKey(), type));
                }
            }
        }
        return DataTypes.ROW(fields.toArray(new DataTypes.Field[0]));
    }

    /** The Flink type for a TiDB type, or null where Flink's format cannot read it. */
    private static DataType naturalType(String mysqlType) {
        // Flink base64-decodes binary columns and cannot read VECTOR: see the cases below.
        if (NaturalTypes.isBinary(mysqlType) || mysqlType.startsWith("vector")) {
            return null;
        }
        return NaturalTypes.of(mysqlType);
    }
}
