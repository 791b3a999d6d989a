package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.RowChange;
import io.github.flinkticdc.format.testutil.RecordingRowListener;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every debezium sample of {@code ticdc-samples/expected.json} decodes to its expectation, and
 * TiCDC's every-type golden ({@code debezium/datatype.dbz.json}) to the canonical text {@code
 * debezium/datatype.expected.json} lists, column by column.
 */
class DebeziumSamplesTest {

    static Stream<Named<JsonNode>> samples() {
        return TiCdcSampleFiles.expectations("debezium").stream()
                .map(sample -> Named.of(sample.get("files").get("value").asText(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesToTheExpectedEvent(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        DebeziumRecordReader reader = reader();
        assertThat(
                        reader.reset(
                                TiCdcSampleFiles.bytes(sample.get("files").get("key").asText()),
                                TiCdcSampleFiles.bytes(sample.get("files").get("value").asText())))
                .isTrue();
        RecordingRowListener listener = new RecordingRowListener();
        EventType type = reader.next(listener);
        long commitTs = Long.parseLong(expect.get("commitTs").asText());
        if (expect.has("rows")) {
            assertThat(type).isEqualTo(EventType.ROW_CHANGE);
            RowChange change = reader.rowChange();
            assertThat(change.database()).isEqualTo(expect.get("db").asText());
            assertThat(change.table()).isEqualTo(expect.get("table").asText());
            assertThat(change.commitTs()).isEqualTo(commitTs);
            assertThat(change.eventTimeMillis()).isZero();
            assertThat(change.encodeTimeMillis()).isEqualTo(1701326309000L);
            assertThat(reader.rowsRead()).isTrue();
            assertThat(listener.changelogRows(change.kind())).isEqualTo(expectedRows(expect));
        } else {
            assertThat(type).isEqualTo(EventType.PROGRESS);
            assertThat(reader.resolvedTs()).isEqualTo(commitTs);
            assertThat(listener.calls).isEmpty();
        }
        assertThat(reader.next(listener)).isNull();
    }

    @Test
    void theEveryTypeGoldenDecodesToTheCanonicalText() throws Exception {
        JsonNode expect = TiCdcSampleFiles.json("debezium/datatype.expected.json");
        DebeziumRecordReader reader = reader();
        reader.reset(
                TiCdcSampleFiles.bytes("debezium/datatype.dbz.key.json"),
                TiCdcSampleFiles.bytes(expect.get("file").asText()));
        RecordingRowListener listener = new RecordingRowListener();

        assertThat(reader.next(listener)).isEqualTo(EventType.ROW_CHANGE);
        RowChange change = reader.rowChange();
        assertThat(change.kind()).isEqualTo(ChangeKind.INSERT);
        assertThat(change.database()).isEqualTo("test");
        assertThat(change.table()).isEqualTo("foo");
        assertThat(change.commitTs()).isNull();
        assertThat(change.eventTimeMillis()).isEqualTo(1701673705000L);
        assertThat(change.encodeTimeMillis()).isEqualTo(1701673705263L);
        assertThat(listener.newImage).isEqualTo(values(expect.get("rows").get(0)));
        assertThat(listener.types.get("col_enum").elements()).containsExactly("a", "b", "c");
        assertThat(listener.types.get("col_set").elements()).containsExactly("a", "b", "c");
        assertThat(listener.types.get("col_dt_fsp_4").name())
                .isEqualTo("io.debezium.time.MicroTimestamp");
    }

    private static DebeziumRecordReader reader() {
        return new DebeziumRecordReader(Compression.NONE, ZoneOffset.UTC);
    }

    private static List<List<Object>> expectedRows(JsonNode expect) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : expect.get("rows")) {
            rows.add(List.of(row.get("kind").asText(), values(row)));
        }
        return rows;
    }

    private static Map<String, String> values(JsonNode row) {
        Map<String, String> values = new LinkedHashMap<>();
        row.get("values")
                .fields()
                .forEachRemaining(
                        e ->
                                values.put(
                                        e.getKey(),
                                        e.getValue().isNull() ? null : e.getValue().asText()));
        return values;
    }
}
