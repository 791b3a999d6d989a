package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.testutil.RecordingRowListener;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Open Protocol sample of {@code ticdc-samples/expected.json} (the legacy Java example
 * included) decodes to the events the expectation lists, one Kafka record at a time.
 */
class OpenProtocolSamplesTest {

    private static final String LEGACY = "open-protocol/legacy-java-example/";

    static Stream<Named<JsonNode>> samples() {
        return TiCdcSampleFiles.expectations("open-protocol").stream()
                .map(sample -> Named.of(sample.get("files").get("key").asText(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesToTheExpectedEvents(JsonNode sample) throws Exception {
        OpenProtocolRecordReader reader = new OpenProtocolRecordReader(Compression.NONE);
        reader.reset(
                TiCdcSampleFiles.bytes(sample.get("files").get("key").asText()),
                TiCdcSampleFiles.bytes(sample.get("files").get("value").asText()));

        JsonNode events = sample.get("expect").get("events");
        for (JsonNode expected : events) {
            assertThat(reader.nextEvent()).isTrue();
            assertEvent(reader, expected);
        }
        assertThat(reader.nextEvent()).isFalse();
    }

    /** Each of the 18 files of TiCDC's Java example belongs to one expectation. */
    @Test
    void theExpectationsCoverTheWholeLegacyJavaExample() {
        Set<String> files = new HashSet<>();
        for (JsonNode sample : TiCdcSampleFiles.expectations("open-protocol")) {
            for (JsonNode file : sample.get("files")) {
                if (file.asText().startsWith(LEGACY)) {
                    files.add(file.asText());
                }
            }
        }
        assertThat(files).hasSize(18);
        files.forEach(file -> assertThat(TiCdcSampleFiles.bytes(file)).isNotNull());
    }

    private static void assertEvent(OpenProtocolRecordReader reader, JsonNode expected)
            throws Exception {
        OpenProtocolKey key = reader.key();
        long ts = Long.parseLong(expected.get("ts").asText());
        assertThat(key.ts()).isEqualTo(ts);
        assertThat(key.type().code()).isEqualTo(expected.get("type").asInt());
        assertThat(key.type().name()).isEqualTo(expected.get("messageType").asText());
        assertThat(key.schema()).isEqualTo(expected.path("scm").asText(""));
        assertThat(key.table()).isEqualTo(expected.path("tbl").asText(""));
        assertThat(key.partitionId())
                .isEqualTo(
                        expected.has("ptn") ? Long.parseLong(expected.get("ptn").asText()) : null);
        assertThat(key.onlyHandleKey()).isEqualTo(expected.path("ohk").asBoolean(false));
        assertThat(key.claimCheckLocation())
                .isEqualTo(expected.has("ccl") ? expected.get("ccl").asText() : null);
        assertThat(key.isIncomplete())
                .isEqualTo(expected.path("ohk").asBoolean(false) || expected.has("ccl"));
        if (expected.has("commitPhysicalMillis")) {
            assertThat(Tso.physicalMillis(ts))
                    .isEqualTo(expected.get("commitPhysicalMillis").asLong());
        }

        switch (key.type()) {
            case ROW:
                assertRows(reader, expected);
                break;
            case DDL:
                OpenProtocolDdl ddl = reader.readDdl();
                assertThat(ddl.query()).isEqualTo(expected.get("query").asText());
                assertThat(ddl.actionType()).isEqualTo(expected.get("ddlActionType").asInt());
                break;
            default:
                assertThat(key.type()).isEqualTo(OpenProtocolEventType.RESOLVED);
        }
    }

    private static void assertRows(OpenProtocolRecordReader reader, JsonNode expected)
            throws Exception {
        RecordingRowListener listener = new RecordingRowListener();
        ChangeKind kind = reader.readRow(listener);

        assertThat(listener.calls)
                .startsWith(
                        "accept "
                                + expected.get("scm").asText()
                                + "."
                                + expected.get("tbl").asText());
        assertThat(listener.changelogRows(kind)).isEqualTo(expectedRows(expected.get("rows")));
        expected.get("columnTypes")
                .fields()
                .forEachRemaining(
                        column ->
                                assertThat(listener.types.get(column.getKey()).name())
                                        .as("type of column %s", column.getKey())
                                        .contains(
                                                "(open protocol type "
                                                        + column.getValue().get("t").asInt()));
    }

    private static List<List<Object>> expectedRows(JsonNode expectedRows) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : expectedRows) {
            Map<String, String> values = new LinkedHashMap<>();
            row.get("values")
                    .fields()
                    .forEachRemaining(
                            value ->
                                    values.put(
                                            value.getKey(),
                                            value.getValue().isNull()
                                                    ? null
                                                    : value.getValue().asText()));
            rows.add(List.of(row.get("kind").asText(), values));
        }
        return rows;
    }
}
