package io.github.flinkticdc.benchmarks;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The check that makes the race fair: on every input, each decoder of a case produces the rows
 * {@link Decoder#TICDC_CANAL} produces for the same change events, on the columns it declares.
 * Throughput of a decoder that drops, reorders or misreads rows would measure nothing.
 */
final class RowAgreement {

    private static final Decoder REFERENCE = Decoder.TICDC_CANAL;

    private RowAgreement() {}

    /**
     * Checks every other decoder measured on this case that makes rows.
     *
     * @throws IllegalStateException naming the case, the events and both rows where two differ
     */
    static void checkAll(DecodeCase decodeCase, Workload workload) throws Exception {
        RowDecoder reference = (RowDecoder) REFERENCE.open(decodeCase, workload);
        List<List<GenericRowData>> expected = rowsByEvent(decodeCase, reference);
        for (Decoder other : Decoder.values()) {
            if (other == REFERENCE || other.notMeasuredBecause(decodeCase) != null) {
                continue;
            }
            BenchDecoder opened = other.open(decodeCase, workload);
            if (opened instanceof RowDecoder) {
                check(decodeCase, reference, expected, other, (RowDecoder) opened);
            }
        }
    }

    private static void check(
            DecodeCase decodeCase,
            RowDecoder reference,
            List<List<GenericRowData>> expected,
            Decoder other,
            RowDecoder decoder)
            throws IOException {
        RowProjection toDecoder = new RowProjection(reference.rowType(), decoder.rowType());
        RowProjection asIs = new RowProjection(decoder.rowType(), decoder.rowType());
        int event = 0;
        for (int input = 0; input < decoder.inputs(); input++) {
            int events = decoder.eventsIn(input);
            List<GenericRowData> want = new ArrayList<>();
            for (int e = event; e < event + events; e++) {
                expected.get(e).forEach(row -> want.add(toDecoder.apply(row)));
            }
            List<GenericRowData> got = new ArrayList<>();
            try {
                for (RowData row : decode(decoder, input)) {
                    got.add(asIs.apply(row));
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        String.format(
                                "Case %s: %s failed on %s, which %s reads as %s",
                                decodeCase,
                                other.label(),
                                events(event, events),
                                REFERENCE.label(),
                                want),
                        e);
            }
            if (!got.equals(want)) {
                throw new IllegalStateException(
                        String.format(
                                "Case %s: %s and %s disagree on %s,"
                                        + " so their speeds do not compare.%n  %s: %s%n  %s: %s%n"
                                        + "  %s read: %s%n  %s read (first event): %s",
                                decodeCase,
                                other.label(),
                                REFERENCE.label(),
                                events(event, events),
                                other.label(),
                                got,
                                REFERENCE.label(),
                                want,
                                other.label(),
                                decoder.describe(input),
                                REFERENCE.label(),
                                reference.describe(event)));
            }
            event += events;
        }
        if (event != expected.size()) {
            throw new IllegalStateException(
                    String.format(
                            "Case %s: %s read %d change events, %s %d",
                            decodeCase, other.label(), event, REFERENCE.label(), expected.size()));
        }
    }

    private static List<List<GenericRowData>> rowsByEvent(
            DecodeCase decodeCase, RowDecoder reference) throws IOException {
        RowProjection asIs = new RowProjection(reference.rowType(), reference.rowType());
        List<List<GenericRowData>> rows = new ArrayList<>();
        for (int input = 0; input < reference.inputs(); input++) {
            List<GenericRowData> eventRows = new ArrayList<>();
            for (RowData row : decode(reference, input)) {
                eventRows.add(asIs.apply(row));
            }
            if (reference.eventsIn(input) != 1 || eventRows.isEmpty()) {
                // Equal rows would prove nothing if every decoder dropped the event.
                throw new IllegalStateException(
                        String.format(
                                "Case %s: %s made %d rows of input %d, which is one change event:"
                                        + " %s",
                                decodeCase,
                                REFERENCE.label(),
                                eventRows.size(),
                                input,
                                reference.describe(input)));
            }
            rows.add(eventRows);
        }
        return rows;
    }

    private static String events(int first, int count) {
        return count == 1
                ? "change event " + first
                : "change events " + first + " to " + (first + count - 1);
    }

    private static List<RowData> decode(RowDecoder decoder, int input) throws IOException {
        List<RowData> rows = new ArrayList<>();
        decoder.decode(input, new ListCollector<>(rows));
        return rows;
    }
}
