package io.github.flinkticdc.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * The measurements as one Markdown table, a row per case and decoder: events per second, input MB
 * per second, bytes allocated per event, and the speed as a multiple of Flink's {@code canal-json}
 * and of the token walk on the same case.
 */
final class ResultTable {

    private static final double MEGABYTE = 1_000_000;

    private final List<Measurement> measurements;

    ResultTable(List<Measurement> measurements) {
        this.measurements = List.copyOf(measurements);
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| case | decoder | input | messages/s | MB/s | B allocated/message")
                .append(" | × Flink canal-json | × token walk |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (Measurement m : measurements) {
            table.append("| ")
                    .append(m.decodeCase.label())
                    .append(" | ")
                    .append(m.decoder.label())
                    .append(" | ");
            if (!m.wasMeasured()) {
                table.append("not measured: ")
                        .append(m.notMeasuredBecause)
                        .append(" | | | | | |\n");
                continue;
            }
            table.append(m.decoder.input(m.decodeCase))
                    .append(" | ")
                    .append(rate(m))
                    .append(" | ")
                    .append(format("%.1f", m.eventsPerSecond * m.inputBytesPerEvent / MEGABYTE))
                    .append(" | ")
                    .append(format("%,.0f", m.allocatedBytesPerEvent))
                    .append(" | ")
                    .append(ratio(m, Decoder.FLINK_CANAL_JSON))
                    .append(" | ")
                    .append(ratio(m, Decoder.TOKEN_WALK))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String rate(Measurement m) {
        String rate = format("%,.0f", m.eventsPerSecond);
        return Double.isFinite(m.error) && m.eventsPerSecond > 0
                ? rate + format(" ± %.0f%%", 100 * m.error / m.eventsPerSecond)
                : rate;
    }

    /** The speed over the baseline's on the same case; empty when it was not measured. */
    private String ratio(Measurement m, Decoder baseline) {
        for (Measurement b : measurements) {
            if (b.decodeCase == m.decodeCase && b.decoder == baseline && b.wasMeasured()) {
                return format("%.2f", m.eventsPerSecond / b.eventsPerSecond);
            }
        }
        return "";
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
