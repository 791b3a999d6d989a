package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.testutil.RecordingOutput;
import io.github.flinkticdc.testing.TestDecoderContext;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.github.flinkticdc.format.testutil.RecordingOutput.ddlLine;
import static io.github.flinkticdc.format.testutil.RecordingOutput.progressLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event stream the one decode path hands on, for every TiCDC sample of both protocols: each
 * changelog row with the table, change and commit TSO of its row change, TiCDC's progress events
 * with their resolved ts, and DDLs, in the order of the record. This is what an operator after the
 * decoder (ordering, replay dropping, watermarks) receives.
 */
class ChangelogDecoderTest {

    /** No physical columns: this test is about events, the format's own tests about values. */
    private static final RowType NO_COLUMNS = new RowType(List.of());

    static Stream<Named<JsonNode>> canalJsonSamples() {
        return TiCdcSampleFiles.expectations("canal-json").stream()
                .map(s -> Named.of(s.get("file").asText(), s));
    }

    static Stream<Named<JsonNode>> openProtocolSamples() {
        return TiCdcSampleFiles.expectations("open-protocol").stream()
                .map(s -> Named.of(s.get("files").get("key").asText(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canalJsonSamples")
    void canalJsonSampleGivesItsEvents(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        List<String> expected = new ArrayList<>();
        boolean incomplete =
                expect.path("onlyHandleKey").asBoolean(false) || expect.has("claimCheckLocation");
        Long commitTs = expect.get("commitTs").isNull() ? null : expect.get("commitTs").asLong();
        switch (expect.get("messageType").asText()) {
            case "DDL":
                expected.add(
                        ddlLine(
                                expect.get("schema").asText(),
                                expect.get("table").asText(),
                                commitTs,
                                expect.get("query").asText()));
                break;
            case "WATERMARK":
                expected.add(progressLine(expect.get("watermarkTs").asLong()));
                break;
            default:
                if (!incomplete) {
                    addRows(expected, expect, expect.get("schema"), expect.get("table"), commitTs);
                }
        }
        Decoded decoded =
                decode(
                        TiCdcProtocol.CANAL_JSON,
                        null,
                        TiCdcSampleFiles.bytes(sample.get("file").asText()));

        assertThat(decoded.output.events()).containsExactlyElementsOf(expected);
        assertThat(decoded.context.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED))
                .as("incomplete rows are skipped, never emitted")
                .isEqualTo(incomplete ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openProtocolSamples")
    void openProtocolSampleGivesItsEventsInRecordOrder(JsonNode sample) throws Exception {
        List<String> expected = new ArrayList<>();
        int incomplete = 0;
        for (JsonNode event : sample.get("expect").get("events")) {
            long ts = event.get("ts").asLong();
            switch (event.get("messageType").asText()) {
                case "DDL":
                    expected.add(
                            ddlLine(
                                    event.get("scm").asText(),
                                    event.get("tbl").asText(),
                                    ts,
                                    event.get("query").asText()));
                    break;
                case "RESOLVED":
                    expected.add(progressLine(ts));
                    break;
                default:
                    if (event.path("ohk").asBoolean(false) || event.has("ccl")) {
                        incomplete++;
                    } else {
                        addRows(expected, event, event.get("scm"), event.get("tbl"), ts);
                    }
            }
        }
        Decoded decoded =
                decode(
                        TiCdcProtocol.OPEN_PROTOCOL,
                        TiCdcSampleFiles.bytes(sample.get("files").get("key").asText()),
                        TiCdcSampleFiles.bytes(sample.get("files").get("value").asText()));

        assertThat(decoded.output.events()).containsExactlyElementsOf(expected);
        assertThat(decoded.context.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED))
                .isEqualTo(incomplete);
    }

    static Stream<Named<JsonNode>> simpleSamples() {
        return TiCdcSampleFiles.expectations("simple (json)").stream()
                .map(s -> Named.of(s.get("file").asText(), s));
    }

    /** A BOOTSTRAP holds no event: its schema stays with the reader. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("simpleSamples")
    void simpleSampleGivesItsEvents(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        List<String> expected = new ArrayList<>();
        long commitTs = expect.get("commitTs").asLong();
        switch (expect.get("type").asText()) {
            case "BOOTSTRAP":
                break;
            case "WATERMARK":
                expected.add(progressLine(commitTs));
                break;
            case "INSERT":
            case "UPDATE":
            case "DELETE":
                addRows(expected, expect, expect.get("schema"), expect.get("table"), commitTs);
                break;
            default:
                expected.add(ddlLine("simple", "user", commitTs, expect.get("sql").asText()));
        }
        Decoded decoded =
                decode(
                        TiCdcProtocol.SIMPLE,
                        null,
                        TiCdcSampleFiles.bytes(sample.get("file").asText()));

        assertThat(decoded.output.events()).containsExactlyElementsOf(expected);
        assertThat(decoded.context.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isZero();
    }

    /** The rows of one row event, with the change they belong to: UPDATE for both of an update. */
    private static void addRows(
            List<String> expected, JsonNode event, JsonNode database, JsonNode table, Long ts) {
        for (JsonNode row : event.get("rows")) {
            String rowKind = row.get("kind").asText();
            expected.add(
                    RecordingOutput.row(
                            rowKind,
                            rowKind.startsWith("UPDATE") ? "UPDATE" : rowKind,
                            database.asText(),
                            table.asText(),
                            ts,
                            event.has("ptn") ? event.get("ptn").asLong() : null));
        }
    }

    @Test
    void aWatermarkWithoutItsTsIsABadMessage() throws Exception {
        byte[] watermark =
                ("{\"id\":0,\"database\":\"\",\"table\":\"\",\"pkNames\":null,\"isDdl\":false,"
                                + "\"type\":\"TIDB_WATERMARK\",\"es\":1,\"ts\":2,\"sql\":\"\","
                                + "\"sqlType\":null,\"mysqlType\":null,\"data\":null,\"old\":null,"
                                + "\"_tidb\":{}}")
                        .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new Decoders(TiCdcProtocol.CANAL_JSON), null, watermark))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("TIDB_WATERMARK event must have '_tidb.watermarkTs'");
    }

    @Test
    void ddlsOfTablesNotReadAndUnderDdlFailNeverReachTheOutput() throws Exception {
        byte[] ddl = TiCdcSampleFiles.bytes("canal-json/04-ddl-create-table-golden.json");
        Decoded filtered =
                decode(new Decoders(TiCdcProtocol.CANAL_JSON).setTableInclude("other"), null, ddl);
        assertThat(filtered.output.events()).isEmpty();
        assertThat(filtered.context.counter(DecodeMetrics.EVENTS_FILTERED)).isEqualTo(1);

        assertThatThrownBy(
                        () ->
                                decode(
                                        new Decoders(TiCdcProtocol.CANAL_JSON)
                                                .setDdlHandling(DdlHandling.FAIL),
                                        null,
                                        ddl))
                .hasMessageContaining("the option 'ddl' is 'fail'");
    }

    @Test
    void upsertModeExistsOnlyWhereTiCdcCanOmitTheOldImage() {
        assertThat(TiCdcProtocol.OPEN_PROTOCOL.canOmitOldImage()).isTrue();
        assertThat(new Decoders(TiCdcProtocol.OPEN_PROTOCOL).upsert().build().settings().upsert())
                .isTrue();
        assertThatThrownBy(() -> new Decoders(TiCdcProtocol.CANAL_JSON).upsert().build())
                .hasMessageContaining("canal-json always carries the row before an update");
    }

    private static Decoded decode(TiCdcProtocol protocol, byte[] key, byte[] value)
            throws IOException {
        return decode(new Decoders(protocol).setIgnoreParseErrors(true), key, value);
    }

    private static Decoded decode(Decoders builder, byte[] key, byte[] value) throws IOException {
        Decoded decoded = new Decoded();
        ChangelogDecoder decoder = builder.build();
        decoder.open(decoded.context.getMetricGroup());
        decoder.decode(key, value, decoded.output, () -> "test record");
        return decoded;
    }

    /** What one record decoded to, and the counters of the decoder. */
    private static final class Decoded {
        final TestDecoderContext context = new TestDecoderContext();
        final RecordingOutput output = new RecordingOutput();
    }

    /** Builds the driver itself, as the decoders' builders do. */
    private static final class Decoders extends DecoderBuilder<Decoders, ChangelogDecoder> {

        Decoders(TiCdcProtocol protocol) {
            super(protocol, NO_COLUMNS);
        }

        Decoders upsert() {
            setUpsertMode(true);
            return this;
        }

        @Override
        protected ChangelogDecoder build(DecoderSettings settings) {
            return new ChangelogDecoder(settings);
        }
    }
}
