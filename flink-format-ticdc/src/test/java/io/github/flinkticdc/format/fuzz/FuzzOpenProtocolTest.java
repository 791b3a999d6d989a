package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

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
        FailureReport failures =
                MutantRun.run(FuzzedProtocol.OPEN_PROTOCOL, OpenProtocolSeeds::new, getClass());
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }
}
