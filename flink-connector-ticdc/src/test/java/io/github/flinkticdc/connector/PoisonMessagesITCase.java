package io.github.flinkticdc.connector;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.apache.flink.util.ExceptionUtils;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Poison messages between good ones on a real broker: with {@code ignore-parse-errors} the job
 * reads every good row and none of the poison, for both protocols and under Flink's {@code kafka}
 * connector; without it the job fails with the error that names the record.
 */
class PoisonMessagesITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Keeps each job's metrics after it ends, so that a test can read its counters. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            MiniClusters.extension(METRICS.addToConfiguration(new Configuration()));

    private static final String CANAL_TOPIC = "poison-canal";
    private static final String OPEN_TOPIC = "poison-open";
    private static final TiDbTable ITEMS =
            TiDbTable.of("shop", "items").pk("id", "int").column("price", "decimal");
    private static final long TS = CanalJsonWriter.tso(1_720_000_000_000L, 1);

    private static TableEnvironment tEnv;

    @BeforeAll
    static void writePoisonBetweenGoodMessages() {
        KAFKA.broker().createTopic(CANAL_TOPIC, 1);
        KAFKA.broker().createTopic(OPEN_TOPIC, 1);
        CanalJsonWriter canal = CanalJsonWriter.create();
        List<byte[]> canalValues = new ArrayList<>();
        canalValues.add(canal.insert(ITEMS, TS, ITEMS.row(1, "1.50")));
        for (byte[] poison : canalPoison(canal)) {
            canalValues.add(poison);
        }
        canalValues.add(canal.insert(ITEMS, TS + 1, ITEMS.row(2, "2.50")));
        KAFKA.broker().produce(CANAL_TOPIC, 0, canalValues);

        OpenProtocolWriter open = OpenProtocolWriter.create();
        Map<String, String> good = ITEMS.row(3, "3.50");
        byte[] goodKey = open.rowKey(ITEMS, TS, good);
        byte[] goodValue = open.insert(ITEMS, good);
        byte[] badValue = open.insert(ITEMS, ITEMS.row(4, "1e999999999"));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        // A bad event between two good ones in one record, then a record with a broken framing.
        records.add(
                new ProducerRecord<>(
                        OPEN_TOPIC,
                        0,
                        OpenProtocolWriter.recordKey(List.of(goodKey, goodKey, goodKey)),
                        OpenProtocolWriter.recordValue(List.of(goodValue, badValue, goodValue))));
        records.add(
                new ProducerRecord<>(
                        OPEN_TOPIC, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 2}, goodValue));
        records.add(
                new ProducerRecord<>(
                        OPEN_TOPIC,
                        0,
                        OpenProtocolWriter.recordKey(List.of(goodKey)),
                        OpenProtocolWriter.recordValue(List.of(goodValue))));
        KAFKA.broker().produce(records);

        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    /** One of each kind that once escaped as an unexpected exception, hung or read wrongly. */
    private static List<byte[]> canalPoison(CanalJsonWriter canal) {
        String good =
                new String(canal.insert(ITEMS, TS, ITEMS.row(9, "9.50")), StandardCharsets.UTF_8);
        List<byte[]> poison = new ArrayList<>();
        poison.add(utf8(good.replace("\"9.50\"", "\"1e100000000\""))); // hung for minutes
        poison.add(utf8(good.replace("\"9.50\"", "\"-1e2147483647\""))); // ArithmeticException
        poison.add(utf8(good.replace("\"es\":", "\"es\":" + "9".repeat(1001) + ",\"x\":"))); // NPE
        poison.add(good.getBytes(StandardCharsets.UTF_16LE)); // IllegalArgumentException
        poison.add(utf8("\u0000\u0000\u0000\u0000" + good)); // CharConversionException
        poison.add(
                utf8(good.replace("\"data\":", "\"data\":[{\"id\":\"8\"}],\"data\":"))); // merged
        return poison;
    }

    @Test
    void theTicdcConnectorSkipsPoisonCanalJson() {
        createTicdcTable("canal_items", "canal-json", CANAL_TOPIC, true);
        assertThat(selectAll("canal_items"))
                .containsExactly(
                        Row.of(1, new BigDecimal("1.50")), Row.of(2, new BigDecimal("2.50")));
    }

    @Test
    void theKafkaConnectorWithTheFormatSkipsPoisonCanalJson() {
        tEnv.executeSql(kafkaTableDdl("kafka_items"));
        assertThat(selectAll("kafka_items"))
                .containsExactly(
                        Row.of(1, new BigDecimal("1.50")), Row.of(2, new BigDecimal("2.50")));
    }

    /**
     * Each skipped message is counted where docs/ticdc-canal.md and docs/ticdc-connector.md say:
     * the counter {@code ticdcParseErrorsSkipped} in the source's {@code deserializer} group.
     */
    @Test
    void eachSkippedMessageIsCountedInTheDeserializerGroupOfTheSource() throws Exception {
        // On the extension's cluster, whose metrics the reporter holds: the shared environment
        // was made before the extension set its cluster as the context.
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.executeSql(kafkaTableDdl("counted_items"));
        tEnv.executeSql(ticdcTableDdl("counted_ticdc_items", "canal-json", CANAL_TOPIC, true));
        int poison = canalPoison(CanalJsonWriter.create()).size();

        for (String table : List.of("counted_items", "counted_ticdc_items")) {
            TableResult result = tEnv.executeSql("SELECT * FROM " + table);
            JobID job = result.getJobClient().orElseThrow().getJobID();
            assertThat(CollectionUtil.iteratorToList(result.collect())).hasSize(2);
            Map<String, Long> counters = skippedCounters(job);
            // One counter per source subtask; the topic's one partition is read by one of them.
            assertThat(counters).as(table).isNotEmpty();
            assertThat(counters.keySet())
                    .as(table)
                    .allMatch(
                            name ->
                                    name.endsWith(
                                            ".deserializer." + DecodeMetrics.PARSE_ERRORS_SKIPPED));
            assertThat(counters.values().stream().mapToLong(Long::longValue).sum())
                    .as("%s: %s", table, counters)
                    .isEqualTo(poison);
        }
    }

    /** Every {@code ticdcParseErrorsSkipped} counter of {@code job}: full name to count. */
    private static Map<String, Long> skippedCounters(JobID job) {
        Map<String, Long> counters = new TreeMap<>();
        METRICS.getMetricsByGroup()
                .forEach(
                        (group, metrics) -> {
                            Metric metric = metrics.get(DecodeMetrics.PARSE_ERRORS_SKIPPED);
                            if (metric instanceof Counter
                                    && job.toString()
                                            .equals(group.getAllVariables().get("<job_id>"))) {
                                counters.put(
                                        group.getMetricIdentifier(
                                                DecodeMetrics.PARSE_ERRORS_SKIPPED),
                                        ((Counter) metric).getCount());
                            }
                        });
        return counters;
    }

    @Test
    void theTicdcConnectorSkipsPoisonOpenProtocolEventsAndRecords() {
        createTicdcTable("open_items", "open-protocol", OPEN_TOPIC, true);
        assertThat(selectAll("open_items"))
                .containsExactly(
                        Row.of(3, new BigDecimal("3.50")),
                        Row.of(3, new BigDecimal("3.50")),
                        Row.of(3, new BigDecimal("3.50")));
    }

    @Test
    void withoutIgnoreParseErrorsTheJobFailsNamingTheRecord() {
        createTicdcTable("strict_items", "canal-json", CANAL_TOPIC, false);
        assertThatThrownBy(() -> selectAll("strict_items"))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains(
                                                "Failed to decode a TiCDC canal-json message at"
                                                        + " topic poison-canal partition 0 offset"
                                                        + " 1: column 'price'"));
    }

    /** A table of Flink's kafka connector with the format, skipping what it cannot read. */
    private static String kafkaTableDdl(String name) {
        return "CREATE TABLE "
                + name
                + " (id INT, price DECIMAL(10, 2)) WITH ("
                + "'connector' = 'kafka', 'topic' = '"
                + CANAL_TOPIC
                + "', 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "', 'scan.startup.mode' = 'earliest-offset',"
                + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'ticdc-canal',"
                + " 'ticdc-canal.ignore-parse-errors' = 'true')";
    }

    private static void createTicdcTable(
            String name, String protocol, String topic, boolean ignoreParseErrors) {
        tEnv.executeSql(ticdcTableDdl(name, protocol, topic, ignoreParseErrors));
    }

    private static String ticdcTableDdl(
            String name, String protocol, String topic, boolean ignoreParseErrors) {
        return "CREATE TABLE "
                + name
                + " (id INT, price DECIMAL(10, 2)) WITH ('connector' = 'ticdc', 'protocol' = '"
                + protocol
                + "', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "', 'properties.group.id' = 'poison', 'scan.startup.mode' ="
                + " 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',"
                // Every decoded copy counts here: exactly-once would merge the
                // identical good events around the poison into one row change.
                + " 'consistency' = 'at-least-once',"
                + " 'ignore-parse-errors' = '"
                + ignoreParseErrors
                + "')";
    }

    private static List<Row> selectAll(String table) {
        return CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM " + table).collect());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
