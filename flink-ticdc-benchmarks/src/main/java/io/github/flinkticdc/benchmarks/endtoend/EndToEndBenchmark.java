package io.github.flinkticdc.benchmarks.endtoend;

import io.github.flinkticdc.testing.KafkaBroker;

import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Issue 11's end-to-end benchmark: how many TiCDC row changes per second per core a bounded Flink
 * SQL job reads from a real Kafka broker into a discarding sink, for each {@link BenchmarkCase}, in
 * one JVM on one MiniCluster with parallelism 1, as ratios to Flink's own {@code kafka} + {@code
 * canal-json}.
 *
 * <p>The JMH benchmarks time a decoder on bytes in memory; this times what a user runs: the Kafka
 * source and its fetches, the decoding, under {@code exactly-once} the commit-order operator and
 * the network to it, and Flink's per-record overhead. It starts the broker, fills a canal-json and
 * an Open Protocol topic with the same changefeed ({@link TopicFiller}), runs one warm-up job per
 * case over the first part of its topic, then {@link Settings#rounds} rounds of every case over the
 * whole topic, each round in another case order so that no case always runs first or last after a
 * warm JIT. Every timed job must put the topic's full changelog into the sink, else the run fails:
 * a broken setup cannot pass for a fast one.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl flink-ticdc-benchmarks -am verify -Pbench-e2e}; see {@code
 * docs/performance-end-to-end.md}.
 */
public final class EndToEndBenchmark {

    private final Settings settings;
    private final PrintStream out;

    private EndToEndBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new EndToEndBenchmark(Settings.fromSystemProperties(), System.out).run();
        // Flink and Kafka client threads that outlive their owners must not keep the JVM up.
        System.exit(0);
    }

    private void run() throws Exception {
        out.printf(
                Locale.ROOT,
                "End-to-end benchmark: Flink %s, Java %s, %d cores, %,d row changes per topic,"
                        + " %d rounds, warm-up on %.0f%% of each topic%n",
                EnvironmentInformation.getVersion(),
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                settings.messages,
                settings.rounds,
                settings.warmup * 100);
        try (KafkaBroker broker = KafkaBroker.start()) {
            long started = System.nanoTime();
            FilledTopics topics = new TopicFiller(broker).fill(settings.messages);
            describe(topics, (System.nanoTime() - started) / 1e9);
            try (BenchmarkCluster cluster = BenchmarkCluster.start()) {
                CaseRunner runner =
                        new CaseRunner(
                                cluster, broker.bootstrapServers(), CpuClock.ofThisJvmAndBroker());
                warmUp(runner, topics);
                ResultsTable results = measure(runner, topics);
                out.println();
                out.print(results.toMarkdown());
            }
        }
    }

    private void describe(FilledTopics topics, double seconds) {
        out.printf(
                Locale.ROOT,
                "Wrote in %.0f s, to each topic (1 partition): %,d row changes (%,d INSERT, %,d"
                        + " UPDATE, %,d DELETE) and %,d TiCDC watermarks%n",
                seconds,
                topics.rowEvents,
                topics.inserts,
                topics.updates,
                topics.deletes,
                topics.watermarks);
        for (TiCdcTopic topic : TiCdcTopic.values()) {
            out.printf(
                    Locale.ROOT,
                    "  %s: %,d Kafka records, %,.0f MB of event keys and values%n",
                    topic.name,
                    topics.records(topic),
                    topics.bytes(topic) / 1e6);
        }
    }

    /** One untimed job per case over the start of its topic, for the JIT and the page cache. */
    private void warmUp(CaseRunner runner, FilledTopics topics) throws Exception {
        if (settings.warmup == 0) {
            return;
        }
        for (BenchmarkCase c : BenchmarkCase.values()) {
            long stopOffset = Math.max(1, Math.round(topics.records(c.topic) * settings.warmup));
            Measurement m =
                    runner.run(c, stopOffset, Math.round(topics.rowEvents * settings.warmup));
            if (m.sinkRows <= 0) {
                throw new IllegalStateException(c.label + " wrote no rows in its warm-up job");
            }
            out.printf(Locale.ROOT, "warm-up %-36s %5.1f s%n", c.label, m.seconds);
        }
    }

    private ResultsTable measure(CaseRunner runner, FilledTopics topics) throws Exception {
        BenchmarkCase[] cases = BenchmarkCase.values();
        ResultsTable results = new ResultsTable();
        for (int round = 0; round < settings.rounds; round++) {
            for (int i = 0; i < cases.length; i++) {
                BenchmarkCase c = cases[(round + i) % cases.length];
                Measurement m = runner.run(c, -1, topics.rowEvents);
                // One sink row per change: the blackhole sink takes no -U, so the planner drops
                // the -U of each update before it (DropUpdateBefore), whatever the source.
                if (m.sinkRows != topics.rowEvents) {
                    throw new IllegalStateException(
                            String.format(
                                    Locale.ROOT,
                                    "%s put %,d rows into the sink; the topic has %,d row changes",
                                    c.label,
                                    m.sinkRows,
                                    topics.rowEvents));
                }
                results.add(m);
                out.printf(
                        Locale.ROOT,
                        "round %d/%d %-36s %5.1f s, %,9.0f records/s, %5.1f CPU s, %,9.0f"
                                + " records/s per core%n",
                        round + 1,
                        settings.rounds,
                        c.label,
                        m.seconds,
                        m.recordsPerSecond(),
                        m.cpuSeconds,
                        m.recordsPerCoreSecond());
            }
        }
        return results;
    }
}
