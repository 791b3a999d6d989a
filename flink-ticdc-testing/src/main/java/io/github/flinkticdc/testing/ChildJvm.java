package io.github.flinkticdc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java program running as a child process of the test JVM (a Kafka broker, a Flink process, an
 * S3-compatible server), with its output in a log file. It is stopped through its own {@link
 * Process} handle, never by looking processes up by name.
 */
public final class ChildJvm implements AutoCloseable {

    private static final long STOP_GRACE_MS = 10_000;
    private static final int LOG_TAIL_CHARS = 6_000;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The command line of a Java program: JVM options, then the main class and its arguments. */
    public static final class Command {
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final String classpath;
        private final String mainClass;

        /** The program {@code mainClass} on {@code classpath}, in this JVM's Java. */
        public Command(String classpath, String mainClass) {
            this.classpath = classpath;
            this.mainClass = mainClass;
        }

        /** Adds options of the JVM, such as {@code -Xmx512m}. */
        public Command jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Adds arguments of the program. */
        public Command arguments(List<String> args) {
            arguments.addAll(args);
            return this;
        }

        List<String> toList() {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.addAll(arguments);
            return command;
        }
    }

    /** Starts the program; its standard output and error go to {@code log}. */
    public static ChildJvm start(String name, Command command, Map<String, String> env, Path log) {
        ProcessBuilder builder =
                new ProcessBuilder(command.toList())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * Runs the program to its end and returns what it printed; fails if it exits with an error or
     * runs longer than {@code timeoutMs}.
     */
    public static String run(String name, Command command, Path log, long timeoutMs) {
        try (ChildJvm jvm = start(name, command, Map.of(), log)) {
            if (!jvm.process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not end within " + timeoutMs + " ms");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (jvm.process.exitValue() != 0) {
                throw new IllegalStateException(
                        name + " exited with " + jvm.process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the program in the foreground, on this JVM's standard input, output and error (a
     * terminal, when there is one), and returns its exit status.
     */
    public static int runInForeground(Command command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command.toList()).inheritIO();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command.mainClass, e);
        }
        // Ctrl-C reaches this JVM too, and ends it; the program must not outlive it on the
        // terminal.
        Thread stop = new Thread(process::destroy, "stop-" + command.mainClass);
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running: it stops the program.
            }
        }
    }

    /** The name it was started with, for messages. */
    public String name() {
        return name;
    }

    /** Whether the program still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The program's exit status; only once it has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The operating system's id of the process, for logs. */
    public long pid() {
        return process.pid();
    }

    /** The last part of the program's output, for failure messages. */
    public String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= LOG_TAIL_CHARS
                    ? text
                    : "..." + text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks the program to stop (SIGTERM, so its shutdown hooks run), without waiting. */
    public void requestStop() {
        process.destroy();
    }

    /** Stops the program and waits for it; kills it if it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
