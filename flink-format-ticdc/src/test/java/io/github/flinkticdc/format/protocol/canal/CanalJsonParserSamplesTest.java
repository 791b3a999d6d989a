package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.RowEventListener;
import io.github.flinkticdc.format.protocol.RowImage;
import io.github.flinkticdc.format.protocol.Tso;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        RecordingListener listener = new RecordingListener();

        new CanalJsonParser()
                .parse(TiCdcSampleFiles.bytes(sample.get("file").asText()), message, listener);

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
                assertThat(listener.values).isEmpty();
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

    /** Asks for every column and records what the parser reports. */
    private static final class RecordingListener implements RowEventListener {
        private final List<String> columns = new ArrayList<>();
        private final Map<String, ColumnType> types = new HashMap<>();
        private final List<String> values = new ArrayList<>();

        @Override
        public boolean acceptRows(String database, String table) {
            return true;
        }

        @Override
        public int columnSlot(String column) {
            int slot = columns.indexOf(column);
            if (slot < 0) {
                columns.add(column);
                slot = columns.size() - 1;
            }
            return slot;
        }

        @Override
        public boolean needsColumnType(int slot) {
            return true;
        }

        @Override
        public void onColumnType(int slot, ColumnType type) {
            types.put(columns.get(slot), type);
        }

        @Override
        public void onValue(RowImage image, int slot, String text) {
            values.add(image + ":" + columns.get(slot) + "=" + text);
        }
    }
}
