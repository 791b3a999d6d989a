package io.github.flinkticdc.examples.datastream;

/** The two arguments each DataStream example takes: Kafka's bootstrap servers and the topic. */
public final class JobArguments {

    private final String bootstrapServers;
    private final String topic;

    private JobArguments(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /**
     * @param job the example's main class, named in the usage message
     * @throws IllegalArgumentException with the usage, unless {@code args} are exactly two
     */
    public static JobArguments parse(Class<?> job, String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "Usage: "
                            + job.getSimpleName()
                            + " <bootstrap-servers> <topic>, e.g. kafka:9092 tidb-shop (got "
                            + args.length
                            + " arguments)");
        }
        return new JobArguments(args[0], args[1]);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }
}
