package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.ColumnType.Kind;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.RecordingRowListener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;

import static io.github.flinkticdc.format.testutil.FramedRecord.keys;
import static io.github.flinkticdc.format.testutil.FramedRecord.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The value rules of spec §3.4: what text each column {@code v} becomes, and the {@link ColumnType}
 * it is reported with.
 */
class OpenProtocolValuesTest {

    private static final String ROW_KEY = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1}";

    private final OpenProtocolRecordReader reader = new OpenProtocolRecordReader(Compression.NONE);

    // ---------------------------------------------------------------- Go-quoted binary strings

    /**
     * Wire text (after JSON unescaping of the Java literal and of the JSON string) to bytes; each
     * binary string type code (15, 253, 254) reads the same way.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // spec §3.4 example (sample 01, columns ac and bg)
                "\\\\x01\\\\x02\\\\x03\\\\x04\\\\x05\\\\x06\\\\a\\\\b\\\\t\\\\n|0102030405060708090a",
                "\\\\a\\\\b\\\\f\\\\n\\\\r\\\\t\\\\v\\\\\\\\\\\\\\\"|07080c0a0d090b5c22",
                "\\\\xff\\\\x00\\\\xAb|ff00ab",
                "abc|616263",
                "'a b'|612062",
                "测|e6b58b",
                "\\\\u00e9|c3a9",
                "\\\\u6d4b|e6b58b",
                "\\\\U0001F600|f09f9880",
                "\\uD83D\\uDE00|f09f9880",
                "é\\\\x80|c3a980",
                "''|''"
            })
    void unquotesGoEscapedBytes(String wire, String hex) throws Exception {
        for (int code : new int[] {15, 253, 254}) {
            RecordingRowListener row = readColumn(code, 65, "\"" + wire + "\"");

            assertThat(row.newImage).containsEntry("c", "hex:" + hex);
            assertThat(row.types.get("c").kind()).isEqualTo(Kind.BINARY);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {15, 253, 254})
    void keepsNonBinaryStringsAsText(int code) throws Exception {
        RecordingRowListener row = readColumn(code, 64, "\"测试 \\\\x01\"");

        assertThat(row.newImage).containsEntry("c", "测试 \\x01");
        assertThat(row.types.get("c").kind()).isEqualTo(Kind.PLAIN);
    }

    // ---------------------------------------------------------------- base64 BLOB / TEXT

    @ParameterizedTest
    @ValueSource(ints = {249, 250, 251, 252})
    void decodesBase64TextAsUtf8(int code) throws Exception {
        RecordingRowListener row = readColumn(code, 64, "\"5rWL6K+VdGV4dA==\"");

        assertThat(row.newImage).containsEntry("c", "测试text");
        assertThat(row.types.get("c").kind()).isEqualTo(Kind.PLAIN);
    }

    @ParameterizedTest
    @ValueSource(ints = {249, 250, 251, 252})
    void decodesBase64BlobAsBytes(int code) throws Exception {
        RecordingRowListener row = readColumn(code, 65, "\"iVBORw0KGgr/\"");

        assertThat(row.newImage).containsEntry("c", "hex:89504e470d0a1a0aff");
        assertThat(row.types.get("c").kind()).isEqualTo(Kind.BINARY);
    }

    @Test
    void decodesAnEmptyBase64Value() throws Exception {
        assertThat(readColumn(252, 64, "\"\"").newImage).containsEntry("c", "");
        assertThat(readColumn(252, 65, "\"\"").newImage).containsEntry("c", "hex:");
    }

    // ---------------------------------------------------------------- numbers and the rest

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "8|129|18446744073709551615",
                "8|65|-9223372036854775808",
                "8|65|9223372036854775807",
                "4|65|153.123",
                "4|65|3.4028235E38",
                "4|65|1e-7",
                "5|65|-0.0",
                "5|65|0.1000000000000000055511151231257827",
                "5|65|1.7976931348623157e308",
                "16|193|18446744073709551615",
                "13|193|1970",
                "1|65|-128",
                "246|65|\"129012.120\"",
                "245|65|\"{\\\"k\\\": [1, 2.50]}\"",
                "225|65|\"[1,2,3]\"",
                "7|65|\"1973-12-30 15:30:00.000123\"",
                "11|65|\"-838:59:59\"",
                "6|65|\"x\""
            })
    void keepsTheValueTextAsWritten(int code, int flags, String wire) throws Exception {
        RecordingRowListener row = readColumn(code, flags, wire);

        String expected =
                wire.startsWith("\"")
                        ? wire.substring(1, wire.length() - 1).replace("\\\"", "\"")
                        : wire;
        assertThat(row.newImage).containsEntry("c", expected);
        assertThat(row.types.get("c").kind()).isEqualTo(Kind.PLAIN);
    }

    @Test
    void readsEnumAndSetNumbersWithTheirKind() throws Exception {
        RecordingRowListener enumColumn = readColumn(247, 64, "1");
        RecordingRowListener setColumn = readColumn(248, 64, "5");

        assertThat(enumColumn.newImage).containsEntry("c", "1");
        assertThat(enumColumn.types.get("c").kind()).isEqualTo(Kind.ENUM);
        assertThat(enumColumn.types.get("c").elements()).isEmpty();
        assertThat(setColumn.newImage).containsEntry("c", "5");
        assertThat(setColumn.types.get("c").kind()).isEqualTo(Kind.SET);
    }

    @Test
    void readsNullAndAMissingValueAsSqlNull() throws Exception {
        reader.reset(
                keys(ROW_KEY),
                values("{\"u\":{\"a\":{\"t\":15,\"f\":65,\"v\":null},\"b\":{\"t\":3,\"f\":65}}}"));
        reader.nextEvent();
        RecordingRowListener row = new RecordingRowListener();
        reader.readRow(row);

        assertThat(row.newImage).containsOnly(entry("a", null), entry("b", null));
    }

    // ---------------------------------------------------------------- type names and caching

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "15|65|varbinary (open protocol type 15, binary)",
                "15|64|varchar (open protocol type 15)",
                "254|65|binary (open protocol type 254, binary)",
                "254|0|char (open protocol type 254)",
                "252|65|blob (open protocol type 252, binary)",
                "249|64|tinytext (open protocol type 249)",
                "8|129|bigint unsigned (open protocol type 8)",
                "8|65|bigint (open protocol type 8)",
                "3|11|int (open protocol type 3)",
                "13|193|year (open protocol type 13)",
                "246|65|decimal (open protocol type 246)",
                "247|64|enum (open protocol type 247)",
                "225|0|vector (open protocol type 225)"
            })
    void namesTheTypeReadably(int code, int flags, String name) throws Exception {
        String value = code >= 249 ? "\"\"" : "null";

        assertThat(readColumn(code, flags, value).types.get("c").name()).isEqualTo(name);
    }

    @Test
    void sharesOneColumnTypePerCodeAndMeaningfulFlags() throws Exception {
        ColumnType first = readColumn(15, 65, "\"a\"").types.get("c");
        ColumnType again = readColumn(15, 65 | 0x02 | 0x08, "\"b\"").types.get("c");
        ColumnType intWithBinaryFlag = readColumn(3, 65, "1").types.get("c");
        ColumnType intWithoutFlags = readColumn(3, 0, "1").types.get("c");

        assertThat(again).isSameAs(first);
        assertThat(intWithBinaryFlag).isSameAs(intWithoutFlags);
        assertThat(readColumn(15, 64, "\"a\"").types.get("c")).isNotEqualTo(first);
    }

    // ---------------------------------------------------------------- field and column order

    @Test
    void readsColumnFieldsInAnyOrder() throws Exception {
        reader.reset(
                keys(ROW_KEY),
                values(
                        "{\"u\":{\"a\":{\"v\":\"\\\\x01\\\\n\",\"f\":65,\"h\":true,\"t\":15},"
                                + "\"b\":{\"v\":\"YQ==\",\"t\":252,\"f\":64},"
                                + "\"c\":{\"f\":65,\"v\":7,\"t\":3}}}"));
        reader.nextEvent();
        RecordingRowListener row = new RecordingRowListener();
        reader.readRow(row);

        assertThat(row.newImage)
                .containsExactly(entry("a", "hex:010a"), entry("b", "a"), entry("c", "7"));
        assertThat(row.calls)
                .containsExactly(
                        "accept s.t",
                        "type a",
                        "value NEW a",
                        "type b",
                        "value NEW b",
                        "type c",
                        "value NEW c");
    }

    @Test
    void toleratesAMissingFlagField() throws Exception {
        RecordingRowListener row = new RecordingRowListener();
        reader.reset(keys(ROW_KEY), values("{\"u\":{\"col1\":{\"t\":1,\"v\":\"aa\"}}}"));
        reader.nextEvent();
        reader.readRow(row);

        assertThat(row.newImage).containsExactly(entry("col1", "aa"));
    }

    // ---------------------------------------------------------------- row kinds and images

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"u\":{\"a\":{\"t\":3,\"v\":2}}}|INSERT|a=2|",
                "{\"u\":{\"a\":{\"t\":3,\"v\":2}},\"p\":{\"a\":{\"t\":3,\"v\":1}}}|UPDATE|a=2|a=1",
                "{\"p\":{\"a\":{\"t\":3,\"v\":1}},\"u\":{\"a\":{\"t\":3,\"v\":2}}}|UPDATE|a=2|a=1",
                "{\"u\":{\"a\":{\"t\":3,\"v\":2}},\"p\":{}}|UPDATE|a=2|",
                "{\"d\":{\"a\":{\"t\":3,\"v\":1}}}|DELETE|a=1|",
                "{\"x\":[1,{}],\"u\":{\"a\":{\"t\":3,\"v\":2}},\"y\":null}|INSERT|a=2|"
            })
    void tellsTheRowKindFromTheImages(
            String value, ChangeKind kind, String newImage, String oldImage) throws Exception {
        reader.reset(keys(ROW_KEY), values(value));
        reader.nextEvent();
        RecordingRowListener row = new RecordingRowListener();

        assertThat(reader.readRow(row)).isEqualTo(kind);
        assertThat(row.newImage).isEqualTo(image(newImage));
        assertThat(row.oldImage).isEqualTo(image(oldImage));
    }

    @Test
    void skipsColumnsWithoutSlotUnread() throws Exception {
        // Column "b" would be an error if it were read: an unknown type code.
        reader.reset(
                keys(ROW_KEY),
                values("{\"u\":{\"a\":{\"t\":3,\"v\":2},\"b\":{\"t\":99,\"v\":{\"x\":1}}}}"));
        reader.nextEvent();
        RecordingRowListener row = new RecordingRowListener(Set.of("a"));

        assertThat(reader.readRow(row)).isEqualTo(ChangeKind.INSERT);
        assertThat(row.newImage).containsExactly(entry("a", "2"));
        assertThat(row.types).containsOnlyKeys("a");
    }

    @Test
    void skipsTheImagesOfARefusedTableButStillTellsTheKind() throws Exception {
        reader.reset(
                keys(ROW_KEY),
                values("{\"u\":{\"a\":{\"t\":99,\"v\":2}},\"p\":{\"a\":{\"t\":3,\"v\":1}}}"));
        reader.nextEvent();
        RecordingRowListener row = new RecordingRowListener();
        row.refuseRows();

        assertThat(reader.readRow(row)).isEqualTo(ChangeKind.UPDATE);
        assertThat(row.calls).containsExactly("accept s.t");
    }

    /** JSON lets a name be written with escapes: it is the same name, though TiCDC never does. */
    @Test
    void readsNamesWrittenWithEscapes() throws Exception {
        reader.reset(
                keys("{\"\\u0074s\":5,\"scm\":\"s\",\"tbl\":\"t\",\"\\u0074\":1}"),
                values("{\"\\u0075\":{\"\\u0063\":{\"\\u0074\":3,\"\\u0076\":7}}}"));

        assertThat(reader.nextEvent()).isTrue();
        assertThat(reader.key().ts()).isEqualTo(5L);
        RecordingRowListener row = new RecordingRowListener();
        assertThat(reader.readRow(row)).isEqualTo(ChangeKind.INSERT);
        assertThat(row.newImage).containsExactly(entry("c", "7"));
    }

    @Test
    void reusesTheReaderAcrossRecordsAndEvents() throws Exception {
        RecordingRowListener row = new RecordingRowListener();
        for (int record = 0; record < 3; record++) {
            reader.reset(
                    keys(ROW_KEY, "{\"ts\":6,\"scm\":\"s\",\"tbl\":\"u\",\"t\":1,\"ptn\":9}"),
                    values(
                            "{\"u\":{\"a\":{\"t\":3,\"v\":" + record + "}}}",
                            "{\"d\":{\"a\":{\"t\":3,\"v\":1}}}"));

            assertThat(reader.nextEvent()).isTrue();
            assertThat(reader.key().partitionId()).isNull();
            row.clear();
            assertThat(reader.readRow(row)).isEqualTo(ChangeKind.INSERT);
            assertThat(row.newImage).containsExactly(entry("a", String.valueOf(record)));
            assertThat(reader.nextEvent()).isTrue();
            assertThat(reader.key().table()).isEqualTo("u");
            assertThat(reader.key().partitionId()).isEqualTo(9L);
            row.clear();
            assertThat(reader.readRow(row)).isEqualTo(ChangeKind.DELETE);
            assertThat(row.calls).containsExactly("accept s.u", "type a", "value NEW a");
            assertThat(reader.nextEvent()).isFalse();
        }
    }

    private RecordingRowListener readColumn(int code, int flags, String valueJson)
            throws Exception {
        reader.reset(
                keys(ROW_KEY),
                values(
                        "{\"u\":{\"c\":{\"t\":"
                                + code
                                + ",\"f\":"
                                + flags
                                + ",\"v\":"
                                + valueJson
                                + "}}}"));
        assertThat(reader.nextEvent()).isTrue();
        RecordingRowListener row = new RecordingRowListener();
        reader.readRow(row);
        return row;
    }

    private static Map<String, String> image(String columns) {
        if (columns == null) {
            return Map.of();
        }
        String[] pair = columns.split("=");
        return Map.of(pair[0], pair[1]);
    }
}
