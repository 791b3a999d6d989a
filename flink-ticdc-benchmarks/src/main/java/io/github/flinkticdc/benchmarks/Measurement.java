package io.github.flinkticdc.benchmarks;

/**
 * What one run of one decoder on one case gave, per change event; or why the pair was not measured.
 */
final class Measurement {

    final DecodeCase decodeCase;
    final Decoder decoder;

    /** Events per second; NaN when not measured. */
    final double eventsPerSecond;

    /** JMH's error of {@link #eventsPerSecond} (99.9%); NaN when it has too few iterations. */
    final double error;

    final double inputBytesPerEvent;

    /** Bytes allocated per event; NaN when the GC profiler gave none. */
    final double allocatedBytesPerEvent;

    /** Why the pair was not measured; null when it was. */
    final String notMeasuredBecause;

    private Measurement(
            DecodeCase decodeCase,
            Decoder decoder,
            double eventsPerSecond,
            double error,
            double inputBytesPerEvent,
            double allocatedBytesPerEvent,
            String notMeasuredBecause) {
        this.decodeCase = decodeCase;
        this.decoder = decoder;
        this.eventsPerSecond = eventsPerSecond;
        this.error = error;
        this.inputBytesPerEvent = inputBytesPerEvent;
        this.allocatedBytesPerEvent = allocatedBytesPerEvent;
        this.notMeasuredBecause = notMeasuredBecause;
    }

    static Measurement measured(
            DecodeCase decodeCase,
            Decoder decoder,
            double eventsPerSecond,
            double error,
            double inputBytesPerEvent,
            double allocatedBytesPerEvent) {
        return new Measurement(
                decodeCase,
                decoder,
                eventsPerSecond,
                error,
                inputBytesPerEvent,
                allocatedBytesPerEvent,
                null);
    }

    static Measurement notMeasured(DecodeCase decodeCase, Decoder decoder, String because) {
        return new Measurement(
                decodeCase, decoder, Double.NaN, Double.NaN, Double.NaN, Double.NaN, because);
    }

    boolean wasMeasured() {
        return notMeasuredBecause == null;
    }
}
