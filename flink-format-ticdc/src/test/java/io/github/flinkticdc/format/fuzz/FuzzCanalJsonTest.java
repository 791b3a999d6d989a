package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the canal-json decoder: mutants of every real TiCDC sample and of generated
 * messages must decode or be refused cleanly, never hang, throw anything else or escape {@code
 * ignore-parse-errors} (see {@link DecodeContract}); mutants of generated messages the decoder
 * accepts must decode to what an independent reading ({@link CanalJsonOracle}) says. All failures
 * of a run are reported together, each with a reproducer.
 */
class FuzzCanalJsonTest {

    @Test
    void mutantsDecodeOrAreRefusedCleanly() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        CanalSeeds seeds = new CanalSeeds(settings);
        FailureReport failures =
                new FailureReport("canal-json mutants", settings, getClass().getSimpleName());
        RunStats stats = new RunStats();
        long total = seeds.truncationCount() + settings.messages;
        long[] indices =
                settings.only >= 0
                        ? new long[] {settings.only}
                        : LongStream.range(0, total).toArray();

        long start = System.nanoTime();
        WatchedRunner.Watch watch =
                new WatchedRunner(settings.timeout)
                        .run(
                                indices,
                                () -> task(seeds, failures, stats),
                                (mutant, millis, where) ->
                                        failures.add(
                                                "hang: decoding took longer than "
                                                        + settings.timeout.toMillis()
                                                        + " ms",
                                                mutant,
                                                "still running after "
                                                        + millis
                                                        + " ms at\n"
                                                        + frames(where)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(stats.summary("canal-json", settings.seed, millis, watch));
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }

    private static WatchedRunner.Task task(
            CanalSeeds seeds, FailureReport failures, RunStats stats) {
        List<DecodeContract.CanalPair> decoders = new ArrayList<>();
        try {
            for (CanalSeeds.Config c : seeds.configs) {
                decoders.add(c.open());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        CanalJsonOracle oracle = new CanalJsonOracle(seeds.table);
        return (index, watch) -> {
            CanalSeeds.Item item = seeds.mutant(index);
            DecodeContract.Outcome outcome =
                    DecodeContract.checkCanal(
                            decoders.get(item.seed.config), item.mutant, watch, failures, stats);
            if (item.seed.generated != null
                    && item.plainMutation
                    && seeds.configs.get(item.seed.config).compression
                            == io.github.flinkticdc.format.protocol.Compression.NONE) {
                oracle.compare(item.mutant, outcome, item.seed.generated, failures, stats);
            }
        };
    }

    static String frames(StackTraceElement[] where) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(12, where.length); i++) {
            s.append("  at ").append(where[i]).append('\n');
        }
        return s.toString();
    }
}
