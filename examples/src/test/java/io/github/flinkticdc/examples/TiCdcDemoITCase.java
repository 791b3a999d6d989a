package io.github.flinkticdc.examples;

import io.github.flinkticdc.testing.TiCdcChangefeed;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the embedded demo end to end (real broker, real Flink) and checks what it prints. */
class TiCdcDemoITCase {

    @Test
    void embeddedDemoDropsTiCdcsReplayAndShowsWhatAtLeastOnceWouldCount() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        boolean matches = new TiCdcDemo(out).runEmbedded();

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(matches).as(printed).isTrue();
        String exactlyOnce = printed.substring(0, printed.indexOf("[5/5]"));
        String atLeastOnce = printed.substring(printed.indexOf("[5/5]"));
        assertThat(exactlyOnce)
                .contains("53 messages to topic 'tidb-shop'")
                .contains("TiCDC restarted in the middle: 14 messages written again")
                .contains("'connector' = 'ticdc'")
                .contains("14 changes, each once")
                // The re-keyed order: TiCDC's DELETE + INSERT with one commit TSO.
                .containsPattern(
                        "-D  (\\d+) .* order 104 of customer 3(?s).*\\+I  \\1 .* order 204")
                .contains("Final revenue per customer:")
                .containsPattern("Linus +2 orders +22\\.25")
                .contains("= what the shop's TiDB tables hold now.");
        // Order 105 came twice in the topic and once in the changelog.
        assertThat(exactlyOnce.split("\\+I .* order 105 of customer 2", -1)).hasSize(2);
        assertThat(atLeastOnce)
                .contains("'consistency' = 'at-least-once'")
                .containsPattern("Grace +2 orders +84\\.00")
                .containsPattern("Linus +3 orders +29\\.50")
                .contains("WRONG: TiCDC's replayed changes are counted again.")
                .doesNotContain("= what the shop's TiDB tables hold now.")
                .contains("Stopping the broker...");
    }

    @Test
    void theShopsTablesEndWithTheExpectedRevenue() {
        Map<String, Row> revenue = ShopChangefeed.write("t", 2).expectedRevenue();

        assertThat(revenue)
                .containsExactly(
                        Map.entry("Ada", Row.of("Ada", 1L, new BigDecimal("25.00"))),
                        Map.entry("Grace", Row.of("Grace", 1L, new BigDecimal("42.00"))),
                        Map.entry("Linus", Row.of("Linus", 2L, new BigDecimal("22.25"))));
    }

    /**
     * TiCDC's restart writes again rows its newest watermark had passed and rows above it, and the
     * DDL between; the changefeed ends with a watermark, so the last rows can be released.
     */
    @Test
    void theShopsRestartReplaysRowsBelowAndAboveTheNewestWatermark() {
        List<TiCdcChangefeed.Event> events = ShopChangefeed.write("t", 2).feed().events();
        int restart = 0;
        while (!events.get(restart).isReplay()) {
            restart++;
        }
        long newestWatermark = 0;
        for (TiCdcChangefeed.Event e : events.subList(0, restart)) {
            if (e.type().equals("WATERMARK")) {
                newestWatermark = e.commitTs();
            }
        }
        long watermarkAtRestart = newestWatermark;
        List<TiCdcChangefeed.Event> replayedRows =
                events.stream().filter(e -> e.isReplay() && e.isRow()).collect(Collectors.toList());

        assertThat(replayedRows).anyMatch(e -> e.commitTs() <= watermarkAtRestart);
        assertThat(replayedRows).anyMatch(e -> e.commitTs() > watermarkAtRestart);
        assertThat(events).anyMatch(e -> e.isReplay() && e.type().equals("DDL"));
        assertThat(events.get(events.size() - 1).type()).isEqualTo("WATERMARK");
        assertThat(events.subList(restart, events.size())).anyMatch(e -> !e.isReplay());
    }

    /** Every argument of the real-topic mode is an option the ticdc connector plans with. */
    @Test
    void theRealTopicArgumentsAreTicdcOptions() {
        String ddl =
                TiCdcDemo.realTopicDdl(
                        DemoArguments.parse(
                                new String[] {
                                    "--bootstrap-servers", "kafka:9092",
                                    "--topic", "tidb-cdc",
                                    "--columns", "id BIGINT, name STRING",
                                    "--database", "shop",
                                    "--table", "orders|customers",
                                    "--startup-mode", "earliest-offset",
                                    "--consistency", "at-least-once",
                                    "--compression", "lz4",
                                    "--timestamp-time-zone", "Asia/Shanghai",
                                    "--ignore-parse-errors"
                                }));
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(ddl);

        assertThat(tEnv.explainSql("SELECT * FROM changes")).contains("changes");
    }

    @Test
    void parsesOptionsAndFlags() {
        assertThat(
                        DemoArguments.parse(
                                new String[] {
                                    "--bootstrap-servers",
                                    "kafka:9092",
                                    "--ignore-parse-errors",
                                    "--topic",
                                    "cdc"
                                }))
                .containsExactly(
                        Map.entry("bootstrap-servers", "kafka:9092"),
                        Map.entry("ignore-parse-errors", "true"),
                        Map.entry("topic", "cdc"));
    }
}
