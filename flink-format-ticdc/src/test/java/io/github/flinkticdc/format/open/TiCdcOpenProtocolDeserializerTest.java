package io.github.flinkticdc.format.open;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.testutil.FramedRecord;
import io.github.flinkticdc.format.testutil.Hex;
import io.github.flinkticdc.format.testutil.OpenProtocolRecord;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.flinkticdc.format.testutil.OpenProtocolRecord.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Open Protocol sample decodes, through the Flink deserializer, to the changelog rows and
 * metadata its expectation lists; DDL and resolved events emit nothing and are counted.
 */
class TiCdcOpenProtocolDeserializerTest {

    private static final List<TiCdcMetadata> METADATA =
            List.of(
                    TiCdcMetadata.DATABASE,
                    TiCdcMetadata.TABLE,
                    TiCdcMetadata.EVENT_TYPE,
                    TiCdcMetadata.COMMIT_TS,
                    TiCdcMetadata.COMMIT_TIME,
                    TiCdcMetadata.TABLE_PARTITION_ID);

    private static final String ROW_KEY = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1}";
    private static final String ROW_VALUE =
            "{\"u\":{\"a\":{\"t\":3,\"f\":11,\"h\":true,\"v\":1},\"b\":{\"t\":15,\"f\":64,\"v\":\"x\"}}}";

    static Stream<Named<JsonNode>> samples() {
        return TiCdcSampleFiles.expectations("open-protocol").stream()
                .map(sample -> Named.of(sample.get("files").get("key").asText(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesToTheExpectedChangelog(JsonNode sample) throws Exception {
        JsonNode events = sample.get("expect").get("events");
        RowType rowType = SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), true);
        DecoderHarness<OpenProtocolRecord> decoder =
                OpenProtocolRecord.harness(deserializer(rowType, false));
        byte[] key = TiCdcSampleFiles.bytes(sample.get("files").get("key").asText());
        byte[] value = TiCdcSampleFiles.bytes(sample.get("files").get("value").asText());

        if (hasIncompleteRow(events)) {
            assertThatThrownBy(
                            () ->
                                    decoder.decode(
                                            record(key, value, "topic t partition 0 offset 9")))
                    .hasMessageContaining("at topic t partition 0 offset 9")
                    .hasMessageContaining("only its handle-key columns");
            DecoderHarness<OpenProtocolRecord> skipping =
                    OpenProtocolRecord.harness(deserializer(rowType, true));
            assertThat(skipping.decode(record(key, value))).isEmpty();
            assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
            return;
        }

        List<RowData> rows = decoder.decode(record(key, value));

        List<String> expected = new ArrayList<>();
        int ddls = 0;
        int resolved = 0;
        for (JsonNode event : events) {
            switch (event.get("messageType").asText()) {
                case "ROW":
                    for (JsonNode row : event.get("rows")) {
                        expected.add(expectedRow(rowType, event, row));
                    }
                    break;
                case "DDL":
                    ddls++;
                    break;
                default:
                    resolved++;
            }
        }
        List<String> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(render(rowType, row)));
        assertThat(actual).isEqualTo(expected);
        assertThat(decoder.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isEqualTo(ddls);
        assertThat(decoder.counter(DecodeMetrics.WATERMARK_EVENTS)).isEqualTo(resolved);
    }

    @Test
    void upsertModeEmitsAfterImagesOnly() throws Exception {
        RowType rowType = rowType("a", "b");
        DecoderHarness<OpenProtocolRecord> decoder =
                OpenProtocolRecord.harness(deserializer(rowType, false, true));
        List<RowKind> kinds = new ArrayList<>();
        for (String file : List.of("02-insert", "03-update-with-old-value", "04-delete")) {
            for (RowData row :
                    decoder.decode(
                            record(
                                    TiCdcSampleFiles.bytes("open-protocol/" + file + ".key.bin"),
                                    TiCdcSampleFiles.bytes(
                                            "open-protocol/" + file + ".value.bin")))) {
                kinds.add(row.getRowKind());
            }
        }
        assertThat(kinds)
                .containsExactly(RowKind.UPDATE_AFTER, RowKind.UPDATE_AFTER, RowKind.DELETE);
    }

    @Test
    void aBrokenEventIsSkippedAndTheRestOfItsRecordDecoded() throws Exception {
        byte[] key = FramedRecord.keys(ROW_KEY, ROW_KEY, ROW_KEY);
        byte[] value = FramedRecord.values(ROW_VALUE, "{\"u\":{\"a\":", ROW_VALUE);
        DecoderHarness<OpenProtocolRecord> skipping =
                OpenProtocolRecord.harness(deserializer(rowType("a", "b"), true));

        assertThat(skipping.decode(record(key, value))).hasSize(2);
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);

        DecoderHarness<OpenProtocolRecord> failing =
                OpenProtocolRecord.harness(deserializer(rowType("a", "b"), false));
        assertThatThrownBy(
                        () -> failing.decode(record(key, value, "topic t partition 2 offset 40")))
                .hasMessageStartingWith(
                        "Failed to decode a TiCDC open-protocol message at topic t partition 2"
                                + " offset 40: event 1");
    }

    @Test
    void brokenFramingNamesTheRecord() throws Exception {
        byte[] key =
                FramedRecord.concat(
                        FramedRecord.word(2), FramedRecord.entry(FramedRecord.utf8(ROW_KEY)));
        DecoderHarness<OpenProtocolRecord> decoder =
                OpenProtocolRecord.harness(deserializer(rowType("a"), false));
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        record(
                                                key,
                                                FramedRecord.values(ROW_VALUE),
                                                "topic t partition 0 offset 1")))
                .hasMessageContaining("at topic t partition 0 offset 1")
                .hasMessageContaining("version");
    }

    @Test
    void filteredTablesAndFailingDdl() throws Exception {
        String ddlKey = "{\"ts\":6,\"scm\":\"s\",\"tbl\":\"t\",\"t\":2}";
        String ddlValue = "{\"q\":\"alter table t add column c int\",\"t\":5}";
        DecoderHarness<OpenProtocolRecord> other =
                OpenProtocolRecord.harness(
                        TiCdcOpenProtocolDeserializer.builder(rowType("a"))
                                .setTableInclude("orders")
                                .setDdlHandling(DdlHandling.FAIL)
                                .build());
        assertThat(
                        other.decode(
                                record(
                                        FramedRecord.keys(ROW_KEY, ddlKey),
                                        FramedRecord.values(ROW_VALUE, ddlValue))))
                .isEmpty();
        assertThat(other.counter(DecodeMetrics.EVENTS_FILTERED)).isEqualTo(2);

        DecoderHarness<OpenProtocolRecord> failing =
                OpenProtocolRecord.harness(
                        TiCdcOpenProtocolDeserializer.builder(rowType("a"))
                                .setDdlHandling(DdlHandling.FAIL)
                                .setIgnoreParseErrors(true)
                                .build());
        assertThatThrownBy(
                        () ->
                                failing.decode(
                                        record(
                                                FramedRecord.keys(ddlKey),
                                                FramedRecord.values(ddlValue))))
                .hasMessageContaining("action type 5 on s.t")
                .hasMessageContaining("alter table t add column c int");
    }

    @Test
    void buildersCompareBySettings() {
        assertThat(deserializer(rowType("a"), true))
                .isEqualTo(deserializer(rowType("a"), true))
                .hasSameHashCodeAs(deserializer(rowType("a"), true))
                .isNotEqualTo(deserializer(rowType("a"), false))
                .isNotEqualTo(deserializer(rowType("a"), true, true));
    }

    private static String expectedRow(RowType rowType, JsonNode event, JsonNode row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : rowType.getFieldNames()) {
            JsonNode value = row.get("values").get(column);
            values.put(column, value == null || value.isNull() ? null : value.asText());
        }
        long ts = Long.parseLong(event.get("ts").asText());
        String kind = row.get("kind").asText();
        return kind
                + values
                + " "
                + event.path("scm").asText()
                + "."
                + event.path("tbl").asText()
                + " "
                + (kind.startsWith("UPDATE")
                        ? "UPDATE"
                        : kind.equals("INSERT") ? "INSERT" : "DELETE")
                + " ts="
                + ts
                + " ms="
                + Tso.physicalMillis(ts)
                + " ptn="
                + (event.has("ptn") ? event.get("ptn").asText() : null);
    }

    private static String render(RowType rowType, RowData row) {
        Map<String, String> values = new LinkedHashMap<>();
        int n = rowType.getFieldCount();
        for (int i = 0; i < n; i++) {
            String text = null;
            if (!row.isNullAt(i)) {
                text =
                        rowType.getTypeAt(i).getTypeRoot() == LogicalTypeRoot.VARBINARY
                                ? "hex:" + Hex.of(row.getBinary(i))
                                : row.getString(i).toString();
            }
            values.put(rowType.getFieldNames().get(i), text);
        }
        return row.getRowKind().name()
                + values
                + " "
                + row.getString(n)
                + "."
                + row.getString(n + 1)
                + " "
                + row.getString(n + 2)
                + " ts="
                + row.getLong(n + 3)
                + " ms="
                + row.getTimestamp(n + 4, 3).getMillisecond()
                + " ptn="
                + (row.isNullAt(n + 5) ? null : row.getLong(n + 5));
    }

    private static RowType rowType(String... columns) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(DataTypes.FIELD(column, DataTypes.STRING()));
        }
        return (RowType) DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).getLogicalType();
    }

    private static boolean hasIncompleteRow(JsonNode events) {
        for (JsonNode event : events) {
            if (event.path("ohk").asBoolean(false) || event.has("ccl")) {
                return true;
            }
        }
        return false;
    }

    private static TiCdcOpenProtocolDeserializer deserializer(
            RowType rowType, boolean ignoreParseErrors) {
        return deserializer(rowType, ignoreParseErrors, false);
    }

    private static TiCdcOpenProtocolDeserializer deserializer(
            RowType rowType, boolean ignoreParseErrors, boolean upsert) {
        return TiCdcOpenProtocolDeserializer.builder(rowType)
                .setReadableMetadata(METADATA)
                .setIgnoreParseErrors(ignoreParseErrors)
                .setUpsert(upsert)
                .build();
    }
}
