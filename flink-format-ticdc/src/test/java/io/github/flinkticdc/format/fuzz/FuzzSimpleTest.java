package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the simple-protocol decoder: mutants of every real TiCDC sample and of
 * generated messages, read with and without their table's schema, and mutants of the schema
 * messages themselves, must decode or be refused cleanly, never hang, throw anything else or escape
 * {@code ignore-parse-errors} (see {@link DecodeContract}). All failures of a run are reported
 * together, each with a reproducer.
 */
class FuzzSimpleTest {

    @Test
    void mutantsDecodeOrAreRefusedCleanly() throws Exception {
        FailureReport failures = MutantRun.run(FuzzedProtocol.SIMPLE, SimpleSeeds::new, getClass());
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }
}
