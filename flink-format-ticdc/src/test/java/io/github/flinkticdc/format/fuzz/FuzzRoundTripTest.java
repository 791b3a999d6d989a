package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.DecoderHarness;
import io.github.flinkticdc.format.testutil.OpenProtocolHarness;

import org.apache.flink.table.data.RowData;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random TiCDC events over a table with many column types, written as TiCDC writes them ({@link
 * RandomEvents}), decode to exactly the rows computed from their typed values: every value, row
 * kind and commit ts, for canal-json and for Open Protocol batches, uncompressed and compressed.
 */
class FuzzRoundTripTest {

    @Test
    void canalJsonEventsDecodeToTheirTypedValues() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        TypedTable table = TypedTable.canal();
        DecoderHarness[] decoders = new DecoderHarness[Compression.values().length];
        for (Compression c : Compression.values()) {
            decoders[c.ordinal()] =
                    new DecoderHarness(
                            TiCdcCanalDeserializationSchema.builder(table.rowType)
                                    .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                    .setTimestampZone(TypedTable.TIMESTAMP_ZONE)
                                    .setCompression(c)
                                    .build());
        }
        RowComparison rows = new RowComparison(table);
        FailureReport failures =
                new FailureReport("canal-json round trip", settings, getClass().getSimpleName());
        long start = System.nanoTime();
        for (int i = 0; i < settings.events; i++) {
            SplittableRandom r = settings.random("canal-round-trip", i);
            RandomEvents.CanalMessage m =
                    RandomEvents.canal(table, r, RandomEvents.randomCompression(r));
            Mutant event = new Mutant(i, m.description, "none (round trip)", null, m.message());
            try {
                List<RowData> decoded = decoders[m.compression.ordinal()].decode(event.value);
                String difference = rows.difference(m.expected, decoded);
                if (difference != null) {
                    failures.add("canal-json round trip: " + kindOf(difference), event, difference);
                }
            } catch (Throwable t) {
                failures.addThrowable("canal-json round trip threw", event, t);
            }
        }
        System.out.printf(
                "[fuzz] canal-json round trip seed=%d events=%d failures=%d time=%dms%n",
                settings.seed,
                settings.events,
                failures.total(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }

    @Test
    void openProtocolBatchesDecodeToTheirTypedValues() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        TypedTable table = TypedTable.openProtocol();
        OpenProtocolHarness[] decoders = new OpenProtocolHarness[Compression.values().length];
        for (Compression c : Compression.values()) {
            decoders[c.ordinal()] =
                    new OpenProtocolHarness(
                            TiCdcOpenProtocolDeserializer.builder(table.rowType)
                                    .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                    .setTimestampZone(TypedTable.TIMESTAMP_ZONE)
                                    .setCompression(c)
                                    .build());
        }
        RowComparison rows = new RowComparison(table);
        FailureReport failures =
                new FailureReport("open-protocol round trip", settings, getClass().getSimpleName());
        long start = System.nanoTime();
        long events = 0;
        for (int i = 0; events < settings.events; i++) {
            SplittableRandom r = settings.random("open-round-trip", i);
            RandomEvents.OpenRecord record =
                    RandomEvents.open(table, r, RandomEvents.randomCompression(r));
            events += record.keys.size();
            Mutant mutant =
                    new Mutant(
                            i,
                            record.description,
                            "none (round trip)",
                            record.recordKey(),
                            record.recordValue());
            try {
                List<RowData> decoded =
                        decoders[record.compression.ordinal()].decode(
                                mutant.key, mutant.value, null);
                String difference = rows.difference(record.expected, decoded);
                if (difference != null) {
                    failures.add(
                            "open-protocol round trip: " + kindOf(difference), mutant, difference);
                }
            } catch (Throwable t) {
                failures.addThrowable("open-protocol round trip threw", mutant, t);
            }
        }
        System.out.printf(
                "[fuzz] open-protocol round trip seed=%d events=%d failures=%d time=%dms%n",
                settings.seed, events, failures.total(), (System.nanoTime() - start) / 1_000_000);
        assertThat(failures.isEmpty()).as(failures.render()).isTrue();
    }

    /** Groups differences by the column (or count / kind) that differs. */
    private static String kindOf(String difference) {
        int column = difference.indexOf(" column ");
        if (column >= 0) {
            int end = difference.indexOf(':', column);
            return "wrong value in" + difference.substring(column, end);
        }
        return difference.startsWith("expected") ? "wrong number of rows" : "wrong row kind";
    }
}
