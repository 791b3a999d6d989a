package io.github.flinkticdc.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code conf/} directory of a session cluster with one JobManager, one TaskManager and a SQL
 * gateway, everything on 127.0.0.1: {@code config.yaml} (flat keys, which both Flink lines read)
 * and the log4j configurations of the cluster's processes and of a client.
 */
final class FlinkConf {

    static final String LOG4J_FILE = "log4j.properties";
    static final String CLIENT_LOG4J_FILE = "log4j-cli.properties";

    private final Path directory;
    private final int restPort;
    private final int gatewayPort;

    private FlinkConf(Path directory, int restPort, int gatewayPort) {
        this.directory = directory;
        this.restPort = restPort;
        this.gatewayPort = gatewayPort;
    }

    /** Writes the configuration into {@code directory}; the ports must be free. */
    static FlinkConf write(
            Path directory, Path tmpDir, int rpcPort, int restPort, int gatewayPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", String.valueOf(restPort));
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.host", "127.0.0.1");
        // Port 0: the OS picks; nothing outside the cluster needs to know these.
        config.put("taskmanager.rpc.port", "0");
        config.put("taskmanager.data.port", "0");
        config.put("blob.server.port", "0");
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("taskmanager.memory.process.size", "1536m");
        config.put("taskmanager.numberOfTaskSlots", "2");
        // The TaskManager starts with the JobManager and may try to register before it listens;
        // it tries again after these delays, 10 s and 30 s by default.
        config.put("cluster.registration.error-delay", "200 ms");
        config.put("cluster.registration.refused-registration-delay", "200 ms");
        config.put("parallelism.default", "1");
        // A broken job fails its statement at once instead of restarting until a timeout.
        config.put("restart-strategy.type", "none");
        config.put("io.tmp.dirs", tmpDir.toString());
        // Where the SQL gateway submits its jobs.
        config.put("execution.target", "remote");
        config.put("sql-gateway.endpoint.rest.address", "127.0.0.1");
        config.put("sql-gateway.endpoint.rest.bind-address", "127.0.0.1");
        config.put("sql-gateway.endpoint.rest.port", String.valueOf(gatewayPort));
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    directory.resolve("config.yaml"),
                    config.entrySet().stream()
                            .map(e -> e.getKey() + ": '" + e.getValue() + "'")
                            .collect(Collectors.joining("\n", "", "\n")),
                    StandardCharsets.UTF_8);
            try (InputStream log4j = resource("flink-log4j.properties")) {
                Files.copy(log4j, directory.resolve(LOG4J_FILE));
            }
            try (InputStream log4j = resource("flink-client-log4j.properties")) {
                Files.copy(log4j, directory.resolve(CLIENT_LOG4J_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlinkConf(directory, restPort, gatewayPort);
    }

    Path directory() {
        return directory;
    }

    Path log4jFile() {
        return directory.resolve(LOG4J_FILE);
    }

    /** The logging of a client on a terminal: to the file {@code -Dlog.file} names. */
    Path clientLog4jFile() {
        return directory.resolve(CLIENT_LOG4J_FILE);
    }

    /** The JobManager's REST endpoint (web UI and job API). */
    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** The SQL gateway's REST endpoint. */
    String gatewayUrl() {
        return "http://" + gatewayAddress();
    }

    /** The SQL gateway's host and port, as the SQL client's {@code --endpoint} takes them. */
    String gatewayAddress() {
        return "127.0.0.1:" + gatewayPort;
    }

    static InputStream resource(String name) {
        InputStream in = FlinkConf.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing test resource " + name);
        }
        return in;
    }
}
