package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Debezium messages that cannot be decoded fail with what was wrong (the column, for a value) and
 * the start of the message, or are skipped and counted with {@code ignore-parse-errors}; and what
 * TiCDC writes besides rows: DDL messages, watermarks, compressed messages, tombstones.
 */
class TiCdcDebeziumBadInputTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("name", DataTypes.STRING()))
                            .getLogicalType();
    private static final TiDbTable TABLE =
            TiDbTable.of("shop", "orders").pk("id", "int").column("name", "varchar");
    private static final String SOURCE =
            "\"source\":{\"db\":\"shop\",\"table\":\"orders\",\"commit_ts\":429918007904436226}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON|{\"payload\":{\"op\":\"c\",\"aft|not valid JSON at byte",
                "not JSON at all|hello world|not valid JSON at byte 0",
                "a JSON array|[1,2]|must be a JSON object, found an array",
                "trailing data|{\"payload\":{}} {}|after the end of the debezium message",
                "no payload|{\"schema\":null}|missing field 'payload'",
                "payload is a string|{\"payload\":\"x\"}|field 'payload' must be an object",
                "payload twice|{\"payload\":{},\"payload\":{}}|field 'payload' appears twice",
                "schema is an array|{\"payload\":{},\"schema\":[]}|field 'schema' must be an object or null",
                "no op and no ddl|{\"payload\":{" + SOURCE + "}}|missing field 'payload.op'",
                "op is a number|{\"payload\":{\"op\":1}}|field 'payload.op' must be a string",
                "unknown op|{\"payload\":{\"op\":\"r\","
                        + SOURCE
                        + ",\"after\":{}}}|unknown op 'r'",
                "insert without after|{\"payload\":{\"op\":\"c\","
                        + SOURCE
                        + ",\"after\":null}}"
                        + "|an insert must have a 'payload.after' object",
                "delete without before|{\"payload\":{\"op\":\"d\","
                        + SOURCE
                        + ",\"after\":{}}}"
                        + "|a delete must have a 'payload.before' object",
                "after is an array|{\"payload\":{\"op\":\"c\","
                        + SOURCE
                        + ",\"after\":[]}}"
                        + "|field 'payload.after' must be an object or null",
                "commit_ts is a string|{\"payload\":{\"op\":\"c\",\"source\":{\"db\":\"shop\","
                        + "\"table\":\"orders\",\"commit_ts\":\"1\"},\"after\":{}}}"
                        + "|field 'payload.source.commit_ts' must be an integer, found a string",
                "negative commit_ts|{\"payload\":{\"op\":\"m\",\"source\":{\"commit_ts\":-5}}}"
                        + "|not a TiDB TSO",
                "watermark without commit_ts|{\"payload\":{\"op\":\"m\",\"source\":{}}}"
                        + "|a watermark (op 'm') must have 'payload.source.commit_ts'",
                "no table|{\"payload\":{\"op\":\"c\",\"source\":{\"commit_ts\":1},\"after\":{}}}"
                        + "|must name its table in 'payload.source.db'",
                "value is an object|{\"payload\":{\"op\":\"c\","
                        + SOURCE
                        + ",\"after\":"
                        + "{\"name\":{\"x\":1}}}}|column 'name' (debezium type 'unknown'): value"
                        + " (an object) holds an object",
                "value of the wrong kind|{\"payload\":{\"op\":\"c\","
                        + SOURCE
                        + ",\"after\":"
                        + "{\"id\":\"1\"}},\"schema\":{\"fields\":[{\"field\":\"after\",\"fields\":"
                        + "[{\"field\":\"id\",\"type\":\"int32\",\"name\":\"io.debezium.time.Date\"}]}]}}"
                        + "|column 'id' (debezium type 'io.debezium.time.Date'): value '1' holds a"
                        + " string",
                "a column twice|{\"payload\":{\"op\":\"c\","
                        + SOURCE
                        + ",\"after\":"
                        + "{\"id\":1,\"id\":2}}}|column 'id' appears twice in one row image",
                "schema fields not an array|{\"payload\":{},\"schema\":{\"fields\":{}}}"
                        + "|field 'schema.fields' must be an array",
                "schema column without name|{\"payload\":{},\"schema\":{\"fields\":[{\"field\":"
                        + "\"after\",\"fields\":[{\"type\":\"int32\"}]}]}}|has no 'field' name",
            })
    void malformedMessagesFailWithTheirReason(String what, String message, String reason)
            throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder(false).decode(bytes))
                .hasMessageStartingWith("Failed to decode a TiCDC debezium message: ")
                .hasMessageContaining(reason)
                .hasMessageContaining(
                        "Message: " + message.substring(0, Math.min(20, message.length())));

        DecoderHarness<byte[]> skipping = decoder(true);
        assertThat(skipping.decode(bytes)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    @Test
    void anUpdateWithoutTheRowBeforeNamesTiCdcsOption() {
        String update =
                "{\"payload\":{\"op\":\"u\"," + SOURCE + ",\"after\":{\"id\":1,\"name\":\"a\"}}}";
        assertThatThrownBy(() -> decoder(false).decode(update.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("debezium-output-old-value=false");
    }

    @Test
    void aValueThatDoesNotFitNamesColumnTypeAndValue() {
        byte[] insert =
                DebeziumWriter.create()
                        .insert(
                                TiDbTable.of("shop", "orders")
                                        .pk("id", "bigint")
                                        .column("name", "varchar"),
                                1L << 20,
                                TiDbTable.of("shop", "orders")
                                        .pk("id", "bigint")
                                        .column("name", "varchar")
                                        .row(4294967295L, "a"));
        assertThatThrownBy(() -> decoder(false).decode(insert))
                .hasMessageContaining(
                        "column 'id' (TiCDC type 'bigint', declared INT): value '4294967295' out"
                                + " of the range of INT");
    }

    @Test
    void ddlMessagesAreSkippedOrFailAsTheDdlOptionSays() throws Exception {
        byte[] ddl =
                DebeziumWriter.create()
                        .ddl(
                                "shop",
                                "orders",
                                CanalDdlType.ALTER,
                                "ALTER TABLE orders ADD COLUMN x INT",
                                429918007904436226L);
        DecoderHarness<byte[]> skipping = decoder(false);
        assertThat(skipping.decode(ddl)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isEqualTo(1);

        DecoderHarness<byte[]> failing =
                DecoderHarness.of(
                        TiCdcDebeziumDeserializationSchema.builder(ROW)
                                .setDdlHandling(DdlHandling.FAIL)
                                .build());
        assertThatThrownBy(() -> failing.decode(ddl))
                .hasMessageContaining("ALTER TABLE orders ADD COLUMN x INT")
                .hasMessageContaining("ALTER");
    }

    @Test
    void watermarksEmitNoRowAndAreCounted() throws Exception {
        DecoderHarness<byte[]> decoder = decoder(false);
        assertThat(decoder.decode(DebeziumWriter.create().watermark(429918007904436226L)))
                .isEmpty();
        assertThat(decoder.counter(DecodeMetrics.WATERMARK_EVENTS)).isEqualTo(1);
    }

    /** TiCDC's large-message-handle-compression applies to the debezium value too. */
    @ParameterizedTest
    @EnumSource(
            value = PayloadCompression.class,
            names = {"LZ4", "SNAPPY"})
    void compressedMessagesDecodeWithTheCompressionOption(PayloadCompression compression)
            throws Exception {
        byte[] insert =
                DebeziumWriter.create()
                        .withCompression(compression)
                        .insert(TABLE, 429918007904436226L, TABLE.row(7, "ok"));
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcDebeziumDeserializationSchema.builder(ROW)
                                .setCompression(Compression.valueOf(compression.name()))
                                .build());
        List<RowData> rows = decoder.decode(insert);
        assertThat(rows)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getRowKind()).isEqualTo(RowKind.INSERT);
                            assertThat(r.getInt(0)).isEqualTo(7);
                            assertThat(r.getString(1)).hasToString("ok");
                        });
        if (compression == PayloadCompression.LZ4) {
            assertThatThrownBy(() -> decoder(false).decode(insert))
                    .hasMessageContaining("set 'compression' = 'lz4'");
        }
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
        assertThat(decoder.decode("{\"payload\":".getBytes(StandardCharsets.UTF_8))).isEmpty();
        byte[] insert = DebeziumWriter.create().insert(TABLE, 42L << 18, TABLE.row(8, "fine"));
        assertThat(decoder.decode(insert))
                .singleElement()
                .satisfies(row -> assertThat(row.getInt(0)).isEqualTo(8));
        assertThat(decoder.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    private static DecoderHarness<byte[]> decoder(boolean ignoreParseErrors) throws Exception {
        return DecoderHarness.of(
                TiCdcDebeziumDeserializationSchema.builder(ROW)
                        .setIgnoreParseErrors(ignoreParseErrors)
                        .build());
    }
}
