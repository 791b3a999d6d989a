package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every decoder must do with any input, checked on one mutant: a strict decoder ({@code
 * ignore-parse-errors = false}) decodes it or throws an {@link IOException} whose message starts
 * with {@value #PREFIX}, neither says {@code REDACTED} nor {@code at byte -1}, and is not caused by
 * a {@link RuntimeException} (which the decoder refuses the message for, but is a defect); anything
 * else it throws is a failure. A lenient decoder ({@code ignore-parse-errors = true}) throws
 * nothing, emits what the strict one emitted when that one accepted the message, and counts a skip
 * when the strict one refused it, as {@link FuzzedProtocol#checkLenientRefusal} says for the
 * protocol. One instance holds the strict and lenient decoders of one configuration.
 */
final class DecodeContract {

    static final String PREFIX = "Failed to decode a TiCDC";

    /** The strict decoder's verdict: its rows, or null when it refused or broke the contract. */
    static final class Outcome {
        final List<RowData> rows;
        final boolean refused;

        Outcome(List<RowData> rows, boolean refused) {
            this.rows = rows;
            this.refused = refused;
        }
    }

    private final FuzzedProtocol protocol;
    private final DecoderHarness<Mutant> strict;
    private final DecoderHarness<Mutant> lenient;

    private DecodeContract(FuzzedProtocol protocol, DecoderConfig config) throws Exception {
        this.protocol = protocol;
        this.strict = protocol.decoder(config, false);
        this.lenient = protocol.decoder(config, true);
    }

    /** Fresh strict and lenient decoders for each configuration, in the same order. */
    static List<DecodeContract> forEach(FuzzedProtocol protocol, List<DecoderConfig> configs)
            throws Exception {
        List<DecodeContract> contracts = new ArrayList<>();
        for (DecoderConfig config : configs) {
            contracts.add(new DecodeContract(protocol, config));
        }
        return contracts;
    }

    Outcome check(Mutant m, WatchedRunner.Watch watch, FailureReport failures, RunStats stats) {
        List<RowData> rows = null;
        boolean refused = false;
        boolean broken = false;
        Throwable unexpected = null;
        watch.begin(m);
        try {
            rows = strict.decode(m);
        } catch (IOException e) {
            refused = true;
            broken = !checkError(e, m, failures);
            unexpected = broken ? e : null;
        } catch (Throwable t) {
            rethrowIfStopped(t);
            broken = true;
            unexpected = t;
            failures.addThrowable(protocol.label + " strict decoder threw", m, t);
        } finally {
            watch.end();
        }
        long skippedBefore = lenient.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED);
        List<RowData> lenientRows = null;
        watch.begin(m);
        try {
            lenientRows = lenient.decode(m);
        } catch (Throwable t) {
            rethrowIfStopped(t);
            if (!sameFailure(unexpected, t)) {
                failures.addThrowable(
                        protocol.label + " lenient decoder (ignore-parse-errors) threw", m, t);
            }
        } finally {
            watch.end();
        }
        long skipped = lenient.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED) - skippedBefore;
        count(stats, refused, broken);
        if (broken || lenientRows == null) {
            return new Outcome(null, refused);
        }
        if (refused) {
            protocol.checkLenientRefusal(m, skipped, lenientRows, failures);
        }
        if (!refused && (skipped != 0 || !lenientRows.equals(rows))) {
            failures.add(
                    protocol.label
                            + " lenient decoder: skipped or emitted other rows for a "
                            + protocol.unit
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
        if (e.getCause() instanceof RuntimeException) {
            // The decoder refuses what any of its parts throws, but a part that throws anything
            // but its own IOException has a defect: the message is refused for the wrong reason.
            failures.addThrowable(
                    "refused through an unexpected " + e.getCause().getClass().getName(),
                    m,
                    e.getCause());
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
