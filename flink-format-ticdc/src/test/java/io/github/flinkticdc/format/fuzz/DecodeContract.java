package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.testutil.DecoderHarness;
import io.github.flinkticdc.format.testutil.OpenProtocolHarness;

import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.List;

/**
 * What every decoder must do with any input, checked on one mutant: a strict decoder ({@code
 * ignore-parse-errors = false}) decodes it or throws an {@link IOException} whose message starts
 * with {@value #PREFIX} and neither says {@code REDACTED} nor {@code at byte -1}; anything else it
 * throws is a failure. A lenient decoder ({@code ignore-parse-errors = true}) throws nothing, emits
 * what the strict one emitted when that one accepted the message, and counts a skip exactly when
 * the strict one refused it (canal-json: one skip per message; Open Protocol, where one bad event
 * of a record is skipped and the others are emitted: at least one).
 */
final class DecodeContract {

    static final String PREFIX = "Failed to decode a TiCDC";

    /** Strict and lenient decoders of one configuration. */
    static final class CanalPair {
        final DecoderHarness strict;
        final DecoderHarness lenient;

        CanalPair(DecoderHarness strict, DecoderHarness lenient) {
            this.strict = strict;
            this.lenient = lenient;
        }
    }

    static final class OpenPair {
        final OpenProtocolHarness strict;
        final OpenProtocolHarness lenient;

        OpenPair(OpenProtocolHarness strict, OpenProtocolHarness lenient) {
            this.strict = strict;
            this.lenient = lenient;
        }
    }

    /** The strict decoder's verdict: its rows, or null when it refused or broke the contract. */
    static final class Outcome {
        final List<RowData> rows;
        final boolean refused;

        Outcome(List<RowData> rows, boolean refused) {
            this.rows = rows;
            this.refused = refused;
        }
    }

    private DecodeContract() {}

    static Outcome checkCanal(
            CanalPair decoders,
            Mutant m,
            WatchedRunner.Watch watch,
            FailureReport failures,
            RunStats stats) {
        List<RowData> rows = null;
        boolean refused = false;
        boolean broken = false;
        Throwable unexpected = null;
        watch.begin(m);
        try {
            rows = decoders.strict.decode(m.value);
        } catch (IOException e) {
            refused = true;
            broken = !checkError(e, m, failures);
            unexpected = broken ? e : null;
        } catch (Throwable t) {
            rethrowIfStopped(t);
            broken = true;
            unexpected = t;
            failures.addThrowable("canal-json strict decoder threw", m, t);
        } finally {
            watch.end();
        }
        long skippedBefore = decoders.lenient.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED);
        List<RowData> lenientRows = null;
        watch.begin(m);
        try {
            lenientRows = decoders.lenient.decode(m.value);
        } catch (Throwable t) {
            rethrowIfStopped(t);
            if (!sameFailure(unexpected, t)) {
                failures.addThrowable(
                        "canal-json lenient decoder (ignore-parse-errors) threw", m, t);
            }
        } finally {
            watch.end();
        }
        long skipped = decoders.lenient.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED) - skippedBefore;
        count(stats, refused, broken);
        if (broken || lenientRows == null) {
            return new Outcome(null, refused);
        }
        if (refused && (skipped != 1 || !lenientRows.isEmpty())) {
            failures.add(
                    "canal-json lenient decoder: skip counter grew by "
                            + skipped
                            + " (not 1) or"
                            + " rows were emitted for a message the strict decoder refused",
                    m,
                    "skip counter +" + skipped + ", rows " + lenientRows);
        }
        if (!refused && (skipped != 0 || !lenientRows.equals(rows))) {
            failures.add(
                    "canal-json lenient decoder: skipped or emitted other rows for a message the"
                            + " strict decoder accepted",
                    m,
                    "skip counter +"
                            + skipped
                            + "\nstrict rows  "
                            + rows
                            + "\nlenient rows "
                            + lenientRows);
        }
        return new Outcome(rows, refused);
    }

    static Outcome checkOpen(
            OpenPair decoders,
            Mutant m,
            WatchedRunner.Watch watch,
            FailureReport failures,
            RunStats stats) {
        List<RowData> rows = null;
        boolean refused = false;
        boolean broken = false;
        Throwable unexpected = null;
        watch.begin(m);
        try {
            rows = decoders.strict.decode(m.key, m.value, null);
        } catch (IOException e) {
            refused = true;
            broken = !checkError(e, m, failures);
            unexpected = broken ? e : null;
        } catch (Throwable t) {
            rethrowIfStopped(t);
            broken = true;
            unexpected = t;
            failures.addThrowable("open-protocol strict decoder threw", m, t);
        } finally {
            watch.end();
        }
        long skippedBefore = decoders.lenient.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED);
        List<RowData> lenientRows = null;
        watch.begin(m);
        try {
            lenientRows = decoders.lenient.decode(m.key, m.value, null);
        } catch (Throwable t) {
            rethrowIfStopped(t);
            if (!sameFailure(unexpected, t)) {
                failures.addThrowable(
                        "open-protocol lenient decoder (ignore-parse-errors) threw", m, t);
            }
        } finally {
            watch.end();
        }
        long skipped = decoders.lenient.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED) - skippedBefore;
        count(stats, refused, broken);
        if (broken || lenientRows == null) {
            return new Outcome(null, refused);
        }
        if (refused && skipped < 1) {
            failures.add(
                    "open-protocol lenient decoder: nothing counted as skipped for a record the"
                            + " strict decoder refused",
                    m,
                    "lenient rows " + lenientRows);
        }
        if (!refused && (skipped != 0 || !lenientRows.equals(rows))) {
            failures.add(
                    "open-protocol lenient decoder: skipped or emitted other rows for a record"
                            + " the strict decoder accepted",
                    m,
                    "skip counter +"
                            + skipped
                            + "\nstrict rows  "
                            + rows
                            + "\nlenient rows "
                            + lenientRows);
        }
        return new Outcome(rows, refused);
    }

    /** A worker stopped after a hang ends here, not in the failure report. */
    private static void rethrowIfStopped(Throwable t) {
        if (t.getClass().getName().equals("java.lang.ThreadDeath")) {
            throw (Error) t;
        }
    }

    /**
     * Whether the lenient decoder failed like the strict one (reported once); an IOException of the
     * strict decoder with a bad message counts as its failure too.
     */
    private static boolean sameFailure(Throwable strict, Throwable lenient) {
        return strict != null && strict.getClass() == lenient.getClass();
    }

    /**
     * @return whether the refusal is a proper one
     */
    private static boolean checkError(IOException e, Mutant m, FailureReport failures) {
        String message = String.valueOf(e.getMessage());
        if (!message.startsWith(PREFIX)) {
            failures.addThrowable("IOException not starting with '" + PREFIX + "'", m, e);
            return false;
        }
        if (message.contains("REDACTED")) {
            failures.add("error message contains 'REDACTED'", m, FailureReport.render(e));
            return false;
        }
        if (message.contains("at byte -1")) {
            failures.add("error message says 'at byte -1'", m, FailureReport.render(e));
            return false;
        }
        return true;
    }

    private static void count(RunStats stats, boolean refused, boolean broken) {
        stats.messages.incrementAndGet();
        if (!broken) {
            (refused ? stats.refused : stats.decoded).incrementAndGet();
        }
    }
}
