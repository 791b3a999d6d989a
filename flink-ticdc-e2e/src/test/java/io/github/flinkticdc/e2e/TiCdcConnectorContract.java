package io.github.flinkticdc.e2e;

import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@code 'connector' = 'ticdc'} drop-in must do in every {@code lib/} it is meant for:
 * read what a TiCDC changefeed wrote, in Open Protocol, canal-json and the simple protocol, as a
 * changelog with its metadata, and write canal-json with its sink, through the SQL gateway of a
 * standalone cluster. A subclass per {@code lib/} supplies the cluster and the broker, and adds
 * what differs between them.
 */
abstract class TiCdcConnectorContract {

    static final TiDbTable USERS =
            TiDbTable.of("shop", "users").pk("id", "int").column("name", "varchar");

    static final Changefeeds OPEN_PROTOCOL =
            (topic, partitions, start) ->
                    new TiCdcChangefeed(topic, partitions, OpenProtocolWriter.create(), start);
    static final Changefeeds CANAL_JSON =
            (topic, partitions, start) ->
                    new TiCdcChangefeed(topic, partitions, CanalJsonWriter.create(), start);

    static final Changefeeds SIMPLE =
            (topic, partitions, start) ->
                    new TiCdcChangefeed(topic, partitions, SimpleWriter.create(), start);

    private static final AtomicInteger TOPICS = new AtomicInteger();

    abstract FlinkClusterExtension flink();

    abstract KafkaBrokerExtension kafka();

    /** TiCDC batches the events of Open Protocol, and half of each event is in the record key. */
    @Test
    void readsOpenProtocolAsAChangelogWithItsMetadata() {
        assertReadsInsertUpdateDelete("open-protocol", OPEN_PROTOCOL);
    }

    @Test
    void readsCanalJsonAsAChangelogWithItsMetadata() {
        assertReadsInsertUpdateDelete("canal-json", CANAL_JSON);
    }

    /** TiCDC's simple protocol, with its BOOTSTRAP messages before the rows. */
    @Test
    void readsTheSimpleProtocolAsAChangelogWithItsMetadata() {
        assertReadsInsertUpdateDelete("simple", SIMPLE);
    }

    private void assertReadsInsertUpdateDelete(String protocol, Changefeeds changefeeds) {
        TiCdcChangefeed ticdc = changefeed(protocol, changefeeds);
        ticdc.insert(USERS, USERS.row(4, "a"));
        ticdc.update(USERS, TiDbTable.key(4), Map.of("name", "b"));
        ticdc.delete(USERS, TiDbTable.key(4));
        ticdc.watermark();
        ticdc.sendTo(kafka().broker());

        try (SqlGatewayClient sql = flink().openSession()) {
            sql.execute(
                    createUsers(
                            protocol,
                            ticdc.topic(),
                            ", commit_ts BIGINT METADATA FROM 'commit-ts' VIRTUAL"
                                    + ", kafka_partition INT METADATA FROM 'partition' VIRTUAL"
                                    + ", kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL"));

            assertThat(
                            sql.execute(
                                    "SELECT id, name, commit_ts, kafka_partition, kafka_offset"
                                            + " FROM users"))
                    .containsExactlyElementsOf(changelogWithMetadata(ticdc))
                    .hasSize(4);
        }
    }

    /**
     * The connector's sink: a job reads the changefeed's canal-json and writes it on to a topic of
     * two partitions with each row's commit TSO; the source reads that back as the changelog TiCDC
     * wrote, its update as the DELETE and INSERT the sink writes it as.
     */
    @Test
    void writesCanalJsonWithTheCommitTsoThroughItsSink() {
        TiCdcChangefeed ticdc = changefeed("canal-json", CANAL_JSON);
        ticdc.insert(USERS, USERS.row(4, "a"));
        ticdc.update(USERS, TiDbTable.key(4), Map.of("name", "b"));
        ticdc.delete(USERS, TiDbTable.key(4));
        ticdc.watermark();
        ticdc.sendTo(kafka().broker());
        String rewritten = ticdc.topic() + "-rewritten";
        kafka().broker().createTopic(rewritten, 2);
        String columns =
                ", commit_ts BIGINT METADATA FROM 'commit-ts' VIRTUAL, PRIMARY KEY (id) NOT ENFORCED";

        try (SqlGatewayClient sql = flink().openSession()) {
            sql.execute("SET 'table.dml-sync' = 'true'");
            sql.execute(createUsers("canal-json", ticdc.topic(), columns));
            sql.execute(
                    "CREATE TABLE users_out (id INT, name STRING,"
                            + " commit_ts BIGINT METADATA FROM 'commit-ts',"
                            + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'ticdc',"
                            + " 'protocol' = 'canal-json', 'topic' = '"
                            + rewritten
                            + "', 'properties.bootstrap.servers' = '"
                            + kafka().bootstrapServers()
                            + "', 'encode.database' = 'shop', 'encode.table' = 'users')");
            sql.execute("INSERT INTO users_out SELECT id, name, commit_ts FROM users");
        }
        try (SqlGatewayClient sql = flink().openSession()) {
            sql.execute(createUsers("canal-json", rewritten, columns));

            assertThat(sql.execute("SELECT id, name, commit_ts FROM users"))
                    .containsExactlyElementsOf(changelogAsWrittenBySink(ticdc));
        }
    }

    /** A new topic of one partition, and a changefeed of {@code protocol} writing it. */
    private TiCdcChangefeed changefeed(String protocol, Changefeeds changefeeds) {
        String topic = "e2e-" + protocol + "-" + TOPICS.incrementAndGet();
        kafka().broker().createTopic(topic, 1);
        return changefeeds.create(topic, 1, System.currentTimeMillis());
    }

    /**
     * Inserts id 4 into a canal-json topic whose producer compresses with {@code codec} and returns
     * what {@code SELECT id, name} reads: Kafka compresses whole batches, and the Kafka consumer
     * inside the connector decompresses them (not the format: TiCDC's own compression is another
     * thing).
     */
    List<String> readKafkaCompressed(String codec) {
        TiCdcChangefeed ticdc = changefeed("canal-json", CANAL_JSON);
        ticdc.insert(USERS, USERS.row(4, "a"));
        sendCompressed(ticdc, codec);
        try (SqlGatewayClient sql = flink().openSession()) {
            sql.execute(createUsers("canal-json", ticdc.topic(), ""));
            return sql.execute("SELECT id, name FROM users");
        }
    }

    private void sendCompressed(TiCdcChangefeed ticdc, String codec) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        // One batch for all messages, so that they are compressed together.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (TiCdcChangefeed.Event event : ticdc.unsentEvents()) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        ticdc.topic(), event.partition(), null, event.value())));
            }
            producer.flush();
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not produce with " + codec, e.getCause());
        }
    }

    /**
     * {@code CREATE TABLE users} over {@code topic}, read from its start to the end it has when the
     * query starts.
     */
    private String createUsers(String protocol, String topic, String moreColumns) {
        return "CREATE TABLE users (id INT, name STRING"
                + moreColumns
                + ") WITH ('connector' = 'ticdc', 'protocol' = '"
                + protocol
                + "', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + kafka().bootstrapServers()
                + "', 'scan.startup.mode' = 'earliest-offset'"
                + ", 'scan.bounded.mode' = 'latest-offset')";
    }

    /**
     * The changelog the changefeed's row events make, each row with its commit TSO, Kafka partition
     * and offset, as the gateway prints it.
     */
    private static List<String> changelogWithMetadata(TiCdcChangefeed ticdc) {
        List<String> rows = new ArrayList<>();
        for (TiCdcChangefeed.Event e : ticdc.events()) {
            if (!e.isRow()) {
                continue;
            }
            switch (e.type()) {
                case "INSERT":
                    rows.add(row("+I", e.after(), e));
                    break;
                case "UPDATE":
                    rows.add(row("-U", e.before(), e));
                    rows.add(row("+U", e.after(), e));
                    break;
                case "DELETE":
                    rows.add(row("-D", e.after(), e));
                    break;
                default:
                    throw new IllegalStateException("Not a row event: " + e);
            }
        }
        return rows;
    }

    /** The changefeed's rows with their commit TSO, each update as a -D and a +I. */
    private static List<String> changelogAsWrittenBySink(TiCdcChangefeed ticdc) {
        List<String> rows = new ArrayList<>();
        for (TiCdcChangefeed.Event e : ticdc.events()) {
            if (!e.isRow()) {
                continue;
            }
            if (!"INSERT".equals(e.type())) {
                Map<String, String> before = "UPDATE".equals(e.type()) ? e.before() : e.after();
                rows.add(
                        String.format(
                                "-D[%s, %s, %d]",
                                before.get("id"), before.get("name"), e.commitTs()));
            }
            if (!"DELETE".equals(e.type())) {
                rows.add(
                        String.format(
                                "+I[%s, %s, %d]",
                                e.after().get("id"), e.after().get("name"), e.commitTs()));
            }
        }
        return rows;
    }

    private static String row(String kind, Map<String, String> image, TiCdcChangefeed.Event e) {
        return String.format(
                "%s[%s, %s, %d, %d, %d]",
                kind, image.get("id"), image.get("name"), e.commitTs(), e.partition(), e.offset());
    }

    /** One of {@link TiCdcChangefeed}'s constructors, for a protocol. */
    @FunctionalInterface
    interface Changefeeds {
        TiCdcChangefeed create(String topic, int partitions, long startMillis);
    }
}
