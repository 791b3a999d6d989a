package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link TiCdcSource#builder} is told reaches the {@code KafkaSource} it builds: each test
 * runs a bounded DataStream job of a built source against a real broker and compares the rows, with
 * the topic, partition and offset of their records, to what the changefeed wrote. Topics, offset
 * ranges and decoding settings, for both protocols.
 */
class TiCdcSourceITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final TiDbTable ORDERS =
            TiDbTable.of("shop", "orders").pk("id", "bigint").column("note", "varchar");
    private static final TiDbTable ITEMS =
            TiDbTable.of("shop", "items").pk("id", "bigint").column("note", "varchar");
    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("note", DataTypes.STRING()))
                            .getLogicalType();
    private static final List<KafkaMetadata> KAFKA_METADATA =
            List.of(KafkaMetadata.TOPIC, KafkaMetadata.PARTITION, KafkaMetadata.OFFSET);
    private static final long START_MILLIS = 1_720_000_000_000L;

    /** The shop in two partitions (items in 0, orders in 1), per protocol. */
    private static final Map<TiCdcProtocol, TiCdcChangefeed> SHOP =
            new EnumMap<>(TiCdcProtocol.class);

    /** Canal-json topics that the topic pattern of the tests matches, and one it does not. */
    private static TiCdcChangefeed moreShop;

    private static TiCdcChangefeed otherShop;

    /** Open Protocol with {@code output-old-value=false}, one partition. */
    private static TiCdcChangefeed upsertShop;

    private static final String POISON_TOPIC = "ticdc-source-poison";
    private static final int POISON_OFFSET = 3;
    private static long poisonFirstTimestamp;

    @BeforeAll
    static void replicate() {
        SHOP.put(TiCdcProtocol.CANAL_JSON, play(canalJson("ticdc-source-1", 2), 1));
        // Two events per record: offset ranges cut whole records, not events.
        SHOP.put(
                TiCdcProtocol.OPEN_PROTOCOL,
                play(
                        new TiCdcChangefeed(
                                "ticdc-source-open",
                                2,
                                OpenProtocolWriter.create().withMaxBatchSize(2),
                                START_MILLIS),
                        1));
        SHOP.put(
                TiCdcProtocol.SIMPLE,
                play(
                        new TiCdcChangefeed(
                                "ticdc-source-simple", 2, SimpleWriter.create(), START_MILLIS),
                        1));
        SHOP.put(
                TiCdcProtocol.DEBEZIUM,
                play(
                        new TiCdcChangefeed(
                                "ticdc-source-debezium", 2, DebeziumWriter.create(), START_MILLIS),
                        1));
        moreShop = play(canalJson("ticdc-source-2", 1), 101);
        otherShop = play(canalJson("ticdc-source-x", 1), 201);
        upsertShop =
                play(
                        new TiCdcChangefeed(
                                "ticdc-source-upsert",
                                1,
                                OpenProtocolWriter.create().withOutputOldValue(false),
                                START_MILLIS),
                        1);
        writePoisonTopic();
    }

    private static TiCdcChangefeed canalJson(String topic, int partitions) {
        return new TiCdcChangefeed(topic, partitions, CanalJsonWriter.create(), START_MILLIS);
    }

    /**
     * Ten row events per table (six inserts, two updates, two deletes), ids from {@code firstId},
     * sent to a new topic.
     */
    private static TiCdcChangefeed play(TiCdcChangefeed feed, long firstId) {
        KAFKA.broker().createTopic(feed.topic(), feed.partitions());
        for (long id = firstId; id < firstId + 6; id++) {
            feed.insert(ORDERS, ORDERS.row(id, "order " + id));
            feed.insert(ITEMS, ITEMS.row(id, "item " + id));
        }
        for (TiDbTable table : List.of(ORDERS, ITEMS)) {
            feed.update(table, TiDbTable.key(firstId + 1), Map.of("note", "paid"));
            feed.transaction(
                    tx -> {
                        tx.update(table, TiDbTable.key(firstId + 2), Map.of("note", "sent"));
                        tx.delete(table, TiDbTable.key(firstId + 3));
                    });
            feed.delete(table, TiDbTable.key(firstId + 4));
        }
        feed.sendTo(KAFKA.broker());
        return feed;
    }

    /**
     * Canal-json inserts of orders with the id of their offset, a second apart by Kafka timestamp,
     * and at {@link #POISON_OFFSET} a record that is not canal-json.
     */
    private static void writePoisonTopic() {
        KAFKA.broker().createTopic(POISON_TOPIC, 1);
        CanalJsonWriter canal = CanalJsonWriter.create();
        poisonFirstTimestamp = System.currentTimeMillis() - 60_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int offset = 0; offset < 5; offset++) {
            long timestamp = poisonFirstTimestamp + 1_000L * offset;
            byte[] value =
                    offset == POISON_OFFSET
                            ? "{\"data\": [".getBytes(StandardCharsets.UTF_8)
                            : canal.insert(
                                    ORDERS,
                                    CanalJsonWriter.tso(timestamp, 0),
                                    poisonTopicRow(offset));
            records.add(new ProducerRecord<>(POISON_TOPIC, 0, timestamp, null, value));
        }
        assertThat(KAFKA.broker().produce(records))
                .extracting(RecordMetadata::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    /** {@code setTopics}: the rows of that topic, none of the other canal-json topics. */
    @Test
    void readsTheTopicsSet() throws Exception {
        TiCdcChangefeed shop = SHOP.get(TiCdcProtocol.CANAL_JSON);

        List<String> rows = read(source(TiCdcProtocol.CANAL_JSON).setTopics(shop.topic()));

        assertThat(rows).containsExactlyInAnyOrderElementsOf(changelog(shop, e -> true));
    }

    /** {@code setTopicPattern}: the rows of every matching topic, none of the others. */
    @Test
    void readsTheTopicsThePatternMatches() throws Exception {
        List<String> rows =
                read(
                        source(TiCdcProtocol.CANAL_JSON)
                                .setTopicPattern(Pattern.compile("ticdc-source-\\d+")));

        assertThat(otherShop.topic()).doesNotMatch("ticdc-source-\\d+");
        List<String> expected =
                new ArrayList<>(changelog(SHOP.get(TiCdcProtocol.CANAL_JSON), e -> true));
        expected.addAll(changelog(moreShop, e -> true));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Specific starting and stopping offsets per partition: exactly the rows of the records from
     * the start (inclusive) to the stop (exclusive) of each partition, which leaves records out at
     * both ends of both.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TiCdcProtocol.class)
    void readsTheRecordsBetweenSpecificOffsets(TiCdcProtocol protocol) throws Exception {
        TiCdcChangefeed shop = SHOP.get(protocol);
        Map<Integer, Long> start = Map.of(0, 1L, 1, 2L);
        Map<Integer, Long> stop = Map.of(0, 3L, 1, 4L);
        Predicate<TiCdcChangefeed.Event> inRange =
                e -> start.get(e.partition()) <= e.offset() && e.offset() < stop.get(e.partition());
        assertThat(shop.events())
                .anyMatch(e -> e.partition() == 0 && e.offset() >= stop.get(0))
                .anyMatch(e -> e.partition() == 1 && e.offset() >= stop.get(1));

        List<String> rows =
                read(
                        source(protocol)
                                .setTopics(shop.topic())
                                .setStartingOffsets(offsets(shop.topic(), start))
                                .setBounded(offsets(shop.topic(), stop)));

        assertThat(rows).containsExactlyInAnyOrderElementsOf(changelog(shop, inRange));
    }

    /**
     * A starting timestamp: from the first record at or after it. Stopping before the poison record
     * also proves the stop offset is kept, else the job would fail on it.
     */
    @Test
    void startsAtTheFirstRecordAtOrAfterTheTimestamp() throws Exception {
        List<String> rows =
                read(
                        source(TiCdcProtocol.CANAL_JSON)
                                .setTopics(POISON_TOPIC)
                                .setStartingOffsets(
                                        OffsetsInitializer.timestamp(poisonFirstTimestamp + 500))
                                .setBounded(
                                        offsets(POISON_TOPIC, Map.of(0, (long) POISON_OFFSET))));

        assertThat(rows).containsExactly(poisonTopicRows(1, 2));
    }

    /** {@code setIgnoreParseErrors(true)}: the bad record in the range is skipped, not fatal. */
    @Test
    void ignoresTheRecordThatDoesNotParse() throws Exception {
        List<String> rows =
                read(
                        source(TiCdcProtocol.CANAL_JSON)
                                .setTopics(POISON_TOPIC)
                                .setIgnoreParseErrors(true));

        assertThat(rows).containsExactly(poisonTopicRows(0, 1, 2, 4));
    }

    /**
     * {@code setTableInclude} and {@code setReadableMetadata}: only the orders, each with the
     * commit TSO and event type of its event.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TiCdcProtocol.class)
    void decodesWithTheTableFilterAndMetadataSet(TiCdcProtocol protocol) throws Exception {
        TiCdcChangefeed shop = SHOP.get(protocol);

        List<String> rows =
                read(
                        source(protocol)
                                .setTopics(shop.topic())
                                .setTableInclude("orders")
                                .setReadableMetadata(
                                        List.of(
                                                TiCdcMetadata.COMMIT_TS,
                                                TiCdcMetadata.EVENT_TYPE)));

        assertThat(rows)
                .containsExactlyInAnyOrderElementsOf(
                        changelog(
                                shop,
                                e -> e.table().equals(ORDERS),
                                false,
                                e -> List.of(e.commitTs(), e.type())));
    }

    /**
     * {@code setUpsert(true)} on Open Protocol without old values: inserts and updates as +U,
     * deletes as -D, in the order of the partition.
     */
    @Test
    void emitsUpsertsWhenSet() throws Exception {
        List<String> rows =
                read(
                        source(TiCdcProtocol.OPEN_PROTOCOL)
                                .setTopics(upsertShop.topic())
                                .setUpsert(true));

        assertThat(rows)
                .containsExactlyElementsOf(changelog(upsertShop, e -> true, true, e -> List.of()));
    }

    /**
     * A source of this broker from the earliest to the latest offsets, with the columns id and
     * note, then the record's topic, partition and offset.
     */
    private static TiCdcSource.Builder source(TiCdcProtocol protocol) {
        return TiCdcSource.builder(protocol, ROW)
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setKafkaMetadata(KAFKA_METADATA);
    }

    private static OffsetsInitializer offsets(String topic, Map<Integer, Long> offsets) {
        return OffsetsInitializer.offsets(
                offsets.entrySet().stream()
                        .collect(
                                Collectors.toMap(
                                        o -> new TopicPartition(topic, o.getKey()),
                                        Map.Entry::getValue)));
    }

    /** Runs a bounded job of the source; its rows as "kind column...", in the order read. */
    private static List<String> read(TiCdcSource.Builder builder) throws Exception {
        KafkaSource<RowData> source = builder.build();
        RowType type = ((InternalTypeInfo<RowData>) source.getProducedType()).toRowType();
        List<RowData.FieldGetter> fields = new ArrayList<>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            fields.add(RowData.createFieldGetter(type.getTypeAt(i), i));
        }
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<RowData> it =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .fromSource(source, WatermarkStrategy.noWatermarks(), "ticdc")
                        .executeAndCollect()) {
            it.forEachRemaining(
                    row -> {
                        List<Object> values = new ArrayList<>();
                        for (RowData.FieldGetter field : fields) {
                            values.add(field.getFieldOrNull(row));
                        }
                        rows.add(render(row.getRowKind().shortString(), values));
                    });
        }
        return rows;
    }

    /** The rows the source reads of the row events {@code which} accepts, without metadata. */
    private static List<String> changelog(
            TiCdcChangefeed feed, Predicate<TiCdcChangefeed.Event> which) {
        return changelog(feed, which, false, e -> List.of());
    }

    /**
     * The rows the source reads of the row events {@code which} accepts: as changelog or upserts,
     * each with its {@code metadata} and where its record is.
     */
    private static List<String> changelog(
            TiCdcChangefeed feed,
            Predicate<TiCdcChangefeed.Event> which,
            boolean upsert,
            Function<TiCdcChangefeed.Event, List<Object>> metadata) {
        List<String> rows = new ArrayList<>();
        for (TiCdcChangefeed.Event e : feed.events()) {
            if (!e.isRow() || !which.test(e)) {
                continue;
            }
            List<Object> tail = new ArrayList<>(metadata.apply(e));
            tail.addAll(List.of(feed.topic(), e.partition(), e.offset()));
            switch (e.type()) {
                case "INSERT":
                    rows.add(row(upsert ? "+U" : "+I", e.after(), tail));
                    break;
                case "UPDATE":
                    if (!upsert) {
                        rows.add(row("-U", e.before(), tail));
                    }
                    rows.add(row("+U", e.after(), tail));
                    break;
                default:
                    rows.add(row("-D", e.after(), tail));
            }
        }
        return rows;
    }

    private static Map<String, String> poisonTopicRow(int offset) {
        return ORDERS.row(offset, "order " + offset);
    }

    /** The rows of the good records of the poison topic at these offsets. */
    private static String[] poisonTopicRows(int... offsets) {
        String[] rows = new String[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            rows[i] =
                    row(
                            "+I",
                            poisonTopicRow(offsets[i]),
                            List.of(POISON_TOPIC, 0, (long) offsets[i]));
        }
        return rows;
    }

    private static String row(String kind, Map<String, String> image, List<Object> metadata) {
        List<Object> values = new ArrayList<>();
        values.add(image.get("id"));
        values.add(image.get("note"));
        values.addAll(metadata);
        return render(kind, values);
    }

    private static String render(String kind, List<Object> values) {
        return kind + " " + values.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
