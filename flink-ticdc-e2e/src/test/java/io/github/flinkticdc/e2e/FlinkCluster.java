package io.github.flinkticdc.e2e;

import io.github.flinkticdc.e2e.FlinkDistribution.LibContents;
import io.github.flinkticdc.e2e.ProcessMemory.Role;
import io.github.flinkticdc.testing.ChildJvm;
import io.github.flinkticdc.testing.FreePorts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster, as {@code bin/start-cluster.sh} and {@code
 * bin/sql-gateway.sh} would start it from a distribution: a JobManager, a TaskManager and a SQL
 * gateway, each a plain JVM on 127.0.0.1 with the distribution's {@code lib/} as classpath.
 *
 * <p>{@link #start} returns as soon as the processes are launched, so that a test can start other
 * things (a Kafka broker) meanwhile; {@link #awaitReady} waits until the TaskManager has registered
 * and the gateway answers. {@link #close} stops the three processes by their handles and deletes
 * the cluster's directory; a shutdown hook does the same if the test JVM ends first.
 */
final class FlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final long READY_TIMEOUT_MS = 90_000;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long startedNanos;
    private final LibContents contents;
    private final Path directory;
    private final FlinkConf conf;
    private final List<ChildJvm> processes;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private boolean ready;
    private boolean closed;

    private FlinkCluster(
            long startedNanos,
            LibContents contents,
            Path directory,
            FlinkConf conf,
            List<ChildJvm> processes) {
        this.startedNanos = startedNanos;
        this.contents = contents;
        this.directory = directory;
        this.conf = conf;
        this.processes = processes;
        this.shutdownHook = new Thread(this::stopAndDelete, "flink-cluster-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Launches JobManager, TaskManager and SQL gateway of {@code distribution}, with {@code
     * contents} in their {@code lib/}.
     */
    static FlinkCluster start(FlinkDistribution distribution, LibContents contents) {
        long started = System.nanoTime();
        Path directory;
        try {
            directory = Files.createTempDirectory("flink-ticdc-e2e-");
            Files.createDirectories(directory.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ChildJvm> processes = new ArrayList<>();
        try {
            int[] ports = FreePorts.pick(3);
            FlinkConf conf =
                    FlinkConf.write(
                            directory.resolve("conf"),
                            directory.resolve("tmp"),
                            ports[0],
                            ports[1],
                            ports[2]);
            String classpath = distribution.classpath(contents);
            CompletableFuture<ProcessMemory> jmMemory =
                    CompletableFuture.supplyAsync(
                            () ->
                                    ProcessMemory.compute(
                                            Role.JOB_MANAGER,
                                            classpath,
                                            conf,
                                            directory.resolve("jm-memory.log")));
            ProcessMemory tmMemory =
                    ProcessMemory.compute(
                            Role.TASK_MANAGER, classpath, conf, directory.resolve("tm-memory.log"));

            ProcessMemory jm = jmMemory.join();
            processes.add(
                    launch(
                            "jobmanager",
                            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                            jm.jvmOptions(),
                            clusterArguments(conf, jm),
                            classpath,
                            conf,
                            directory));
            processes.add(
                    launch(
                            "taskmanager",
                            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            tmMemory.jvmOptions(),
                            clusterArguments(conf, tmMemory),
                            classpath,
                            conf,
                            directory));
            // The gateway takes its configuration directory from FLINK_CONF_DIR only, as in
            // bin/sql-gateway.sh.
            processes.add(
                    launch(
                            "sql-gateway",
                            "org.apache.flink.table.gateway.SqlGateway",
                            List.of(),
                            List.of(),
                            classpath,
                            conf,
                            directory));
            return new FlinkCluster(started, contents, directory, conf, processes);
        } catch (RuntimeException e) {
            processes.forEach(ChildJvm::close);
            deleteRecursively(directory);
            throw e;
        }
    }

    /** The JobManager's REST endpoint. */
    String restUrl() {
        return conf.restUrl();
    }

    /** The SQL gateway's REST endpoint; call {@link #awaitReady} first. */
    String gatewayUrl() {
        return conf.gatewayUrl();
    }

    /** The cluster's configuration, which a client of it reads too. */
    FlinkConf conf() {
        return conf;
    }

    /** Where the cluster keeps its files, deleted by {@link #close}. */
    Path directory() {
        return directory;
    }

    /**
     * Waits until the TaskManager has registered with the JobManager and the SQL gateway answers;
     * fails with the processes' logs if one of them dies or it takes too long.
     */
    synchronized void awaitReady() {
        if (ready) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (!(taskManagerRegistered() && gatewayAnswers())) {
            for (ChildJvm process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            process.name() + " of the Flink cluster exited:\n" + logTails());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Flink cluster not ready within "
                                + READY_TIMEOUT_MS
                                + " ms:\n"
                                + logTails());
            }
            sleep(100);
        }
        ready = true;
        LOG.info(
                "Flink cluster ({}) ready in {} ms: REST {}, SQL gateway {}",
                contents,
                millisSince(startedNanos),
                conf.restUrl(),
                conf.gatewayUrl());
    }

    /** The last lines each process printed, to explain a failure. */
    String logTails() {
        return processes.stream()
                .map(p -> "----- " + p.name() + " -----\n" + p.logTail())
                .collect(Collectors.joining("\n"));
    }

    /** Stops the processes and deletes the cluster's directory; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long stopping = System.nanoTime();
        stopAndDelete();
        LOG.info("Flink cluster ({}) stopped in {} ms", contents, millisSince(stopping));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to run; it finds nothing left to do.
        }
    }

    private void stopAndDelete() {
        // All at once, so the graceful stops overlap instead of adding up.
        processes.forEach(ChildJvm::requestStop);
        processes.forEach(ChildJvm::close);
        deleteRecursively(directory);
    }

    private static List<String> clusterArguments(FlinkConf conf, ProcessMemory memory) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--configDir");
        arguments.add(conf.directory().toString());
        arguments.addAll(memory.dynamicProperties());
        return arguments;
    }

    private static ChildJvm launch(
            String name,
            String mainClass,
            List<String> memoryOptions,
            List<String> arguments,
            String classpath,
            FlinkConf conf,
            Path directory) {
        List<String> jvmOptions = new ArrayList<>(jvmOptions());
        jvmOptions.addAll(memoryOptions);
        // The cluster lives for seconds on two cores: start-up time matters more than peak speed.
        jvmOptions.add("-XX:+UseSerialGC");
        jvmOptions.add("-XX:TieredStopAtLevel=1");
        jvmOptions.add("-Dlog4j.configurationFile=" + conf.log4jFile());
        // The planner loader unpacks the planner into java.io.tmpdir; keep it in our directory.
        jvmOptions.add("-Djava.io.tmpdir=" + directory.resolve("tmp"));
        return ChildJvm.start(
                name,
                new ChildJvm.Command(classpath, mainClass)
                        .jvmOptions(jvmOptions)
                        .arguments(arguments),
                Map.of("FLINK_CONF_DIR", conf.directory().toString()),
                directory.resolve(name + ".log"));
    }

    /** The JVM options every Flink process gets, as Flink's start scripts give them. */
    static List<String> jvmOptions() {
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(
                                FlinkConf.resource("flink-jvm-options.txt"),
                                StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean taskManagerRegistered() {
        String overview = get(conf.restUrl() + "/overview");
        try {
            return overview != null && JSON.readTree(overview).path("taskmanagers").asInt() == 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean gatewayAnswers() {
        return get(conf.gatewayUrl() + "/v1/info") != null;
    }

    /** The body of a successful GET, or {@code null} while the endpoint is not up. */
    private String get(String url) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException notUpYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a file still held by a dying process is left in the temp directory.
        }
    }
}
