package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the debezium decoder: mutants of every real TiCDC sample (TiCDC's every-type
 * golden included) and of generated messages (with and without the schema and the TiDB extension,
 * every compression) must decode or be refused cleanly, never hang, throw anything else or escape
 * {@code ignore-parse-errors} (see {@link DecodeContract}). All failures of a run are reported
 * together, each with a reproducer.
 */
class FuzzDebeziumTest {

    @Test
    void mutantsDecodeOrAreRefusedCleanly() throws Exception {
        FailureReport failures =
                MutantRun.run(FuzzedProtocol.DEBEZIUM, DebeziumSeeds::new, getClass());
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }
}
