package io.github.flinkticdc.connector;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.apache.flink.table.runtime.connector.sink.SinkRuntimeProviderContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

/**
 * The {@code ticdc} sink's options: what they configure, and what Flink's planner refuses when it
 * plans an {@code INSERT} (or a {@code SELECT}, for the source), naming the option.
 */
class TiCdcSinkOptionsTest {

    private static final String COLUMNS = "id BIGINT NOT NULL, name STRING";
    private static final String REQUIRED =
            "'connector' = 'ticdc', 'protocol' = 'canal-json',"
                    + " 'properties.bootstrap.servers' = 'kafka:9092'";

    @Test
    void theSinksOptionsAreThoseOfFlinksKafkaSink() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "ticdc");
        options.put("protocol", "canal-json");
        options.put("topic", "out");
        options.put("properties.bootstrap.servers", "kafka:9092");
        options.put("properties.compression.type", "lz4");
        options.put("sink.delivery-guarantee", "exactly-once");
        options.put("sink.transactional-id-prefix", "job-1");
        options.put("sink.parallelism", "3");
        ResolvedSchema schema =
                ResolvedSchema.of(
                        Column.physical("id", DataTypes.BIGINT()),
                        Column.physical("name", DataTypes.STRING()));

        TiCdcDynamicSink sink = (TiCdcDynamicSink) FactoryMocks.createTableSink(schema, options);

        KafkaWriteOptions kafka = sink.kafkaOptions();
        assertThat(kafka.topic()).isEqualTo("out");
        assertThat(kafka.properties())
                .containsOnly(
                        entry("bootstrap.servers", "kafka:9092"), entry("compression.type", "lz4"));
        assertThat(kafka.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(sink.getChangelogMode(ChangelogMode.insertOnly()))
                .isEqualTo(ChangelogMode.all());
        assertThat(sink.listWritableMetadata().keySet())
                .containsExactly("database", "table", "commit-ts", "headers", "kafka-timestamp");
        SinkV2Provider provider =
                (SinkV2Provider) sink.getSinkRuntimeProvider(new SinkRuntimeProviderContext(false));
        assertThat(provider.getParallelism()).contains(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "another protocol|'protocol' = 'open-protocol', 'topic' = 'out'"
                        + "|A 'ticdc' sink writes 'protocol' = 'canal-json' only"
                        + " (with TiCDC's TiDB extension), not 'open-protocol'.",
                "no topic|'protocol' = 'canal-json'"
                        + "|A 'ticdc' sink writes one topic: set 'topic' to exactly one (it is"
                        + " not set).",
                "two topics|'topic' = 'a;b'"
                        + "|A 'ticdc' sink writes one topic: set 'topic' to exactly one (it is"
                        + " 'a;b').",
                "a topic pattern|'topic' = 'out', 'topic-pattern' = 'o.*'"
                        + "|Option 'topic-pattern' is an option of reading (a source), but table"
                        + " default_catalog.default_database.t is written to here.",
                "a scan option|'topic' = 'out', 'scan.startup.mode' = 'earliest-offset'"
                        + "|Option 'scan.startup.mode' is an option of reading (a source)",
                "consistency|'topic' = 'out', 'consistency' = 'at-least-once'"
                        + "|Option 'consistency' is an option of reading (a source)",
                "a decoding option|'topic' = 'out', 'table.include' = 'orders'"
                        + "|Option 'table.include' is an option of reading (a source)",
                "exactly-once without prefix|'topic' = 'out',"
                        + " 'sink.delivery-guarantee' = 'exactly-once'"
                        + "|'sink.delivery-guarantee' = 'exactly-once' needs"
                        + " 'sink.transactional-id-prefix'",
                "an unknown guarantee|'topic' = 'out', 'sink.delivery-guarantee' = 'twice'"
                        + "|Option 'sink.delivery-guarantee' is 'twice'; it must be one of"
                        + " 'exactly-once', 'at-least-once', 'none'.",
                "an unknown option|'topic' = 'out', 'sink.partitioner' = 'round-robin'"
                        + "|Unsupported options found for 'ticdc'.",
            })
    void aSinkRefuses(String what, String options, String message) {
        assertThat(failureOf(() -> explainInsert(REQUIRED + ", " + options))).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "sink.delivery-guarantee|'at-least-once'",
                "sink.transactional-id-prefix|'job-1'",
                "sink.parallelism|'2'",
                "encode.table|'orders'",
            })
    void aSourceRefusesTheOptionsOfWriting(String key, String value) {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(
                "CREATE TABLE t ("
                        + COLUMNS
                        + ") WITH ("
                        + REQUIRED
                        + ", 'topic' = 'in', 'properties.group.id' = 'g', '"
                        + key
                        + "' = "
                        + value
                        + ")");
        assertThat(failureOf(() -> tEnv.explainSql("SELECT * FROM t")))
                .contains(
                        "Option '"
                                + key
                                + "' is an option of writing (a sink), but table"
                                + " default_catalog.default_database.t is read from here."
                                + " Remove it, or declare one table for reading and one for"
                                + " writing.");
    }

    private static String explainInsert(String options) {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql("CREATE TABLE t (" + COLUMNS + ") WITH (" + options + ")");
        return tEnv.explainSql("INSERT INTO t VALUES (CAST(1 AS BIGINT), 'a')");
    }

    private static TableEnvironment tableEnvironment() {
        return TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    /** Every message of the failure's causes: Flink wraps the factory's error. */
    private static String failureOf(Runnable planning) {
        Throwable thrown = catchThrowable(planning::run);
        assertThat(thrown).as("planning").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
        }
        return String.join("\n", messages);
    }
}
