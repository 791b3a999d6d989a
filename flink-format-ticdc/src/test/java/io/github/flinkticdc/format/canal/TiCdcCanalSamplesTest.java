package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.testutil.Hex;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every canal-json sample of {@code ticdc-samples/expected.json} decodes, through the
 * deserialization schema, to the rows and metadata the expectation file lists. Columns whose
 * expected values are raw bytes are declared BYTES, all others STRING, so that the text TiCDC wrote
 * is compared as it is.
 */
class TiCdcCanalSamplesTest {

    /** What canal-json carries, and the table partition id, which it does not (so NULL). */
    private static final List<TiCdcMetadata> ALL_METADATA = List.of(TiCdcMetadata.values());

    static Stream<JsonNode> samples() {
        return TiCdcSampleFiles.expectations("canal-json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesLikeTheExpectationSays(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        byte[] message = TiCdcSampleFiles.bytes(sample.get("file").asText());
        RowType rowType = SampleColumns.of(SampleColumns.expectedRows(expect), true);
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(schema(rowType, false, DdlHandling.SKIP));

        if (isIncompleteRow(expect)) {
            assertThatThrownBy(() -> decoder.decode(message))
                    .hasMessageContaining("only its handle-key columns")
                    .hasMessageContaining("ignore-parse-errors");
            DecoderHarness<byte[]> skipping =
                    DecoderHarness.of(schema(rowType, true, DdlHandling.SKIP));
            assertThat(skipping.decode(message)).isEmpty();
            assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
            return;
        }

        List<RowData> rows = decoder.decode(message);
        switch (expect.get("messageType").asText()) {
            case "ROW":
                assertRows(expect, rowType, rows);
                break;
            case "DDL":
                assertThat(rows).isEmpty();
                assertThat(decoder.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isEqualTo(1);
                DecoderHarness<byte[]> failing =
                        DecoderHarness.of(schema(rowType, true, DdlHandling.FAIL));
                assertThatThrownBy(() -> failing.decode(message))
                        .hasMessageContaining(expect.get("query").asText())
                        .hasMessageContaining(expect.get("ddlType").asText());
                break;
            case "WATERMARK":
                assertThat(rows).isEmpty();
                assertThat(decoder.counter(DecodeMetrics.WATERMARK_EVENTS)).isEqualTo(1);
                break;
            default:
                throw new AssertionError("Unknown messageType in " + sample);
        }
    }

    private static void assertRows(JsonNode expect, RowType rowType, List<RowData> rows) {
        JsonNode expectedRows = expect.get("rows");
        assertThat(rows).hasSize(expectedRows.size());
        int physical = rowType.getFieldCount();
        for (int i = 0; i < rows.size(); i++) {
            RowData row = rows.get(i);
            JsonNode expectedRow = expectedRows.get(i);
            assertThat(row.getRowKind())
                    .isEqualTo(RowKind.valueOf(expectedRow.get("kind").asText()));
            Map<String, String> values = new LinkedHashMap<>();
            for (int f = 0; f < physical; f++) {
                values.put(rowType.getFieldNames().get(f), render(row, f, rowType.getTypeAt(f)));
            }
            assertThat(values).isEqualTo(textValues(expectedRow.get("values")));
            assertMetadata(expect, row, physical);
        }
    }

    private static void assertMetadata(JsonNode expect, RowData row, int offset) {
        assertThat(row.getString(offset + index(TiCdcMetadata.DATABASE)))
                .hasToString(expect.get("schema").asText());
        assertThat(row.getString(offset + index(TiCdcMetadata.TABLE)))
                .hasToString(expect.get("table").asText());
        assertThat(row.getString(offset + index(TiCdcMetadata.EVENT_TYPE)).toString())
                .isEqualTo(eventType(row.getRowKind()));
        long es = Long.parseLong(expect.get("es").asText());
        assertThat(millis(row, offset + index(TiCdcMetadata.EVENT_TIMESTAMP))).isEqualTo(es);
        int commitTs = offset + index(TiCdcMetadata.COMMIT_TS);
        int commitTime = offset + index(TiCdcMetadata.COMMIT_TIME);
        if (expect.get("commitTs").isNull()) {
            assertThat(row.isNullAt(commitTs)).isTrue();
            assertThat(millis(row, commitTime)).isEqualTo(es);
        } else {
            assertThat(row.getLong(commitTs))
                    .isEqualTo(Long.parseLong(expect.get("commitTs").asText()));
            assertThat(millis(row, commitTime))
                    .isEqualTo(expect.get("commitPhysicalMillis").asLong());
        }
        ArrayData pkNames = row.getArray(offset + index(TiCdcMetadata.PK_NAMES));
        List<String> pks = new ArrayList<>();
        for (int i = 0; i < pkNames.size(); i++) {
            pks.add(pkNames.getString(i).toString());
        }
        List<String> expectedPks = new ArrayList<>();
        expect.get("pkNames").forEach(n -> expectedPks.add(n.asText()));
        assertThat(pks).isEqualTo(expectedPks);
        Set<String> typedColumns = keys(row.getMap(offset + index(TiCdcMetadata.MYSQL_TYPE)));
        assertThat(typedColumns)
                .isEqualTo(keys(row.getMap(offset + index(TiCdcMetadata.SQL_TYPE))))
                .containsAll(textValues(expect.get("rows").get(0).get("values")).keySet());
        assertThat(row.isNullAt(offset + index(TiCdcMetadata.TABLE_PARTITION_ID))).isTrue();
    }

    private static int index(TiCdcMetadata metadata) {
        return ALL_METADATA.indexOf(metadata);
    }

    private static long millis(RowData row, int field) {
        return row.getTimestamp(field, 3).getMillisecond();
    }

    private static String eventType(RowKind kind) {
        switch (kind) {
            case INSERT:
                return "INSERT";
            case DELETE:
                return "DELETE";
            default:
                return "UPDATE";
        }
    }

    private static Set<String> keys(MapData map) {
        Set<String> keys = new LinkedHashSet<>();
        ArrayData keyArray = map.keyArray();
        for (int i = 0; i < keyArray.size(); i++) {
            keys.add(keyArray.getString(i).toString());
        }
        return keys;
    }

    private static String render(RowData row, int field, LogicalType type) {
        if (row.isNullAt(field)) {
            return null;
        }
        if (type.getTypeRoot() == LogicalTypeRoot.VARBINARY) {
            return "hex:" + Hex.of(row.getBinary(field));
        }
        return row.getString(field).toString();
    }

    private static Map<String, String> textValues(JsonNode values) {
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
        }
        return map;
    }

    private static boolean isIncompleteRow(JsonNode expect) {
        return expect.path("onlyHandleKey").asBoolean(false) || expect.has("claimCheckLocation");
    }

    private static TiCdcCanalDeserializationSchema schema(
            RowType rowType, boolean ignoreParseErrors, DdlHandling ddl) {
        return TiCdcCanalDeserializationSchema.builder(rowType)
                .setReadableMetadata(ALL_METADATA)
                .setIgnoreParseErrors(ignoreParseErrors)
                .setDdlHandling(ddl)
                .build();
    }
}
