package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.format.testutil.RecordingRowListener;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every canal-json sample's header, as the protocol layer reads it: event kind, names, TSOs, DDL
 * text and the large-message markers of {@code ticdc-samples/expected.json}.
 */
class CanalJsonParserSamplesTest {

    static Stream<JsonNode> samples() {
        return TiCdcSampleFiles.expectations("canal-json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsTheHeaderTheExpectationLists(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        CanalJsonMessage message = new CanalJsonMessage(true, true, true);
        RecordingRowListener listener = new RecordingRowListener();

        byte[] bytes = TiCdcSampleFiles.bytes(sample.get("file").asText());
        new CanalJsonParser().parse(bytes, 0, bytes.length, message, listener);

        assertThat(message.database()).isEqualTo(expect.get("schema").asText());
        assertThat(message.table()).isEqualTo(expect.get("table").asText());
        assertThat(message.eventTimeMillis()).isEqualTo(Long.parseLong(expect.get("es").asText()));
        assertThat(message.commitTs())
                .isEqualTo(
                        expect.get("commitTs").isNull()
                                ? null
                                : Long.parseLong(expect.get("commitTs").asText()));
        switch (expect.get("messageType").asText()) {
            case "DDL":
                assertThat(message.eventType()).isEqualTo(EventType.DDL);
                assertThat(message.ddlType()).isEqualTo(expect.get("ddlType").asText());
                assertThat(message.query()).isEqualTo(expect.get("query").asText());
                assertThat(listener.newImage).isEmpty();
                assertThat(listener.oldImage).isEmpty();
                break;
            case "WATERMARK":
                assertThat(message.eventType()).isEqualTo(EventType.PROGRESS);
                long watermark = Long.parseLong(expect.get("watermarkTs").asText());
                assertThat(message.watermarkTs()).isEqualTo(watermark);
                assertThat(Tso.physicalMillis(watermark))
                        .isEqualTo(expect.get("watermarkPhysicalMillis").asLong());
                break;
            default:
                assertThat(message.eventType()).isEqualTo(EventType.ROW_CHANGE);
                assertThat(message.kind().name())
                        .isEqualTo(
                                expect.get("rows").get(0).get("kind").asText().startsWith("UPDATE")
                                        ? "UPDATE"
                                        : expect.get("rows").get(0).get("kind").asText());
                assertThat(message.onlyHandleKey())
                        .isEqualTo(expect.path("onlyHandleKey").asBoolean(false));
                assertThat(message.claimCheckLocation())
                        .isEqualTo(
                                expect.has("claimCheckLocation")
                                        ? expect.get("claimCheckLocation").asText()
                                        : null);
                List<String> pkNames = new ArrayList<>();
                expect.get("pkNames").forEach(n -> pkNames.add(n.asText()));
                assertThat(message.pkNames()).isEqualTo(pkNames);
                assertThat(message.mysqlTypes().keySet())
                        .containsAll(expect.get("rows").get(0).get("values")::fieldNames);
                assertThat(listener.types).containsOnlyKeys(message.mysqlTypes().keySet());
        }
    }
}
