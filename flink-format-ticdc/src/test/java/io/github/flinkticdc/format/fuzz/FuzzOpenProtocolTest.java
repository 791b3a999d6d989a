package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the Open Protocol decoder: mutants of every real TiCDC record and of generated
 * batches (framing, one event's JSON, raw bytes) must decode or be refused cleanly, never hang,
 * throw anything else or escape {@code ignore-parse-errors} (see {@link DecodeContract}). All
 * failures of a run are reported together, each with a reproducer.
 */
class FuzzOpenProtocolTest {

    @Test
    void mutantsDecodeOrAreRefusedCleanly() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        OpenProtocolSeeds seeds = new OpenProtocolSeeds(settings);
        FailureReport failures =
                new FailureReport("open-protocol mutants", settings, getClass().getSimpleName());
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
                                                        + FuzzCanalJsonTest.frames(where)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(stats.summary("open-protocol", settings.seed, millis, watch));
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }

    private static WatchedRunner.Task task(
            OpenProtocolSeeds seeds, FailureReport failures, RunStats stats) {
        List<DecodeContract.OpenPair> decoders = new ArrayList<>();
        for (OpenProtocolSeeds.Config c : seeds.configs) {
            decoders.add(c.open());
        }
        return (index, watch) -> {
            OpenProtocolSeeds.Item item = seeds.mutant(index);
            DecodeContract.checkOpen(
                    decoders.get(item.seed.config), item.mutant, watch, failures, stats);
        };
    }
}
