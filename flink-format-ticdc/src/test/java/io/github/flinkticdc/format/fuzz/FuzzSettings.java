package io.github.flinkticdc.format.fuzz;

import java.time.Duration;

/**
 * The knobs of a fuzz run, read from system properties so that CI runs a small, fixed-seed suite
 * and the {@code fuzz} Maven profile (or a developer) scales it without touching code:
 *
 * <ul>
 *   <li>{@code fuzz.seed}: the seed every mutant and random event is derived from (default fixed;
 *       the builds of the other Flink lines set seeds of their own)
 *   <li>{@code fuzz.messages}: mutants per protocol (default 20,000: the build runs the same ones
 *       each time, so more would only repeat them; the other Flink lines run 5,000 of other
 *       mutants; -Pfuzz runs 1,000,000)
 *   <li>{@code fuzz.events}: random round-trip events per protocol (default 5,000)
 *   <li>{@code fuzz.timeoutMillis}: time limit for decoding one message (default 2,000)
 *   <li>{@code fuzz.maxFailures}: distinct failures kept with their reproducers (default 40)
 *   <li>{@code fuzz.only}: run only the mutant with this index (to reproduce a reported failure)
 * </ul>
 */
final class FuzzSettings {

    static final long DEFAULT_SEED = 0x71C0CDF022L;

    final long seed;
    final long messages;
    final int events;
    final Duration timeout;
    final int maxFailures;

    /** The single mutant index to run, or -1 for all. */
    final long only;

    private FuzzSettings(
            long seed, long messages, int events, Duration timeout, int maxFailures, long only) {
        this.seed = seed;
        this.messages = messages;
        this.events = events;
        this.timeout = timeout;
        this.maxFailures = maxFailures;
        this.only = only;
    }

    static FuzzSettings fromSystemProperties() {
        return new FuzzSettings(
                Long.decode(property("fuzz.seed", Long.toString(DEFAULT_SEED))),
                Long.parseLong(property("fuzz.messages", "20000")),
                Integer.parseInt(System.getProperty("fuzz.events", "5000")),
                Duration.ofMillis(Long.parseLong(System.getProperty("fuzz.timeoutMillis", "2000"))),
                Integer.parseInt(System.getProperty("fuzz.maxFailures", "40")),
                Long.parseLong(System.getProperty("fuzz.only", "-1")));
    }

    /**
     * A system property, or {@code otherwise} where it is unset or blank (as the build sets it).
     */
    private static String property(String key, String otherwise) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /**
     * An independent random stream for item {@code index} of the stream named {@code stream}, so
     * that any single mutant can be rebuilt from the seed and its index alone.
     */
    java.util.SplittableRandom random(String stream, long index) {
        long h = seed ^ (stream.hashCode() * 0x9E3779B97F4A7C15L);
        h = mix(h + index * 0xBF58476D1CE4E5B9L);
        return new java.util.SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** How to rerun exactly this mutant. */
    String reproduceHint(String testClass, long index) {
        return "rerun with -Dtest="
                + testClass
                + " -Dfuzz.seed="
                + seed
                + " -Dfuzz.messages="
                + messages
                + " -Dfuzz.only="
                + index;
    }
}
