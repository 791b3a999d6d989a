package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.connector.source.TiCdcEnvelopeDeserializationSchema;
import io.github.flinkticdc.connector.source.TiCdcRecordDeserializationSchema;
import io.github.flinkticdc.connector.testutil.Records;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the exactly-once source hands to its watermark generator and commit-order operator, on
 * TiCDC's own samples: rows with their commit TSO and table, progress with its resolved ts, DDLs;
 * and the one thing it cannot work without, the commit TSO of canal-json rows. The same for the
 * simple and debezium protocols' samples.
 */
class TiCdcEnvelopeDeserializationSchemaTest {

    private static final RowType ROW =
            (RowType) DataTypes.ROW(DataTypes.FIELD("id", DataTypes.STRING())).getLogicalType();

    @Test
    void rowsProgressAndDdlsBecomeEnvelopesWithTheirTso() throws Exception {
        DecoderHarness<ConsumerRecord<byte[], byte[]>> harness = harness();

        List<RowData> row = harness.decode(canal("canal-json/15-docs-insert-tp-int.json"));
        assertThat(row).hasSize(1);
        assertThat(ChangeEnvelope.kind(row.get(0))).isEqualTo(ChangeEnvelope.ROW);
        assertThat(ChangeEnvelope.tso(row.get(0))).isEqualTo(429918007904436226L);
        assertThat(ChangeEnvelope.table(row.get(0))).isEqualTo("test.tp_int");

        List<RowData> progress = harness.decode(canal("canal-json/16-docs-watermark.json"));
        assertThat(progress).hasSize(1);
        assertThat(ChangeEnvelope.kind(progress.get(0))).isEqualTo(ChangeEnvelope.PROGRESS);
        assertThat(ChangeEnvelope.tso(progress.get(0))).isEqualTo(429918007904436226L);

        List<RowData> ddl = harness.decode(canal("canal-json/04-ddl-create-table-golden.json"));
        assertThat(ddl).hasSize(1);
        assertThat(ChangeEnvelope.kind(ddl.get(0))).isEqualTo(ChangeEnvelope.DDL);
        assertThat(ChangeEnvelope.tso(ddl.get(0))).isEqualTo(417318403368288260L);
        assertThat(ChangeEnvelope.query(ddl.get(0))).startsWith("create table person");
    }

    @Test
    void aCanalJsonRowWithoutTheTidbExtensionNamesTheOptionsThatFixIt() throws Exception {
        DecoderHarness<ConsumerRecord<byte[], byte[]>> harness = harness();

        assertThatThrownBy(() -> harness.decode(canal("canal-json/01-employee-insert.json")))
                .hasMessageContaining("enable-tidb-extension=true")
                .hasMessageContaining("'consistency' = 'at-least-once'");
    }

    static Stream<Named<JsonNode>> simpleSamples() {
        return TiCdcSampleFiles.expectations("simple (json)").stream()
                .map(s -> Named.of(s.get("file").asText(), s));
    }

    /**
     * Each simple-protocol sample through the exactly-once source: one envelope per row with the
     * row's commit TSO and table, the watermark as progress, the DDL as a DDL, and nothing for a
     * BOOTSTRAP.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("simpleSamples")
    void simpleSamplesBecomeEnvelopesWithTheirTso(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        List<RowData> envelopes =
                harness(TiCdcProtocol.SIMPLE)
                        .decode(
                                Records.record(
                                        "tidb-cdc",
                                        0,
                                        7,
                                        0,
                                        null,
                                        TiCdcSampleFiles.bytes(sample.get("file").asText())));
        String type = expect.get("type").asText();
        if (type.equals("BOOTSTRAP")) {
            assertThat(envelopes).isEmpty();
            return;
        }
        long tso = Long.parseLong(expect.get("commitTs").asText());
        byte expectedKind =
                expect.has("rows")
                        ? ChangeEnvelope.ROW
                        : type.equals("WATERMARK") ? ChangeEnvelope.PROGRESS : ChangeEnvelope.DDL;
        assertThat(envelopes).hasSize(expect.has("rows") ? expect.get("rows").size() : 1);
        for (RowData envelope : envelopes) {
            assertThat(ChangeEnvelope.kind(envelope)).isEqualTo(expectedKind);
            assertThat(ChangeEnvelope.tso(envelope)).isEqualTo(tso);
            if (expectedKind == ChangeEnvelope.ROW) {
                assertThat(ChangeEnvelope.table(envelope)).isEqualTo("simple.user");
            }
        }
    }

    static Stream<Named<JsonNode>> debeziumSamples() {
        return TiCdcSampleFiles.expectations("debezium").stream()
                .map(s -> Named.of(s.get("files").get("value").asText(), s));
    }

    /**
     * Each debezium sample (key and value) through the exactly-once source: one envelope per row
     * with the row's {@code source.commit_ts} and table, the {@code op=m} watermark as progress.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("debeziumSamples")
    void debeziumSamplesBecomeEnvelopesWithTheirTso(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        List<RowData> envelopes =
                harness(TiCdcProtocol.DEBEZIUM)
                        .decode(
                                Records.record(
                                        "tidb-cdc",
                                        0,
                                        7,
                                        0,
                                        TiCdcSampleFiles.bytes(
                                                sample.get("files").get("key").asText()),
                                        TiCdcSampleFiles.bytes(
                                                sample.get("files").get("value").asText())));
        boolean rows = expect.has("rows");
        assertThat(envelopes).hasSize(rows ? expect.get("rows").size() : 1);
        for (RowData envelope : envelopes) {
            assertThat(ChangeEnvelope.kind(envelope))
                    .isEqualTo(rows ? ChangeEnvelope.ROW : ChangeEnvelope.PROGRESS);
            assertThat(ChangeEnvelope.tso(envelope))
                    .isEqualTo(Long.parseLong(expect.get("commitTs").asText()));
            if (rows) {
                assertThat(ChangeEnvelope.table(envelope)).isEqualTo("test.table1");
            }
        }
    }

    private static DecoderHarness<ConsumerRecord<byte[], byte[]>> harness() throws Exception {
        return harness(TiCdcProtocol.CANAL_JSON);
    }

    private static DecoderHarness<ConsumerRecord<byte[], byte[]>> harness(TiCdcProtocol protocol)
            throws Exception {
        TiCdcEnvelopeDeserializationSchema schema =
                new TiCdcEnvelopeDeserializationSchema(
                        TiCdcRecordDeserializationSchema.builder(protocol, ROW).build(), ROW);
        return new DecoderHarness<>(schema::open, schema::deserialize);
    }

    private static ConsumerRecord<byte[], byte[]> canal(String sample) {
        return Records.record("tidb-cdc", 0, 7, 0, null, TiCdcSampleFiles.bytes(sample));
    }
}
