package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.data.RowData;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One protocol's round trip as a test: events written as TiCDC writes them are decoded, with commit
 * ts metadata, by the decoder of their compression and compared with the rows computed from their
 * typed values; differences are grouped by what differs, one summary line is printed and the test
 * fails once at the end.
 */
final class RoundTrip {

    final FuzzSettings settings = FuzzSettings.fromSystemProperties();
    final TypedTable table;
    private final String label;
    private final Map<Compression, DecoderHarness<Mutant>> decoders =
            new EnumMap<>(Compression.class);
    private final RowComparison rows;
    private final FailureReport failures;
    private final long start;

    RoundTrip(FuzzedProtocol protocol, TypedTable table, Class<?> testClass) throws Exception {
        this(protocol, table, testClass, false);
    }

    /**
     * @param checksumVerify whether the decoders verify row checksums (simple protocol)
     */
    RoundTrip(FuzzedProtocol protocol, TypedTable table, Class<?> testClass, boolean checksumVerify)
            throws Exception {
        this.table = table;
        for (Compression c : Compression.values()) {
            DecoderConfig config =
                    new DecoderConfig(table.rowType, List.of(TiCdcMetadata.COMMIT_TS), c, false);
            decoders.put(
                    c,
                    protocol.decoder(checksumVerify ? config.verifyingChecksums() : config, false));
        }
        this.rows = new RowComparison(table);
        this.label = protocol.label + (checksumVerify ? " (checksums verified)" : "");
        this.failures =
                new FailureReport(label + " round trip", settings, testClass.getSimpleName());
        this.start = System.nanoTime();
    }

    /** Decodes what was written (a mutant that mutated nothing) and records any difference. */
    void check(Mutant written, Compression compression, List<RowData> expected) {
        try {
            List<RowData> decoded = decoders.get(compression).decode(written);
            String difference = rows.difference(expected, decoded);
            if (difference != null) {
                failures.add(label + " round trip: " + kindOf(difference), written, difference);
            }
        } catch (Throwable t) {
            failures.addThrowable(label + " round trip threw", written, t);
        }
    }

    /** Prints the summary line and fails the test if any event came back different. */
    void finish(long events) {
        System.out.printf(
                "[fuzz] %s round trip seed=%d events=%d failures=%d time=%dms%n",
                label,
                settings.seed,
                events,
                failures.total(),
                (System.nanoTime() - start) / 1_000_000);
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
