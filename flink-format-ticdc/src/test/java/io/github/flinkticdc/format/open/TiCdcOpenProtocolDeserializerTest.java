package io.github.flinkticdc.format.open;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.testutil.FramedRecord;
import io.github.flinkticdc.format.testutil.Hex;
import io.github.flinkticdc.format.testutil.OpenProtocolHarness;
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
        OpenProtocolHarness decoder = new OpenProtocolHarness(deserializer(rowType, false));
        byte[] key = TiCdcSampleFiles.bytes(sample.get("files").get("key").asText());
        byte[] value = TiCdcSampleFiles.bytes(sample.get("files").get("value").asText());

        if (hasIncompleteRow(events)) {
            assertThatThrownBy(() -> decoder.decode(key, value, "topic t partition 0 offset 9"))
                    .hasMessageContaining("at topic t partition 0 offset 9")
                    .hasMessageContaining("only its handle-key columns");
            OpenProtocolHarness skipping = new OpenProtocolHarness(deserializer(rowType, true));
            assertThat(skipping.decode(key, value, null)).isEmpty();
            assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
            return;
        }

        List<RowData> rows = decoder.decode(key, value, null);

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
        OpenProtocolHarness decoder = new OpenProtocolHarness(deserializer(rowType, false, true));
        List<RowKind> kinds = new ArrayList<>();
        for (String file : List.of("02-insert", "03-update-with-old-value", "04-delete")) {
            for (RowData row :
                    decoder.decode(
                            TiCdcSampleFiles.bytes("open-protocol/" + file + ".key.bin"),
                            TiCdcSampleFiles.bytes("open-protocol/" + file + ".value.bin"),
                            null)) {
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
        OpenProtocolHarness skipping =
                new OpenProtocolHarness(deserializer(rowType("a", "b"), true));

        assertThat(skipping.decode(key, value, null)).hasSize(2);
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);

        OpenProtocolHarness failing =
                new OpenProtocolHarness(deserializer(rowType("a", "b"), false));
        assertThatThrownBy(() -> failing.decode(key, value, "topic t partition 2 offset 40"))
                .hasMessageStartingWith(
                        "Failed to decode a TiCDC open-protocol message at topic t partition 2"
                                + " offset 40: event 1");
    }

    @Test
    void brokenFramingNamesTheRecord() throws Exception {
        byte[] key =
                FramedRecord.concat(
                        FramedRecord.word(2), FramedRecord.entry(FramedRecord.utf8(ROW_KEY)));
        OpenProtocolHarness decoder = new OpenProtocolHarness(deserializer(rowType("a"), false));
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        key,
                                        FramedRecord.values(ROW_VALUE),
                                        "topic t partition 0 offset 1"))
                .hasMessageContaining("at topic t partition 0 offset 1")
                .hasMessageContaining("version");
    }

    @Test
    void filteredTablesAndFailingDdl() throws Exception {
        String ddlKey = "{\"ts\":6,\"scm\":\"s\",\"tbl\":\"t\",\"t\":2}";
        String ddlValue = "{\"q\":\"alter table t add column c int\",\"t\":5}";
        OpenProtocolHarness other =
                new OpenProtocolHarness(
                        TiCdcOpenProtocolDeserializer.builder(rowType("a"))
                                .setTableInclude("orders")
                                .setDdlHandling(DdlHandling.FAIL)
                                .build());
        assertThat(
                        other.decode(
                                FramedRecord.keys(ROW_KEY, ddlKey),
                                FramedRecord.values(ROW_VALUE, ddlValue),
                                null))
                .isEmpty();
        assertThat(other.counter(DecodeMetrics.EVENTS_FILTERED)).isEqualTo(2);

        OpenProtocolHarness failing =
                new OpenProtocolHarness(
                        TiCdcOpenProtocolDeserializer.builder(rowType("a"))
                                .setDdlHandling(DdlHandling.FAIL)
                                .setIgnoreParseErrors(true)
                                .build());
        assertThatThrownBy(
                        () ->
                                failing.decode(
                                        FramedRecord.keys(ddlKey),
                                        FramedRecord.values(ddlValue),
                                        null))
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
