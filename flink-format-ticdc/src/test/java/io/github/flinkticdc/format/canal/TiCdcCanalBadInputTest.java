package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.testutil.CanalJsonMessages;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Messages that cannot be decoded fail with a message that says what was wrong, where, and shows
 * the start of the message; with {@code ignore-parse-errors} they are skipped and counted.
 */
class TiCdcCanalBadInputTest {

    private static final RowType ROW = CanalJsonMessages.ORDERS_ROW;
    private static final String HEADER = CanalJsonMessages.ORDERS_HEADER;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON|{\"id\":0,\"database\":\"shop\",\"type\":\"INS"
                        + "|not valid JSON at byte",
                "not JSON at all|hello world|not valid JSON at byte 0: unrecognized token 'hello'",
                "a JSON array|[1,2]|must be a JSON object, found an array",
                "trailing data|{\"type\":\"INSERT\",\"data\":[{\"id\":\"1\"}]} {}"
                        + "|found an object after the end of the canal-json message",
                "database is a number|{\"database\":5,\"type\":\"INSERT\"}"
                        + "|field 'database' must be a string or null, found a number",
                "isDdl is a string|{\"isDdl\":\"false\",\"type\":\"INSERT\"}"
                        + "|field 'isDdl' must be a boolean, found a string",
                "data is an object|{\"type\":\"INSERT\",\"isDdl\":false,\"data\":{\"id\":\"1\"}}"
                        + "|field 'data' must be an array or null, found an object",
                "commitTs is a string|{\"type\":\"INSERT\",\"_tidb\":{\"commitTs\":\"42\"}}"
                        + "|field '_tidb.commitTs' must be an integer, found a string",
                "commitTs beyond 64 bits|{\"type\":\"INSERT\",\"_tidb\":"
                        + "{\"commitTs\":99999999999999999999}}"
                        + "|'_tidb.commitTs' is out of the range of a 64-bit integer",
                "unknown type|{\"isDdl\":false,\"type\":\"UPSERT\",\"data\":[{\"id\":\"1\"}]}"
                        + "|unknown event type 'UPSERT'",
                "missing type|{\"isDdl\":false,\"data\":[{\"id\":\"1\"}]}|missing field 'type'",
                "missing data|{\"isDdl\":false,\"type\":\"INSERT\"}"
                        + "|a INSERT event must have a 'data' array",
                "null data|{\"isDdl\":false,\"type\":\"DELETE\",\"data\":null}"
                        + "|a DELETE event must have a 'data' array",
                "empty data|{\"isDdl\":false,\"type\":\"INSERT\",\"data\":[]}"
                        + "|'data' is an empty array",
                "two rows|{\"isDdl\":false,\"type\":\"INSERT\",\"data\":[{\"id\":\"1\"},{\"id\":\"2\"}]}"
                        + "|'data' holds more than one row",
                "value is an object|{\"isDdl\":false,\"type\":\"INSERT\",\"data\":[{\"name\":{}}]}"
                        + "|column 'name' holds an object",
            })
    void malformedMessagesFailWithTheirReason(String what, String message, String reason)
            throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder(false).decode(bytes))
                .hasMessageStartingWith("Failed to decode a TiCDC canal-json message: ")
                .hasMessageContaining(reason)
                .hasMessageContaining(
                        "Message: " + message.substring(0, Math.min(20, message.length())));

        DecoderHarness<byte[]> skipping = decoder(true);
        assertThat(skipping.decode(bytes)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    @Test
    void updateWithoutOldImageIsAnError() {
        String update =
                "{" + HEADER + ",\"type\":\"UPDATE\",\"old\":null,\"data\":[{\"id\":\"1\"}]}";
        assertThatThrownBy(() -> decoder(false).decode(update.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("an UPDATE event must have an 'old' image")
                .hasMessageContaining("'old': null");
    }

    @Test
    void aValueThatDoesNotFitNamesColumnTypeAndValue() {
        String insert =
                "{"
                        + HEADER
                        + ",\"type\":\"INSERT\",\"old\":null,\"data\":[{\"id\":\"4294967295\","
                        + "\"name\":\"a\"}],\"_tidb\":{\"commitTs\":429918007904436226}}";
        assertThatThrownBy(() -> decoder(false).decode(insert.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(
                        "column 'id' (TiCDC type 'int', declared INT): value '4294967295' out of"
                                + " the range of INT")
                .hasMessageContaining("\"table\":\"orders\"");
    }

    @Test
    void longMessagesAreCutInTheError() {
        String longValue = "x".repeat(5000);
        byte[] message = CanalJsonMessages.insert("id", "int", CanalJsonMessages.quoted(longValue));
        assertThatThrownBy(() -> decoder(false).decode(message))
                .hasMessageContaining("value 'xxxxxxxx")
                .hasMessageContaining("(" + message.length + " bytes)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1000));
    }

    @Test
    void lz4BytesWithoutCompressionOptionGetAHint() {
        byte[] lz4 = {0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, (byte) 0x82, 0, 0, 0, 0};
        assertThatThrownBy(() -> decoder(false).decode(lz4))
                .hasMessageContaining("set 'compression' = 'lz4'")
                .hasMessageContaining("set 'ignore-parse-errors' = 'true'")
                .hasMessageContaining("Message: hex 04224d18");
    }

    @Test
    void tombstonesAreSkippedAndCounted() throws Exception {
        DecoderHarness<byte[]> decoder = decoder(false);
        assertThat(decoder.decode(null)).isEmpty();
        assertThat(decoder.decode(new byte[0])).isEmpty();
        assertThat(decoder.counter(DecodeMetrics.TOMBSTONES_SKIPPED)).isEqualTo(2);
    }

    @Test
    void skippedMessagesDoNotDisturbTheNextOne() throws Exception {
        DecoderHarness<byte[]> decoder = decoder(true);
        assertThat(decoder.decode("{\"type\":".getBytes(StandardCharsets.UTF_8))).isEmpty();
        String insert =
                "{"
                        + HEADER
                        + ",\"type\":\"INSERT\",\"old\":null,\"data\":[{\"id\":\"7\","
                        + "\"name\":\"ok\"}]}";
        assertThat(decoder.decode(insert.getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .satisfies(row -> assertThat(row.getInt(0)).isEqualTo(7));
        assertThat(decoder.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    private static DecoderHarness<byte[]> decoder(boolean ignoreParseErrors) throws Exception {
        return DecoderHarness.of(
                TiCdcCanalDeserializationSchema.builder(ROW)
                        .setIgnoreParseErrors(ignoreParseErrors)
                        .build());
    }
}
