package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

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
        FailureReport failures =
                MutantRun.run(
                        FuzzedProtocol.CANAL_JSON,
                        CanalSeeds::new,
                        getClass(),
                        FuzzCanalJsonTest::oracleCheck);
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }

    private static MutantRun.FollowUp<CanalSeeds.Seed> oracleCheck(CanalSeeds seeds) {
        CanalJsonOracle oracle = new CanalJsonOracle(seeds.table);
        return (item, outcome, failures, stats) -> {
            if (seeds.oracleReadable(item)) {
                oracle.compare(item.mutant, outcome, item.seed.generated, failures, stats);
            }
        };
    }
}
