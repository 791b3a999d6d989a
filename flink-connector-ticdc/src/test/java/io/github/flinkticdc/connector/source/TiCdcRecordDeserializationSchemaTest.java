package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.connector.testutil.Records;
import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.TiCdcDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.debezium.TiCdcDebeziumDeserializationSchema;
import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.simple.TiCdcSimpleDeserializationSchema;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.InstantiationUtil;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record deserializer on TiCDC's own messages (the samples of flink-ticdc-testing). What a
 * sample decodes to is asserted by the format module's sample tests; here each sample checks what
 * the connector adds: it hands key and value to the protocol's decoder (its rows and counts are
 * those of the format's decoder fed the same key and value), appends the Kafka metadata to every
 * row of a record, and names topic, partition and offset in errors.
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

    /**
     * What a decoder counts: the same counts as the format's decoder show that the events that emit
     * no row (DDL, resolved, filtered) reached the connector's decoder too.
     */
    private static final List<String> COUNTERS =
            List.of(
                    DecodeMetrics.DDL_EVENTS_SKIPPED,
                    DecodeMetrics.WATERMARK_EVENTS,
                    DecodeMetrics.EVENTS_FILTERED,
                    DecodeMetrics.PARSE_ERRORS_SKIPPED);

    /** The format decoder of each value-only protocol. */
    private static final Map<
                    TiCdcProtocol,
                    Function<RowType, DecoderBuilder<?, ? extends TiCdcDeserializationSchema>>>
            VALUE_FORMATS =
                    Map.of(
                            TiCdcProtocol.CANAL_JSON,
                            TiCdcCanalDeserializationSchema::builder,
                            TiCdcProtocol.SIMPLE,
                            TiCdcSimpleDeserializationSchema::builder,
                            TiCdcProtocol.DEBEZIUM,
                            TiCdcDebeziumDeserializationSchema::builder);

    static Stream<Named<JsonNode>> openProtocolSamples() {
        return TiCdcSampleFiles.expectations("open-protocol").stream()
                .map(s -> Named.of(s.get("files").get("key").asText(), s));
    }

    static Stream<Named<JsonNode>> canalJsonSamples() {
        return TiCdcSampleFiles.expectations("canal-json").stream()
                .map(s -> Named.of(s.get("file").asText(), s));
    }

    static Stream<Named<JsonNode>> debeziumSamples() {
        return TiCdcSampleFiles.expectations("debezium").stream()
                .map(s -> Named.of(s.get("files").get("value").asText(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openProtocolSamples")
    void openProtocolSampleDecodesAsTheFormatWithItsRecordMetadata(JsonNode sample)
            throws Exception {
        assertDecodesAsTheFormatWithTheRecordsMetadata(
                TiCdcProtocol.OPEN_PROTOCOL,
                sample,
                Records.record(
                        TOPIC,
                        PARTITION,
                        40,
                        TIMESTAMP,
                        TiCdcSampleFiles.bytes(sample.get("files").get("key").asText()),
                        TiCdcSampleFiles.bytes(sample.get("files").get("value").asText())));
    }

    static Stream<Named<JsonNode>> simpleSamples() {
        return TiCdcSampleFiles.expectations("simple (json)").stream()
                .map(s -> Named.of(s.get("file").asText(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simpleSamples")
    void simpleSampleDecodesAsTheFormatWithItsRecordMetadata(JsonNode sample) throws Exception {
        assertDecodesAsTheFormatWithTheRecordsMetadata(
                TiCdcProtocol.SIMPLE,
                sample,
                Records.record(
                        TOPIC,
                        PARTITION,
                        9,
                        TIMESTAMP,
                        null,
                        TiCdcSampleFiles.bytes(sample.get("file").asText())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canalJsonSamples")
    void canalJsonSampleDecodesAsTheFormatWithItsRecordMetadata(JsonNode sample) throws Exception {
        assertDecodesAsTheFormatWithTheRecordsMetadata(
                TiCdcProtocol.CANAL_JSON,
                sample,
                Records.record(
                        TOPIC,
                        PARTITION,
                        7,
                        TIMESTAMP,
                        null,
                        TiCdcSampleFiles.bytes(sample.get("file").asText())));
    }

    /**
     * A debezium record (its key the handle key, not read) decodes as the format decodes its value,
     * and to the rows, table and commit TSO of its expectation.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("debeziumSamples")
    void debeziumSampleDecodesAsTheFormatWithItsRecordMetadata(JsonNode sample) throws Exception {
        ConsumerRecord<byte[], byte[]> record =
                Records.record(
                        TOPIC,
                        PARTITION,
                        11,
                        TIMESTAMP,
                        TiCdcSampleFiles.bytes(sample.get("files").get("key").asText()),
                        TiCdcSampleFiles.bytes(sample.get("files").get("value").asText()));
        assertDecodesAsTheFormatWithTheRecordsMetadata(TiCdcProtocol.DEBEZIUM, sample, record);

        JsonNode expect = sample.get("expect");
        RowType rowType = SampleColumns.of(SampleColumns.expectedRows(expect), true);
        List<Row> expected = new ArrayList<>();
        for (JsonNode row : expect.path("rows")) {
            expected.add(
                    Row.ofKind(
                            RowKind.valueOf(row.get("kind").asText()),
                            row.get("values").get("tiny").asText(),
                            expect.get("db").asText(),
                            expect.get("table").asText(),
                            Long.parseLong(expect.get("commitTs").asText())));
        }
        assertThat(decoder(TiCdcProtocol.DEBEZIUM, rowType).decode(record))
                .map(
                        r ->
                                Row.ofKind(
                                        r.getRowKind(),
                                        r.getString(0).toString(),
                                        r.getString(1).toString(),
                                        r.getString(2).toString(),
                                        r.getLong(4)))
                .containsExactlyElementsOf(expected);
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
        assertThat(rows).allSatisfy(row -> assertKafkaMetadata(rowType, record, row));
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

    /**
     * The connector's rows for {@code record} are the format decoder's for its key and value, each
     * followed by the record's Kafka metadata, and it counts what the format's decoder counts; a
     * record the format's decoder refuses, the connector refuses naming it, or skips and counts.
     */
    private static void assertDecodesAsTheFormatWithTheRecordsMetadata(
            TiCdcProtocol protocol, JsonNode sample, ConsumerRecord<byte[], byte[]> record)
            throws Exception {
        RowType rowType = SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), true);
        DecoderHarness<ConsumerRecord<byte[], byte[]>> format = formatDecoder(protocol, rowType);
        DecoderHarness<ConsumerRecord<byte[], byte[]>> connector = decoder(protocol, rowType);
        List<RowData> formatRows;
        try {
            formatRows = format.decode(record);
        } catch (IOException refused) {
            assertRefusedNamingTheRecord(protocol, rowType, record, refused);
            return;
        }
        List<RowData> rows = connector.decode(record);

        assertThat(rows)
                .map(row -> formatFields(rowType, row))
                .containsExactlyElementsOf(
                        formatRows.stream()
                                .map(row -> formatFields(rowType, row))
                                .collect(toList()));
        assertThat(rows).allSatisfy(row -> assertKafkaMetadata(rowType, record, row));
        for (String counter : COUNTERS) {
            assertThat(connector.counter(counter)).as(counter).isEqualTo(format.counter(counter));
        }
    }

    /**
     * The connector fails with the format decoder's error, naming the record, and skips and counts
     * the record under {@code ignore-parse-errors}.
     */
    private static void assertRefusedNamingTheRecord(
            TiCdcProtocol protocol,
            RowType rowType,
            ConsumerRecord<byte[], byte[]> record,
            IOException formatError)
            throws Exception {
        assertThatThrownBy(() -> decoder(protocol, rowType).decode(record))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        formatError
                                .getMessage()
                                .replaceFirst(
                                        " message: ",
                                        " message at topic tidb-cdc partition 2 offset "
                                                + record.offset()
                                                + ": "));
        DecoderHarness<ConsumerRecord<byte[], byte[]>> skipping =
                opened(
                        TiCdcRecordDeserializationSchema.builder(protocol, rowType)
                                .setIgnoreParseErrors(true)
                                .build());
        assertThat(skipping.decode(record)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    /** The record's topic, partition, offset and timestamp follow the format's fields. */
    private static void assertKafkaMetadata(
            RowType rowType, ConsumerRecord<byte[], byte[]> record, RowData row) {
        int start = rowType.getFieldCount() + METADATA.size();
        assertThat(row.getArity()).isEqualTo(start + KAFKA_METADATA.size());
        assertThat(row.getString(start)).hasToString(record.topic());
        assertThat(row.getInt(start + 1)).isEqualTo(record.partition());
        assertThat(row.getLong(start + 2)).isEqualTo(record.offset());
        assertThat(row.getTimestamp(start + 3, 3))
                .isEqualTo(TimestampData.fromEpochMillis(record.timestamp()));
    }

    /** A row's kind and the fields the format decodes (physical, then TiCDC metadata). */
    private static Row formatFields(RowType rowType, RowData row) {
        List<LogicalType> types = new ArrayList<>(rowType.getChildren());
        METADATA.forEach(m -> types.add(m.dataType().getLogicalType()));
        Row fields = Row.withPositions(row.getRowKind(), types.size());
        for (int i = 0; i < types.size(); i++) {
            fields.setField(i, RowData.createFieldGetter(types.get(i), i).getFieldOrNull(row));
        }
        return fields;
    }

    /**
     * The format module's decoder of {@code protocol} with the connector's TiCDC metadata, fed a
     * record's key and value as a user's own KafkaRecordDeserializationSchema would feed it.
     */
    private static DecoderHarness<ConsumerRecord<byte[], byte[]>> formatDecoder(
            TiCdcProtocol protocol, RowType rowType) throws Exception {
        switch (protocol) {
            case OPEN_PROTOCOL:
                TiCdcOpenProtocolDeserializer open =
                        TiCdcOpenProtocolDeserializer.builder(rowType)
                                .setReadableMetadata(METADATA)
                                .build();
                return new DecoderHarness<>(
                        open::open, (r, out) -> open.deserialize(r.key(), r.value(), out));
            default:
                TiCdcDeserializationSchema valueOnly =
                        VALUE_FORMATS
                                .get(protocol)
                                .apply(rowType)
                                .setReadableMetadata(METADATA)
                                .build();
                return new DecoderHarness<>(
                        valueOnly::open, (r, out) -> valueOnly.deserialize(r.value(), out));
        }
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
}
