package io.github.flinkticdc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports of 127.0.0.1 for the processes that tests start (a Kafka broker, a Flink cluster),
 * which are told their ports in their configuration.
 *
 * <p>The ports are chosen below the operating system's ephemeral range. A port of that range that
 * is free now may be given a moment later to any socket that binds port 0 or connects out (a
 * TaskManager starting its data and blob servers does both), and then the process the port was
 * chosen for fails to bind it. Ports outside the range are only ever taken by an explicit bind.
 */
public final class FreePorts {

    /** Where Linux keeps its ephemeral range, as {@code "low high"}. */
    static final Path EPHEMERAL_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** The lowest port handed out: above the privileged ports and those of common services. */
    static final int LOWEST = 10_000;

    /** Linux's default lower bound of its ephemeral range, where the range cannot be read. */
    static final int DEFAULT_EPHEMERAL_LOW = 32_768;

    private static final int ATTEMPTS_PER_PORT = 100;

    private FreePorts() {}

    /**
     * {@code count} distinct ports that were free a moment ago. All sockets are held open until
     * every port is chosen, so the same port is never handed out twice.
     */
    public static int[] pick(int count) {
        return pick(count, LOWEST, ephemeralLow(EPHEMERAL_RANGE_FILE));
    }

    /**
     * {@code count} distinct free ports of {@code [low, highExclusive)}, chosen at random, or any
     * free ports where that range is too narrow not to collide (an unusual kernel setting).
     */
    static int[] pick(int count, int low, int highExclusive) {
        boolean wideEnough = highExclusive - low >= count * 10;
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = wideEnough ? bindAny(low, highExclusive) : bound(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeAll(sockets);
        }
    }

    /** The lower bound of the ephemeral range in {@code rangeFile}, or Linux's default. */
    static int ephemeralLow(Path rangeFile) {
        try {
            // Line by line: Files.readString can return a short read of a /proc file, whose size
            // is reported as 0.
            String[] bounds =
                    Files.readAllLines(rangeFile, StandardCharsets.US_ASCII)
                            .get(0)
                            .trim()
                            .split("\\s+");
            return Integer.parseInt(bounds[0]);
        } catch (IOException | RuntimeException unreadable) {
            // Not Linux, or no /proc: its default range is the likeliest.
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static ServerSocket bindAny(int low, int highExclusive) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_PER_PORT; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, highExclusive);
            try {
                return bound(port);
            } catch (IOException inUse) {
                last = inUse;
            }
        }
        throw new IOException(
                "No free port in ["
                        + low
                        + ", "
                        + highExclusive
                        + ") after "
                        + ATTEMPTS_PER_PORT
                        + " tries",
                last);
    }

    private static ServerSocket bound(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    private static void closeAll(ServerSocket[] sockets) {
        for (ServerSocket socket : sockets) {
            if (socket == null) {
                continue;
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing holds the port any more either way.
            }
        }
    }
}
