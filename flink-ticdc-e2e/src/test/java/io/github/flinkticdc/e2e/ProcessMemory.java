package io.github.flinkticdc.e2e;

import io.github.flinkticdc.testing.ChildJvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The memory settings of a JobManager or TaskManager JVM, worked out by Flink's {@code
 * BashJavaUtils} from {@code config.yaml} exactly as Flink's start scripts do: JVM options ({@code
 * -Xmx}, {@code -XX:MaxDirectMemorySize}, ...) and dynamic properties ({@code -D key=value}) for
 * the program. A TaskManager started without them stops at once ({@code taskmanager.cpu.cores ...
 * is not set}).
 */
final class ProcessMemory {

    private static final String MAIN_CLASS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final long TIMEOUT_MS = 60_000;

    /** Which process the settings are for, named by BashJavaUtils' command. */
    enum Role {
        JOB_MANAGER("GET_JM_RESOURCE_PARAMS"),
        TASK_MANAGER("GET_TM_RESOURCE_PARAMS");

        private final String command;

        Role(String command) {
            this.command = command;
        }
    }

    private final List<String> jvmOptions;
    private final List<String> dynamicProperties;

    private ProcessMemory(List<String> jvmOptions, List<String> dynamicProperties) {
        this.jvmOptions = jvmOptions;
        this.dynamicProperties = dynamicProperties;
    }

    /** Runs BashJavaUtils for {@code role} on the given configuration. */
    static ProcessMemory compute(Role role, String classpath, FlinkConf conf, Path log) {
        String output =
                ChildJvm.run(
                        "BashJavaUtils " + role.command,
                        new ChildJvm.Command(classpath, MAIN_CLASS)
                                .jvmOptions(
                                        List.of("-Dlog4j.configurationFile=" + conf.log4jFile()))
                                .arguments(
                                        List.of(
                                                role.command,
                                                "--configDir",
                                                conf.directory().toString())),
                        log,
                        TIMEOUT_MS);
        List<String> results = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith(RESULT_PREFIX)) {
                results.add(line.substring(RESULT_PREFIX.length()).trim());
            }
        }
        // The last two results are the ones the scripts use: JVM options, then dynamic properties.
        if (results.size() < 2) {
            throw new IllegalStateException(
                    "BashJavaUtils " + role.command + " printed no settings:\n" + output);
        }
        return new ProcessMemory(
                words(results.get(results.size() - 2)), words(results.get(results.size() - 1)));
    }

    /** Such as {@code -Xmx...}, for the JVM. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Such as {@code -D taskmanager.memory.network.min=...}, for the program's arguments. */
    List<String> dynamicProperties() {
        return dynamicProperties;
    }

    private static List<String> words(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
    }
}
