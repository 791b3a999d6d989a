package io.github.flinkticdc.benchmarks.endtoend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's result as a Markdown table: per case, the round with the median records/s per
 * core, and its ratio to {@link BenchmarkCase#KAFKA_CANAL_JSON} (Flink's own connector and format,
 * the baseline). The median, not the best, because other work on the machine slows some rounds down
 * and the best would reward the case that happened to run alone; the spread column shows how far
 * the rounds were apart.
 */
final class ResultsTable {

    private final Map<BenchmarkCase, List<Measurement>> rounds = new EnumMap<>(BenchmarkCase.class);

    void add(Measurement m) {
        rounds.computeIfAbsent(m.benchmarkCase, c -> new ArrayList<>()).add(m);
    }

    /** The table, one line per case measured. */
    String toMarkdown() {
        Measurement baseline = median(BenchmarkCase.KAFKA_CANAL_JSON);
        StringBuilder out = new StringBuilder();
        out.append(
                "| case | records | seconds | records/s | CPU s | records/s per core"
                        + " | ratio per core | ratio records/s | broker CPU s"
                        + " | per core, min-max of rounds |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (BenchmarkCase c : rounds.keySet()) {
            Measurement m = median(c);
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.1f | %,.0f | %.1f | %,.0f | %s | %s | %s | %s |%n",
                            c.label,
                            m.records,
                            m.seconds,
                            m.recordsPerSecond(),
                            m.cpuSeconds,
                            m.recordsPerCoreSecond(),
                            ratio(m.recordsPerCoreSecond(), baseline, true),
                            ratio(m.recordsPerSecond(), baseline, false),
                            m.brokerCpuSeconds < 0
                                    ? "?"
                                    : String.format(Locale.ROOT, "%.1f", m.brokerCpuSeconds),
                            spread(c)));
        }
        return out.toString();
    }

    private Measurement median(BenchmarkCase c) {
        List<Measurement> sorted = new ArrayList<>(rounds.getOrDefault(c, List.of()));
        if (sorted.isEmpty()) {
            return null;
        }
        sorted.sort(Comparator.comparingDouble(Measurement::recordsPerCoreSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String ratio(double value, Measurement baseline, boolean perCore) {
        if (baseline == null) {
            return "?";
        }
        double base = perCore ? baseline.recordsPerCoreSecond() : baseline.recordsPerSecond();
        return String.format(Locale.ROOT, "%.2f", value / base);
    }

    private String spread(BenchmarkCase c) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Measurement m : rounds.get(c)) {
            min = Math.min(min, m.recordsPerCoreSecond());
            max = Math.max(max, m.recordsPerCoreSecond());
        }
        return String.format(Locale.ROOT, "%,.0f-%,.0f", min, max);
    }
}
