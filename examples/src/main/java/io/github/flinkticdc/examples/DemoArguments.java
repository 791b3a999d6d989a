package io.github.flinkticdc.examples;

import java.util.List;
import java.util.Map;

/**
 * The arguments of the demo's real-topic mode and the values each takes, so that a misspelled
 * argument or value stops the demo with what it takes instead of being ignored or failing later
 * inside Flink.
 */
final class DemoArguments {

    private static final CommandLineArguments ARGUMENTS =
            new CommandLineArguments("The demo", "runs its embedded tour")
                    .text("bootstrap-servers")
                    .text("topic")
                    .text("columns")
                    .text("database")
                    .text("table")
                    .choice("startup-mode", "earliest-offset", "latest-offset")
                    .choice("consistency", "exactly-once", "at-least-once")
                    .choice("compression", "none", "lz4", "snappy")
                    .text("timestamp-time-zone")
                    .flag("ignore-parse-errors");

    private DemoArguments() {}

    /**
     * {@code --name value} pairs; the flag maps to "true".
     *
     * @throws IllegalArgumentException naming an argument the demo does not take, a value it does
     *     not know, a missing value, or arguments that do not go together
     */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = ARGUMENTS.parse(args);
        checkTogether(options);
        return options;
    }

    /**
     * Refuses arguments that do not go together: the real-topic mode needs both the servers and the
     * topic, and columns are those of one table, so they need {@code --table}; other tables' rows
     * would print as nulls.
     */
    private static void checkTogether(Map<String, String> options) {
        boolean realTopic =
                options.containsKey("bootstrap-servers") || options.containsKey("topic");
        for (String needed : List.of("bootstrap-servers", "topic")) {
            if (realTopic && !options.containsKey(needed)) {
                throw new IllegalArgumentException(
                        "reading a real topic needs --bootstrap-servers and --topic; --"
                                + needed
                                + " is missing");
            }
        }
        if (!realTopic && !options.isEmpty()) {
            throw new IllegalArgumentException(
                    "--"
                            + options.keySet().iterator().next()
                            + " is for a real topic: give --bootstrap-servers and --topic too");
        }
        if (options.containsKey("columns") && !options.containsKey("table")) {
            throw new IllegalArgumentException(
                    "--columns are the columns of one table: give --table <regex> too, or leave"
                            + " --columns out to see where every change comes from");
        }
    }
}
