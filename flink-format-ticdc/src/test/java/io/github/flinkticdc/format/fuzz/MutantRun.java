package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.fuzz.SeedCorpus.Item;

import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * One protocol's mutant run as a test: every mutant of its seeds (or only {@code fuzz.only}) held
 * to the {@link DecodeContract} under the {@link WatchedRunner}, a hang reported as a failure with
 * the stuck worker's stack, one summary line printed, and the test failed once at the end with
 * every kind of failure seen.
 */
final class MutantRun {

    /** How many frames of a hung worker's stack a hang report shows. */
    private static final int HANG_FRAMES = 12;

    /** A protocol's own check of a mutant, after the contract's. */
    interface FollowUp<S extends SeedCorpus.Seed> {
        void check(
                Item<S> item,
                DecodeContract.Outcome outcome,
                FailureReport failures,
                RunStats stats);
    }

    private MutantRun() {}

    /** Runs the mutants; the report holds every failure, empty when there is none. */
    static <S extends SeedCorpus.Seed, C extends SeedCorpus<S>> FailureReport run(
            FuzzedProtocol protocol, Function<FuzzSettings, C> seedsFor, Class<?> testClass)
            throws Exception {
        return run(protocol, seedsFor, testClass, seeds -> (item, outcome, failures, stats) -> {});
    }

    /**
     * @param followUps builds the follow-up check anew with each worker, as the decoders are
     */
    static <S extends SeedCorpus.Seed, C extends SeedCorpus<S>> FailureReport run(
            FuzzedProtocol protocol,
            Function<FuzzSettings, C> seedsFor,
            Class<?> testClass,
            Function<C, FollowUp<S>> followUps)
            throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        C seeds = seedsFor.apply(settings);
        FailureReport failures =
                new FailureReport(protocol.label + " mutants", settings, testClass.getSimpleName());
        RunStats stats = new RunStats();
        long[] indices =
                settings.only >= 0
                        ? new long[] {settings.only}
                        : LongStream.range(0, seeds.mutantCount()).toArray();

        long start = System.nanoTime();
        WatchedRunner.Watch watch =
                new WatchedRunner(settings.timeout)
                        .run(
                                indices,
                                () ->
                                        task(
                                                protocol,
                                                seeds,
                                                followUps.apply(seeds),
                                                failures,
                                                stats),
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
        System.out.println(stats.summary(protocol.label, settings.seed, millis, watch));
        return failures;
    }

    /** Checks mutants with fresh decoders of every configuration. */
    private static <S extends SeedCorpus.Seed> WatchedRunner.Task task(
            FuzzedProtocol protocol,
            SeedCorpus<S> seeds,
            FollowUp<S> followUp,
            FailureReport failures,
            RunStats stats) {
        List<DecodeContract> contracts;
        try {
            contracts = DecodeContract.forEach(protocol, seeds.configs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (index, watch) -> {
            Item<S> item = seeds.mutant(index);
            DecodeContract.Outcome outcome =
                    contracts.get(item.seed.config).check(item.mutant, watch, failures, stats);
            followUp.check(item, outcome, failures, stats);
        };
    }

    private static String frames(StackTraceElement[] where) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(HANG_FRAMES, where.length); i++) {
            s.append("  at ").append(where[i]).append('\n');
        }
        return s.toString();
    }
}
