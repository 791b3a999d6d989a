package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/**
 * Random TiCDC events over a table with many column types, written as TiCDC writes them ({@link
 * RandomEvents}), decode to exactly the rows computed from their typed values: every value, row
 * kind and commit ts, for canal-json and for Open Protocol batches, uncompressed and compressed.
 */
class FuzzRoundTripTest {

    private static final String NO_MUTATION = "none (round trip)";

    @Test
    void canalJsonEventsDecodeToTheirTypedValues() throws Exception {
        RoundTrip roundTrip =
                new RoundTrip(FuzzedProtocol.CANAL_JSON, TypedTable.canal(), getClass());
        FuzzSettings settings = roundTrip.settings;
        for (int i = 0; i < settings.events; i++) {
            SplittableRandom r = settings.random("canal-round-trip", i);
            RandomEvents.CanalMessage m =
                    RandomEvents.canal(roundTrip.table, r, RandomEvents.randomCompression(r));
            roundTrip.check(
                    new Mutant(i, m.description, NO_MUTATION, null, m.message()),
                    m.compression,
                    m.expected);
        }
        roundTrip.finish(settings.events);
    }

    /** Each batch holds several events; batches are written until there are enough events. */
    @Test
    void openProtocolBatchesDecodeToTheirTypedValues() throws Exception {
        RoundTrip roundTrip =
                new RoundTrip(FuzzedProtocol.OPEN_PROTOCOL, TypedTable.openProtocol(), getClass());
        FuzzSettings settings = roundTrip.settings;
        long events = 0;
        for (int i = 0; events < settings.events; i++) {
            SplittableRandom r = settings.random("open-round-trip", i);
            RandomEvents.OpenRecord record =
                    RandomEvents.open(roundTrip.table, r, RandomEvents.randomCompression(r));
            events += record.keys.size();
            roundTrip.check(
                    new Mutant(
                            i,
                            record.description,
                            NO_MUTATION,
                            record.recordKey(),
                            record.recordValue()),
                    record.compression,
                    record.expected);
        }
        roundTrip.finish(events);
    }
}
