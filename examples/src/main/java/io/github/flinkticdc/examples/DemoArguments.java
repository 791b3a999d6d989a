package io.github.flinkticdc.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The arguments of the demo's real-topic mode and the values each takes, so that a misspelled
 * argument or value stops the demo with what it takes instead of being ignored or failing later
 * inside Flink.
 */
final class DemoArguments {

    /** Any text. */
    private static final List<String> TEXT = List.of();

    /** The flag, which takes no value. */
    private static final List<String> FLAG = List.of("true");

    private static final Map<String, List<String>> ARGUMENTS = new LinkedHashMap<>();

    static {
        ARGUMENTS.put("bootstrap-servers", TEXT);
        ARGUMENTS.put("topic", TEXT);
        ARGUMENTS.put("columns", TEXT);
        ARGUMENTS.put("database", TEXT);
        ARGUMENTS.put("table", TEXT);
        ARGUMENTS.put("startup-mode", List.of("earliest-offset", "latest-offset"));
        ARGUMENTS.put("consistency", List.of("exactly-once", "at-least-once"));
        ARGUMENTS.put("compression", List.of("none", "lz4", "snappy"));
        ARGUMENTS.put("timestamp-time-zone", TEXT);
        ARGUMENTS.put("ignore-parse-errors", FLAG);
    }

    private DemoArguments() {}

    /**
     * The value of argument {@code name}: {@code value}, or "true" for the flag.
     *
     * @param value what followed the argument, or null when nothing did
     * @throws IllegalArgumentException for an argument or value the demo does not take
     */
    static String check(String name, String value) {
        List<String> values = ARGUMENTS.get(name);
        if (values == null) {
            throw new IllegalArgumentException("unknown argument --" + name + ". " + usage());
        }
        if (values == FLAG) {
            if (value != null) {
                throw new IllegalArgumentException(
                        "--" + name + " takes no value, but is followed by '" + value + "'");
            }
            return "true";
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " needs a value. " + usage());
        }
        if (values != TEXT && !values.contains(value)) {
            throw new IllegalArgumentException(
                    "--"
                            + name
                            + " is '"
                            + value
                            + "'; it must be one of "
                            + String.join(", ", values));
        }
        return value;
    }

    /**
     * Refuses arguments that do not go together: the real-topic mode needs both the servers and the
     * topic, and columns are those of one table, so they need {@code --table}; other tables' rows
     * would print as nulls.
     */
    static void checkTogether(Map<String, String> options) {
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

    /** What the demo takes, for messages. */
    static String usage() {
        return "The demo takes "
                + ARGUMENTS.entrySet().stream()
                        .map(DemoArguments::describe)
                        .collect(Collectors.joining(", "))
                + "; with none it runs its embedded tour.";
    }

    private static String describe(Map.Entry<String, List<String>> argument) {
        List<String> values = argument.getValue();
        String name = "--" + argument.getKey();
        if (values == FLAG) {
            return name;
        }
        return name + (values == TEXT ? " <text>" : " " + String.join("|", values));
    }
}
