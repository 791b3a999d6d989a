package io.github.flinkticdc.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code --name value} arguments a command-line tool of this project takes, and the values each
 * takes: a misspelled argument or value stops the tool with what it takes, instead of being ignored
 * or failing later inside Flink or Kafka.
 */
public final class CommandLineArguments {

    /** Any text. */
    private static final List<String> TEXT = List.of();

    /** The flag, which takes no value. */
    private static final List<String> FLAG = List.of("true");

    private final String program;
    private final String withoutArguments;
    private final Map<String, List<String>> arguments = new LinkedHashMap<>();

    /**
     * @param program how messages name the tool, such as "The demo"
     * @param withoutArguments what the tool does without arguments, for its usage line
     */
    public CommandLineArguments(String program, String withoutArguments) {
        this.program = program;
        this.withoutArguments = withoutArguments;
    }

    /** Adds an argument taking any non-empty text. */
    public CommandLineArguments text(String name) {
        arguments.put(name, TEXT);
        return this;
    }

    /** Adds an argument taking one of {@code values}. */
    public CommandLineArguments choice(String name, String... values) {
        arguments.put(name, List.of(values));
        return this;
    }

    /** Adds a flag, which takes no value and reads as "true". */
    public CommandLineArguments flag(String name) {
        arguments.put(name, FLAG);
        return this;
    }

    /**
     * {@code --name value} pairs by name; a flag maps to "true".
     *
     * @throws IllegalArgumentException naming an argument the tool does not take, a value it does
     *     not know, or a missing value, with what it takes
     */
    public Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + args[i] + "'. " + usage());
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            String value = hasValue ? args[++i] : null;
            options.put(name, check(name, value));
        }
        return options;
    }

    /** What the tool takes, for messages. */
    public String usage() {
        return program
                + " takes "
                + arguments.entrySet().stream()
                        .map(CommandLineArguments::describe)
                        .collect(Collectors.joining(", "))
                + "; with none it "
                + withoutArguments
                + ".";
    }

    private String check(String name, String value) {
        List<String> values = arguments.get(name);
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

    private static String describe(Map.Entry<String, List<String>> argument) {
        List<String> values = argument.getValue();
        String name = "--" + argument.getKey();
        if (values == FLAG) {
            return name;
        }
        return name + (values == TEXT ? " <text>" : " " + String.join("|", values));
    }
}
