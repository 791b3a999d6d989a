package io.github.flinkticdc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports of 127.0.0.1 for the processes that tests start (a Kafka broker, a Flink cluster),
 * which are told their ports in their configuration.
 */
public final class FreePorts {

    private FreePorts() {}

    /**
     * {@code count} distinct ports that were free a moment ago. All sockets are held open until
     * every port is chosen, so the same port is never handed out twice.
     */
    public static int[] pick(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                // So that the process the port is meant for can bind it at once.
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing holds the port any more either way.
        }
    }
}
