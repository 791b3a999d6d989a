package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.testutil.CanalJsonMessages;
import io.github.flinkticdc.format.testutil.FailingCollector;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile and broken canal-json messages: whatever decoding one of them raises is a clear error
 * that names the cause (or a counted skip with {@code ignore-parse-errors}); none becomes a row
 * that says something the message does not.
 */
class TiCdcCanalHostileInputTest {

    private static final RowType ROW = CanalJsonMessages.ORDERS_ROW;
    private static final String HEADER = CanalJsonMessages.ORDERS_HEADER;
    private static final String INSERT =
            "{"
                    + HEADER
                    + ",\"type\":\"INSERT\",\"old\":null,\"data\":[{\"id\":\"1\",\"name\":\"pen\"}],"
                    + "\"_tidb\":{\"commitTs\":429918007904436226}}";

    @Test
    void aNumberBeyondTheReadersLimitIsAnErrorNotANullPointer() throws Exception {
        String message = INSERT.replace("\"es\":1", "\"es\":" + "9".repeat(1001));
        assertRefused(utf8(message), "exceeds a limit of the JSON reader: Number value length");
    }

    @Test
    void nestingBeyondTheReadersLimitIsAnError() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String message = INSERT.replace("\"sql\":\"\"", "\"sql\":\"\",\"extra\":" + deep);
        assertRefused(utf8(message), "exceeds a limit of the JSON reader: Document nesting depth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16"})
    void otherEncodingsThanUtf8AreRefused(String charset) throws Exception {
        byte[] message = INSERT.getBytes(Charset.forName(charset));
        assertRefused(message, "not valid JSON: byte ");
    }

    @Test
    void anOpenProtocolRecordReadAsCanalJsonSaysWhichProtocolToUse() throws Exception {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 12});
        value.write(utf8("{\"u\":{}}    "));
        assertRefused(
                value.toByteArray(),
                "not valid JSON: byte 0 is a zero byte, which JSON text never holds (an Open"
                        + " Protocol record starts with zero bytes: if the topic is written with"
                        + " TiCDC's protocol=open-protocol, read it with 'connector' = 'ticdc' and"
                        + " 'protocol' = 'open-protocol')");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "surrogate|ed a0 80|byte 77 (bytes ed a0 80) is not valid UTF-8",
                "byte ff|ff|byte 77 (bytes ff) is not valid UTF-8",
                "overlong slash|c0 af|byte 77 (bytes c0 af) is not valid UTF-8",
                "cut sequence|e2 82|byte 77 (bytes e2 82 22) is not valid UTF-8",
                "beyond U+10FFFF|f4 90 80 80|byte 77 (bytes f4 90 80 80) is not valid UTF-8",
            })
    void invalidUtf8InAValueIsRefused(String what, String hex, String reason) throws Exception {
        byte[] prefix = utf8(INSERT.substring(0, INSERT.indexOf("pen")));
        byte[] suffix = utf8(INSERT.substring(INSERT.indexOf("pen") + 3));
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(prefix);
        for (String b : hex.split(" ")) {
            message.write(Integer.parseInt(b, 16));
        }
        message.write(suffix);
        String where = "byte " + prefix.length + " ";
        assertRefused(message.toByteArray(), reason.replace("byte 77 ", where));
    }

    @Test
    void supplementaryCharactersEncodedCorrectlyStillRead() throws Exception {
        RowData row = decoder(false).decode(utf8(INSERT.replace("pen", "p\uD83D\uDD8Aen"))).get(0);
        assertThat(row.getString(1).toString()).isEqualTo("p\uD83D\uDD8Aen");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "two data arrays|\"data\":[{\"id\":\"2\"}],|field 'data' appears twice",
                "two old images|\"old\":[{\"id\":\"2\"}],|field 'old' appears twice",
                "pkNames twice|\"pkNames\":[\"name\"],|field 'pkNames' appears twice",
                "database twice|\"database\":\"other\",|field 'database' appears twice",
                "id twice|\"id\":0,\"id\":1,|field 'id' appears twice",
                "type twice|\"type\":\"DELETE\",|field 'type' appears twice",
                "mysqlType twice|\"mysqlType\":{\"id\":\"int\"},|field 'mysqlType' appears twice",
                "_tidb twice|\"_tidb\":{\"commitTs\":1},|field '_tidb' appears twice",
            })
    void aFieldGivenTwiceIsRefusedNotMerged(String what, String extra, String reason)
            throws Exception {
        String message = INSERT.replace("{\"database\"", "{" + extra + "\"database\"");
        assertRefused(utf8(message), reason + "; TiCDC writes each field once");
    }

    @Test
    void aColumnGivenTwiceInARowIsRefused() throws Exception {
        String message = INSERT.replace("\"name\":\"pen\"", "\"name\":\"pen\",\"id\":\"2\"");
        assertRefused(utf8(message), "column 'id' appears twice in one row image");
    }

    @Test
    void aColumnGivenTwiceInMysqlTypeIsRefused() throws Exception {
        String message =
                INSERT.replace("\"name\":\"varchar\"}", "\"name\":\"varchar\",\"name\":\"blob\"}");
        assertRefused(utf8(message), "'mysqlType' names column 'name' twice");
    }

    @Test
    void aTidbFieldGivenTwiceIsRefused() throws Exception {
        String message =
                INSERT.replace("\"commitTs\":429918007904436226", "\"commitTs\":1,\"commitTs\":2");
        assertRefused(utf8(message), "field '_tidb.commitTs' appears twice");
    }

    @Test
    void anEnumWhoseLabelListIsNotClosedIsRefused() throws Exception {
        String message = INSERT.replace("\"name\":\"varchar\"", "\"name\":\"enum('a','b\"");
        assertRefused(utf8(message), "opens a list of labels that it does not close");
    }

    @Test
    void aSetTypeOfMoreThan64LabelsIsRefusedEvenForANullValue() throws Exception {
        StringBuilder set = new StringBuilder("set(");
        for (int i = 0; i < 65; i++) {
            set.append(i == 0 ? "" : ",").append("'l").append(i).append('\'');
        }
        String message =
                INSERT.replace("\"name\":\"varchar\"", "\"name\":\"" + set + ")\"")
                        .replace("\"name\":\"pen\"", "\"name\":null");
        assertRefused(utf8(message), "lists 65 labels; MySQL allows at most 64");
    }

    @Test
    void aColumnGivenTwiceInMysqlTypeIsRefusedWhateverItsDeclaredType() throws Exception {
        String message = INSERT.replace("{\"id\":\"int\",", "{\"id\":\"int\",\"id\":\"bigint\",");
        assertRefused(utf8(message), "'mysqlType' names column 'id' twice");
    }

    @Test
    void aNegativeCommitTsIsNotATso() throws Exception {
        String message = INSERT.replace("429918007904436226", "-5");
        assertRefused(utf8(message), "field '_tidb.commitTs' is -5, not a TiDB TSO");
    }

    @Test
    void aDecimalWithAHugeExponentIsAnErrorOfItsColumn() throws Exception {
        byte[] message = CanalJsonMessages.insert("c", "decimal", "\"-1e2147483647\"");
        RowType decimal =
                (RowType)
                        DataTypes.ROW(DataTypes.FIELD("c", DataTypes.DECIMAL(10, 2)))
                                .getLogicalType();
        DecoderHarness<byte[]> strict =
                DecoderHarness.of(TiCdcCanalDeserializationSchema.builder(decimal).build());
        assertThatThrownBy(() -> strict.decode(message))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("column 'c' (TiCDC type 'decimal', declared DECIMAL(10, 2))")
                .hasMessageContaining("does not fit DECIMAL(10, 2)");
    }

    @Test
    void jacksonsSourceDescriptionStaysOutOfErrors() {
        byte[] truncated = utf8(INSERT.substring(0, INSERT.indexOf("\"old\"")) + "\"data\":[{");
        assertThatThrownBy(() -> decoder(false).decode(truncated))
                .hasMessageContaining("not valid JSON at byte")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REDACTED", "Source:"));
    }

    @Test
    void aUtf8ByteOrderMarkIsTolerated() throws Exception {
        String deferred =
                "{\"data\":[{\"id\":\"3\",\"name\":\"x\"}],"
                        + INSERT.substring(1)
                                .replace(",\"data\":[{\"id\":\"1\",\"name\":\"pen\"}]", "");
        for (String message : new String[] {INSERT, deferred}) {
            byte[] bom = utf8("\uFEFF" + message);
            assertThat(decoder(false).decode(bom)).hasSize(1);
        }
    }

    @Test
    void includeFiltersAcceptAMessageWithoutNamesLikeAnyOther() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(ROW)
                                .setDatabaseInclude(".*")
                                .setTableInclude(".*")
                                .build());
        String unnamed = INSERT.replace("\"database\":\"shop\",\"table\":\"orders\",", "");
        assertThat(decoder.decode(utf8(unnamed))).hasSize(1);
        assertThat(decoder.decode(utf8(INSERT))).hasSize(1);
        assertThat(decoder.decode(utf8(unnamed))).hasSize(1);
    }

    @Test
    void whatTheCollectorThrowsIsNotTakenForABadMessage() throws Exception {
        TiCdcCanalDeserializationSchema schema =
                TiCdcCanalDeserializationSchema.builder(ROW).setIgnoreParseErrors(true).build();
        schema.open(new TestDecoderContext());
        IllegalStateException downstream = new IllegalStateException("downstream failed");
        Collector<RowData> failing = new FailingCollector(downstream);
        assertThatThrownBy(() -> schema.deserialize(utf8(INSERT), failing)).isSameAs(downstream);
    }

    /** Fails with the reason, or with ignore-parse-errors is skipped and counted. */
    private static void assertRefused(byte[] message, String reason) throws Exception {
        assertThatThrownBy(() -> decoder(false).decode(message))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Failed to decode a TiCDC canal-json message: ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REDACTED", "byte -1"));
        DecoderHarness<byte[]> skipping = decoder(true);
        assertThat(skipping.decode(message)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    private static DecoderHarness<byte[]> decoder(boolean ignoreParseErrors) throws Exception {
        return DecoderHarness.of(
                TiCdcCanalDeserializationSchema.builder(ROW)
                        .setIgnoreParseErrors(ignoreParseErrors)
                        .build());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
