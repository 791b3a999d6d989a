package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.connector.testutil.Records;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.InstantiationUtil;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record deserializer on TiCDC's own messages (the samples of flink-ticdc-testing): it hands
 * key and value to the protocol's decoder, appends the Kafka metadata to every row of a record, and
 * names topic, partition and offset in errors.
 */
class TiCdcRecordDeserializationSchemaTest {

    private static final String TOPIC = "tidb-cdc";
    private static final int PARTITION = 2;
    private static final long TIMESTAMP = 1_700_000_000_123L;
    private static final List<TiCdcMetadata> METADATA =
            List.of(
                    TiCdcMetadata.DATABASE,
                    TiCdcMetadata.TABLE,
                    TiCdcMetadata.EVENT_TYPE,
                    TiCdcMetadata.COMMIT_TS,
                    TiCdcMetadata.TABLE_PARTITION_ID);
    private static final List<KafkaMetadata> KAFKA_METADATA = List.of(KafkaMetadata.values());

    static Stream<Named<JsonNode>> openProtocolSamples() {
        return TiCdcSampleFiles.expectations("open-protocol").stream()
                .map(s -> Named.of(s.get("files").get("key").asText(), s));
    }

    static Stream<Named<JsonNode>> canalJsonSamples() {
        return TiCdcSampleFiles.expectations("canal-json").stream()
                .map(s -> Named.of(s.get("file").asText(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openProtocolSamples")
    void openProtocolSampleDecodesWithItsRecordMetadata(JsonNode sample) throws Exception {
        List<JsonNode> events = list(sample.get("expect").get("events"));
        // Binary values are left to the format's own tests: here the text of each value counts.
        RowType rowType = SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), false);
        long offset = 40;
        ConsumerRecord<byte[], byte[]> record =
                Records.record(
                        TOPIC,
                        PARTITION,
                        offset,
                        TIMESTAMP,
                        TiCdcSampleFiles.bytes(sample.get("files").get("key").asText()),
                        TiCdcSampleFiles.bytes(sample.get("files").get("value").asText()));

        if (events.stream().anyMatch(e -> e.has("ohk") || e.has("ccl"))) {
            assertIncompleteRowFails(TiCdcProtocol.OPEN_PROTOCOL, rowType, record);
            return;
        }
        List<RowData> rows = decoder(TiCdcProtocol.OPEN_PROTOCOL, rowType).decode(record);

        List<List<Object>> expected = new ArrayList<>();
        for (JsonNode event : events) {
            if (!"ROW".equals(event.get("messageType").asText())) {
                continue;
            }
            for (JsonNode row : event.get("rows")) {
                expected.add(
                        expectedRow(
                                rowType,
                                row,
                                event.get("scm").asText(),
                                event.get("tbl").asText(),
                                Long.parseLong(event.get("ts").asText()),
                                event.has("ptn") ? Long.parseLong(event.get("ptn").asText()) : null,
                                offset));
            }
        }
        assertThat(rows).map(r -> actualRow(rowType, r)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canalJsonSamples")
    void canalJsonSampleDecodesWithItsRecordMetadata(JsonNode sample) throws Exception {
        JsonNode expect = sample.get("expect");
        List<JsonNode> events = List.of(expect);
        RowType rowType = SampleColumns.of(SampleColumns.expectedRows(expect), false);
        long offset = 7;
        ConsumerRecord<byte[], byte[]> record =
                Records.record(
                        TOPIC,
                        PARTITION,
                        offset,
                        TIMESTAMP,
                        null,
                        TiCdcSampleFiles.bytes(sample.get("file").asText()));

        if (expect.has("onlyHandleKey") || expect.has("claimCheckLocation")) {
            assertIncompleteRowFails(TiCdcProtocol.CANAL_JSON, rowType, record);
            return;
        }
        List<RowData> rows = decoder(TiCdcProtocol.CANAL_JSON, rowType).decode(record);

        List<List<Object>> expected = new ArrayList<>();
        if ("ROW".equals(expect.get("messageType").asText())) {
            for (JsonNode row : expect.get("rows")) {
                expected.add(
                        expectedRow(
                                rowType,
                                row,
                                expect.get("schema").asText(),
                                expect.get("table").asText(),
                                expect.get("commitTs").isNull()
                                        ? null
                                        : Long.parseLong(expect.get("commitTs").asText()),
                                null,
                                offset));
            }
        }
        assertThat(rows).map(r -> actualRow(rowType, r)).containsExactlyElementsOf(expected);
    }

    @Test
    void allRowsOfABatchShareTheRecordsKafkaMetadata() throws Exception {
        // TiCDC's Java example batches four row events of two tables in one record.
        RowType rowType = rowType("col1");
        ConsumerRecord<byte[], byte[]> record =
                Records.record(
                        TOPIC,
                        5,
                        123_456_789_012L,
                        TIMESTAMP,
                        TiCdcSampleFiles.bytes("open-protocol/legacy-java-example/row_key_1.bin"),
                        TiCdcSampleFiles.bytes(
                                "open-protocol/legacy-java-example/row_value_1.bin"));
        List<RowData> rows = decoder(TiCdcProtocol.OPEN_PROTOCOL, rowType).decode(record);

        assertThat(rows).hasSize(4);
        int kafkaStart = 1 + METADATA.size();
        for (RowData row : rows) {
            assertThat(row.getArity()).isEqualTo(kafkaStart + KAFKA_METADATA.size());
            assertThat(row.getString(kafkaStart).toString()).isEqualTo(TOPIC);
            assertThat(row.getInt(kafkaStart + 1)).isEqualTo(5);
            assertThat(row.getLong(kafkaStart + 2)).isEqualTo(123_456_789_012L);
            assertThat(row.getTimestamp(kafkaStart + 3, 3))
                    .isEqualTo(TimestampData.fromEpochMillis(TIMESTAMP));
        }
        assertThat(rows).map(r -> r.getString(2).toString()).containsExactly("b", "b", "b", "c");
        assertThat(rows)
                .map(r -> r.isNullAt(5) ? null : r.getLong(5))
                .containsExactly(null, null, null, 6L);
    }

    @Test
    void withoutKafkaMetadataRowsAreTheDecodersOwn() throws Exception {
        RowType rowType = rowType("a", "b");
        DecoderHarness<ConsumerRecord<byte[], byte[]>> schema =
                opened(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, rowType)
                                .build());
        List<RowData> rows =
                schema.decode(
                        Records.record(
                                TOPIC,
                                0,
                                1,
                                TIMESTAMP,
                                TiCdcSampleFiles.bytes(
                                        "open-protocol/03-update-with-old-value.key.bin"),
                                TiCdcSampleFiles.bytes(
                                        "open-protocol/03-update-with-old-value.value.bin")));
        assertThat(rows)
                .map(
                        r ->
                                r.getRowKind().shortString()
                                        + " "
                                        + r.getString(0)
                                        + " "
                                        + r.getString(1))
                .containsExactly("-U 1 123", "+U 1 456");
        assertThat(rows).allSatisfy(r -> assertThat(r.getArity()).isEqualTo(2));
    }

    @Test
    void upsertModeComesFromTheOpenProtocolDecoder() throws Exception {
        DecoderHarness<ConsumerRecord<byte[], byte[]>> schema =
                opened(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, rowType("a", "b"))
                                .setUpsert(true)
                                .build());
        List<RowKind> kinds = new ArrayList<>();
        long offset = 0;
        for (String sample : List.of("02-insert", "03-update-with-old-value", "04-delete")) {
            for (RowData row :
                    schema.decode(
                            Records.record(
                                    TOPIC,
                                    0,
                                    offset++,
                                    TIMESTAMP,
                                    TiCdcSampleFiles.bytes("open-protocol/" + sample + ".key.bin"),
                                    TiCdcSampleFiles.bytes(
                                            "open-protocol/" + sample + ".value.bin")))) {
                kinds.add(row.getRowKind());
            }
        }
        assertThat(kinds)
                .containsExactly(RowKind.UPDATE_AFTER, RowKind.UPDATE_AFTER, RowKind.DELETE);
    }

    @Test
    void aCanalJsonRecordReadAsOpenProtocolNamesTheRecord() throws Exception {
        byte[] canal = TiCdcSampleFiles.bytes("canal-json/01-employee-insert.json");
        assertThatThrownBy(
                        () ->
                                decoder(TiCdcProtocol.OPEN_PROTOCOL, rowType("id"))
                                        .decode(
                                                Records.record(
                                                        TOPIC, 3, 17, TIMESTAMP, null, canal)))
                .hasMessageContaining("open-protocol")
                .hasMessageContaining("at topic tidb-cdc partition 3 offset 17");
    }

    @Test
    void badJsonNamesTheRecordOrIsSkippedAndCounted() throws Exception {
        byte[] broken = "{\"id\":0,\"database\":".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record =
                Records.record(TOPIC, 1, 99, TIMESTAMP, null, broken);
        assertThatThrownBy(() -> decoder(TiCdcProtocol.CANAL_JSON, rowType("id")).decode(record))
                .hasMessageStartingWith(
                        "Failed to decode a TiCDC canal-json message at topic tidb-cdc partition 1"
                                + " offset 99: ");

        DecoderHarness<ConsumerRecord<byte[], byte[]>> skipping =
                opened(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.CANAL_JSON, rowType("id"))
                                .setIgnoreParseErrors(true)
                                .build());
        assertThat(skipping.decode(record)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    @Test
    void formatSettingsReachTheDecoder() throws Exception {
        DecoderHarness<ConsumerRecord<byte[], byte[]>> filtered =
                opened(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, rowType("a", "b"))
                                .setTableInclude("other")
                                .build());
        assertThat(
                        filtered.decode(
                                Records.record(
                                        TOPIC,
                                        0,
                                        0,
                                        TIMESTAMP,
                                        TiCdcSampleFiles.bytes("open-protocol/02-insert.key.bin"),
                                        TiCdcSampleFiles.bytes(
                                                "open-protocol/02-insert.value.bin"))))
                .isEmpty();
        assertThat(filtered.counter(DecodeMetrics.EVENTS_FILTERED)).isEqualTo(1);
    }

    @Test
    void upsertIsRefusedForCanalJson() {
        assertThatThrownBy(
                        () ->
                                TiCdcRecordDeserializationSchema.builder(
                                                TiCdcProtocol.CANAL_JSON, rowType("a"))
                                        .setUpsert(true)
                                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("output-old-value=false");
    }

    @Test
    void schemasCompareBySettingsAndSurviveSerialization() throws Exception {
        TiCdcRecordDeserializationSchema schema = fullSchema(TiCdcProtocol.OPEN_PROTOCOL, false);

        assertThat(schema)
                .isEqualTo(fullSchema(TiCdcProtocol.OPEN_PROTOCOL, false))
                .hasSameHashCodeAs(fullSchema(TiCdcProtocol.OPEN_PROTOCOL, false))
                .isNotEqualTo(fullSchema(TiCdcProtocol.OPEN_PROTOCOL, true))
                .isNotEqualTo(fullSchema(TiCdcProtocol.CANAL_JSON, false))
                .isNotEqualTo(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, rowType("a", "b"))
                                .setReadableMetadata(METADATA)
                                .setKafkaMetadata(List.of(KafkaMetadata.OFFSET))
                                .setCompression(Compression.SNAPPY)
                                .build());
        assertThat(
                        InstantiationUtil.<TiCdcRecordDeserializationSchema>deserializeObject(
                                InstantiationUtil.serializeObject(schema),
                                getClass().getClassLoader()))
                .isEqualTo(schema);
    }

    @Test
    void producedTypeListsPhysicalThenTiCdcThenKafkaColumns() {
        assertThat(fullSchema(TiCdcProtocol.OPEN_PROTOCOL, false).getProducedType().toString())
                .contains(
                        "ROW<`a` STRING, `b` STRING, `database` STRING, `table` STRING, `event-type`"
                                + " STRING, `commit-ts` BIGINT, `table-partition-id` BIGINT,"
                                + " `topic` STRING NOT NULL, `partition` INT NOT NULL, `offset`"
                                + " BIGINT NOT NULL, `kafka-timestamp` TIMESTAMP_LTZ(3) NOT NULL>");
    }

    private static TiCdcRecordDeserializationSchema fullSchema(
            TiCdcProtocol protocol, boolean upsert) {
        return TiCdcRecordDeserializationSchema.builder(protocol, rowType("a", "b"))
                .setReadableMetadata(METADATA)
                .setKafkaMetadata(KAFKA_METADATA)
                .setCompression(Compression.SNAPPY)
                .setUpsert(upsert)
                .build();
    }

    private static void assertIncompleteRowFails(
            TiCdcProtocol protocol, RowType rowType, ConsumerRecord<byte[], byte[]> record)
            throws Exception {
        assertThatThrownBy(() -> decoder(protocol, rowType).decode(record))
                .hasMessageContaining(
                        "at topic tidb-cdc partition 2 offset " + record.offset() + ":")
                .hasMessageContaining("handle-key columns");
        DecoderHarness<ConsumerRecord<byte[], byte[]>> skipping =
                opened(
                        TiCdcRecordDeserializationSchema.builder(protocol, rowType)
                                .setIgnoreParseErrors(true)
                                .build());
        assertThat(skipping.decode(record)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    private static DecoderHarness<ConsumerRecord<byte[], byte[]>> decoder(
            TiCdcProtocol protocol, RowType rowType) throws Exception {
        return opened(
                TiCdcRecordDeserializationSchema.builder(protocol, rowType)
                        .setReadableMetadata(METADATA)
                        .setKafkaMetadata(KAFKA_METADATA)
                        .build());
    }

    /** Opens the schema as the KafkaSource opens it. */
    private static DecoderHarness<ConsumerRecord<byte[], byte[]>> opened(
            TiCdcRecordDeserializationSchema schema) throws Exception {
        return new DecoderHarness<>(schema::open, schema::deserialize);
    }

    private static RowType rowType(String... names) {
        return (RowType)
                DataTypes.ROW(
                                Arrays.stream(names)
                                        .map(n -> DataTypes.FIELD(n, DataTypes.STRING()))
                                        .toArray(DataTypes.Field[]::new))
                        .getLogicalType();
    }

    /**
     * Kind, values (binary ones, {@code hex:}, are compared by the format's own tests), TiCDC and
     * Kafka metadata.
     */
    private static List<Object> expectedRow(
            RowType rowType,
            JsonNode row,
            String database,
            String table,
            Long commitTs,
            Long partitionId,
            long offset) {
        List<Object> values = new ArrayList<>();
        values.add(RowKind.valueOf(row.get("kind").asText()));
        for (String name : rowType.getFieldNames()) {
            JsonNode value = row.get("values").get(name);
            values.add(value == null || value.isNull() ? null : value.asText());
        }
        String eventType = row.get("kind").asText().startsWith("UPDATE") ? "UPDATE" : null;
        values.addAll(
                Arrays.asList(
                        database,
                        table,
                        eventType != null ? eventType : row.get("kind").asText(),
                        commitTs,
                        partitionId,
                        TOPIC,
                        PARTITION,
                        offset,
                        TimestampData.fromEpochMillis(TIMESTAMP)));
        return values;
    }

    private static List<Object> actualRow(RowType rowType, RowData row) {
        List<Object> values = new ArrayList<>();
        values.add(row.getRowKind());
        int i = 0;
        for (; i < rowType.getFieldCount(); i++) {
            values.add(row.isNullAt(i) ? null : row.getString(i).toString());
        }
        values.add(row.isNullAt(i) ? null : row.getString(i).toString());
        values.add(row.isNullAt(i + 1) ? null : row.getString(i + 1).toString());
        values.add(row.isNullAt(i + 2) ? null : row.getString(i + 2).toString());
        values.add(row.isNullAt(i + 3) ? null : row.getLong(i + 3));
        values.add(row.isNullAt(i + 4) ? null : row.getLong(i + 4));
        values.add(row.getString(i + 5).toString());
        values.add(row.getInt(i + 6));
        values.add(row.getLong(i + 7));
        values.add(row.getTimestamp(i + 8, 3));
        return values;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        Iterator<JsonNode> it = array.elements();
        it.forEachRemaining(list::add);
        return list;
    }
}
