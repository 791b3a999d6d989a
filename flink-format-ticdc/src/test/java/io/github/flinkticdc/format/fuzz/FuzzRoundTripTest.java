package io.github.flinkticdc.format.fuzz;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/**
 * Random TiCDC events over a table with many column types, written as TiCDC writes them ({@link
 * RandomEvents}), decode to exactly the rows computed from their typed values: every value, row
 * kind and commit ts, for canal-json, Open Protocol batches and simple messages, uncompressed and
 * compressed.
 */
class FuzzRoundTripTest {

    private static final String NO_MUTATION = "none (round trip)";

    /** Writes the message of one event from its random stream. */
    private interface Writer {
        RandomEvents.OneEventMessage write(TypedTable table, SplittableRandom r);
    }

    /** The round trip of {@code fuzz.events} messages of one event each. */
    private void eachMessage(
            FuzzedProtocol protocol, TypedTable table, String stream, Writer writer)
            throws Exception {
        eachMessage(new RoundTrip(protocol, table, getClass()), stream, writer);
    }

    private static void eachMessage(RoundTrip roundTrip, String stream, Writer writer) {
        TypedTable table = roundTrip.table;
        FuzzSettings settings = roundTrip.settings;
        for (int i = 0; i < settings.events; i++) {
            SplittableRandom r = settings.random(stream, i);
            RandomEvents.OneEventMessage m = writer.write(table, r);
            roundTrip.check(
                    new Mutant(i, m.description, NO_MUTATION, m.key(), m.message()),
                    m.compression,
                    m.expected);
        }
        roundTrip.finish(settings.events);
    }

    @Test
    void canalJsonEventsDecodeToTheirTypedValues() throws Exception {
        eachMessage(
                FuzzedProtocol.CANAL_JSON,
                TypedTable.canal(),
                "canal-round-trip",
                (table, r) -> RandomEvents.canal(table, r, RandomEvents.randomCompression(r)));
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

    /**
     * Half of the rows come after their table's BOOTSTRAP and half without it; the decoders keep
     * the schemas they read, so rows are also read with a schema their message did not bring.
     */
    @Test
    void simpleMessagesDecodeToTheirTypedValuesWithAndWithoutTheirSchema() throws Exception {
        eachMessage(
                FuzzedProtocol.SIMPLE,
                TypedTable.simple(),
                "simple-round-trip",
                (table, r) ->
                        RandomEvents.simple(table, r, RandomEvents.randomCompression(r), false));
    }

    /**
     * The same messages with TiCDC's row checksums, computed by the test writer, read verifying
     * them: the reader's computation must agree with the writer's on every type of the table.
     */
    @Test
    void simpleMessagesWithChecksumsDecodeVerified() throws Exception {
        eachMessage(
                new RoundTrip(FuzzedProtocol.SIMPLE, TypedTable.simple(), getClass(), true),
                "simple-checksum-round-trip",
                (table, r) ->
                        RandomEvents.simple(table, r, RandomEvents.randomCompression(r), true));
    }
}
