package io.github.flinkticdc.examples;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the embedded demo end to end (real broker, real Flink) and checks what it prints. */
class TiCdcDemoITCase {

    @Test
    void embeddedDemoPrintsTheChangelogAndTheRevenueTheShopHolds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        boolean matches = new TiCdcDemo(out).runEmbedded();

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(matches).as(printed).isTrue();
        assertThat(printed)
                .contains("33 messages to topic 'tidb-shop'")
                .contains("14 changes")
                // The re-keyed order: TiCDC's DELETE + INSERT with one commit TSO.
                .containsPattern(
                        "-D  (\\d+) .* order 104 of customer 3(?s).*\\+I  \\1 .* order 204")
                .contains("Final revenue per customer:")
                .containsPattern("Linus +2 orders +22\\.25")
                .contains("= what the shop's TiDB tables hold now.")
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

    @Test
    void parsesOptionsAndFlags() {
        assertThat(
                        TiCdcDemo.parse(
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
