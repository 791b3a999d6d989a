package io.github.flinkticdc.benchmarks.endtoend;

/**
 * What a run does, from system properties (the {@code bench-e2e} profile passes them on): {@code
 * e2e.messages} row changes per topic, {@code e2e.rounds} timed jobs per case, and {@code
 * e2e.warmup}, the share of each topic one untimed job per case reads first (0 for none).
 */
final class Settings {

    final long messages;
    final int rounds;
    final double warmup;

    private Settings(long messages, int rounds, double warmup) {
        if (messages < 1 || rounds < 1 || warmup < 0 || warmup > 1) {
            throw new IllegalArgumentException(
                    "Need e2e.messages >= 1, e2e.rounds >= 1 and 0 <= e2e.warmup <= 1, got "
                            + messages
                            + ", "
                            + rounds
                            + ", "
                            + warmup);
        }
        this.messages = messages;
        this.rounds = rounds;
        this.warmup = warmup;
    }

    static Settings fromSystemProperties() {
        return new Settings(
                Long.getLong("e2e.messages", 50_000L),
                Integer.getInteger("e2e.rounds", 3),
                Double.parseDouble(System.getProperty("e2e.warmup", "0.3")));
    }
}
