package io.github.flinkticdc.connector.testutil;

import io.github.flinkticdc.testing.ChildJvm;
import io.github.flinkticdc.testing.FreePorts;

import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server for tests: S3Proxy (the test-scope Maven artifact {@code
 * org.gaul:s3proxy}) with its file-system backend, in a child JVM on the test's class path (S3Proxy
 * is built for a newer Java than the tests compile for). A bucket is a directory under {@link
 * #bucket}, so a test writes objects as plain files.
 */
public final class S3CompatibleServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path baseDir;
    private final int port;
    private final ChildJvm process;

    private S3CompatibleServer(Path baseDir, int port, ChildJvm process) {
        this.baseDir = baseDir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server keeping its buckets under {@code baseDir}; returns once it listens. */
    public static S3CompatibleServer start(Path baseDir) throws IOException, InterruptedException {
        int port = FreePorts.pick(1)[0];
        Path properties = baseDir.resolve("s3proxy.properties");
        Path buckets = Files.createDirectories(baseDir.resolve("buckets"));
        Files.write(
                properties,
                List.of(
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=none",
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + buckets));
        ChildJvm process =
                ChildJvm.start(
                        "S3Proxy",
                        new ChildJvm.Command(
                                        System.getProperty(
                                                "s3proxy.jar", "target/s3proxy/s3proxy.jar"),
                                        "org.gaul.s3proxy.Main")
                                .arguments(List.of("--properties", properties.toString())),
                        Map.of(),
                        baseDir.resolve("s3proxy.log"));
        S3CompatibleServer server = new S3CompatibleServer(buckets, port, process);
        try {
            server.awaitListening();
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ":\n" + process.logTail(), e);
        }
        return server;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("S3Proxy did not listen within " + START_TIMEOUT);
    }

    /** The directory of a bucket, created: what a test writes there, the server serves. */
    public Path bucket(String name) {
        try {
            return Files.createDirectories(baseDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Flink's S3 file systems need to reach this server ({@code s3.*} options). */
    public Configuration flinkConfiguration() {
        Configuration config = new Configuration();
        config.setString("s3.endpoint", "http://127.0.0.1:" + port);
        config.setString("s3.path.style.access", "true");
        config.setString("s3.access-key", "test");
        config.setString("s3.secret-key", "test");
        config.setString("s3.endpoint.region", "us-east-1");
        // S3Proxy's file-system backend gives no ETag where extended attributes are missing.
        config.setString("s3.change.detection.mode", "none");
        config.setString("s3.change.detection.version.required", "false");
        return config;
    }

    @Override
    public void close() {
        process.close();
    }
}
