package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.testutil.RecordingRowListener;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every simple-protocol sample of {@code ticdc-samples/expected.json} reads as the expectation
 * says: the rows with their values, the DDL, the watermark, and the BOOTSTRAP as no event.
 */
class SimpleSamplesTest {

    static final String PROTOCOL = "simple (json)";

    static Stream<Named<JsonNode>> samples() {
        return TiCdcSampleFiles.expectations(PROTOCOL).stream()
                .map(sample -> Named.of(sample.get("file").asText(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsAsTheExpectationSays(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        SimpleRecordReader reader = new SimpleRecordReader(Compression.NONE, ZoneOffset.UTC);
        RecordingRowListener rows = new RecordingRowListener();
        assertThat(reader.reset(null, TiCdcSampleFiles.bytes(sample.get("file").asText())))
                .isTrue();

        EventType event = reader.next(rows);

        switch (expect.get("type").asText()) {
            case "INSERT":
            case "UPDATE":
            case "DELETE":
                assertThat(event).isEqualTo(EventType.ROW_CHANGE);
                assertRow(expect, reader, rows);
                break;
            case "WATERMARK":
                assertThat(event).isEqualTo(EventType.PROGRESS);
                assertThat(reader.resolvedTs()).isEqualTo(commitTs(expect));
                assertThat(Tso.physicalMillis(reader.resolvedTs()))
                        .isEqualTo(expect.get("commitPhysicalMillis").asLong());
                break;
            case "BOOTSTRAP":
                assertThat(event).as("a BOOTSTRAP holds no event").isNull();
                break;
            default:
                assertThat(event).isEqualTo(EventType.DDL);
                assertThat(reader.ddl().query()).isEqualTo(expect.get("sql").asText());
                assertThat(reader.ddl().ddlType()).isEqualTo(expect.get("type").asText());
                assertThat(reader.ddl().commitTs()).isEqualTo(commitTs(expect));
                assertThat(reader.ddl().database()).isEqualTo("simple");
                assertThat(reader.ddl().table()).isEqualTo("user");
        }
        assertThat(reader.next(rows)).as("one message per record").isNull();
        assertThat(rows.calls)
                .noneMatch(call -> call.startsWith("value") && event != EventType.ROW_CHANGE);
    }

    /**
     * The docs' rows name the schema version of the ALTER's table before it: after the ALTER's
     * message, their columns are checked against that schema, and read the same.
     */
    @Test
    void theRowsReadTheSameWithTheirSchemaKnown() throws Exception {
        SimpleRecordReader reader = new SimpleRecordReader(Compression.NONE, ZoneOffset.UTC);
        reader.reset(null, TiCdcSampleFiles.bytes("simple/01-docs-ddl-alter.json"));
        assertThat(reader.next(new RecordingRowListener())).isEqualTo(EventType.DDL);

        for (JsonNode sample : TiCdcSampleFiles.expectations(PROTOCOL)) {
            JsonNode expect = sample.get("expect");
            if (!expect.has("rows")) {
                continue;
            }
            RecordingRowListener rows = new RecordingRowListener();
            reader.reset(null, TiCdcSampleFiles.bytes(sample.get("file").asText()));
            assertThat(reader.next(rows)).isEqualTo(EventType.ROW_CHANGE);
            assertRow(expect, reader, rows);
            assertThat(reader.declaredType("score")).isEqualTo("float");
        }
    }

    private static void assertRow(
            JsonNode expect, SimpleRecordReader reader, RecordingRowListener rows) {
        assertThat(reader.rowsRead()).isTrue();
        assertThat(reader.rowChange().database()).isEqualTo(expect.get("schema").asText());
        assertThat(reader.rowChange().table()).isEqualTo(expect.get("table").asText());
        assertThat(reader.rowChange().commitTs()).isEqualTo(commitTs(expect));
        assertThat(reader.rowChange().kind())
                .isEqualTo(ChangeKind.valueOf(expect.get("type").asText()));
        JsonNode expectedRows = expect.get("rows");
        JsonNode last = expectedRows.get(expectedRows.size() - 1);
        assertThat(rows.newImage).isEqualTo(values(last));
        if (expectedRows.size() == 2) {
            assertThat(rows.before()).isEqualTo(values(expectedRows.get(0)));
        } else {
            assertThat(rows.oldImage).isEmpty();
        }
    }

    private static long commitTs(JsonNode expect) {
        return Long.parseLong(expect.get("commitTs").asText());
    }

    private static Map<String, String> values(JsonNode row) {
        Map<String, String> values = new LinkedHashMap<>();
        row.get("values")
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
