package io.github.flinkticdc.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsAreDistinctBindableAndBelowTheEphemeralRange() throws IOException {
        int ephemeralLow = FreePorts.ephemeralLow(FreePorts.EPHEMERAL_RANGE_FILE);
        int[] ports = FreePorts.pick(20);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(20);
        assertThat(Arrays.stream(ports).boxed())
                .allMatch(p -> p >= FreePorts.LOWEST && p < ephemeralLow);
        for (int port : ports) {
            try (ServerSocket socket =
                    new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortInUseIsNeverHandedOut() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // Ten ports around the taken one, picked from many times: it must never come up.
            int low = port - 5;
            for (int i = 0; i < 20; i++) {
                assertThat(FreePorts.pick(1, low, port + 5)).doesNotContain(port);
            }
        }
    }

    @Test
    void aRangeTooNarrowFallsBackToAnyFreePort() {
        int[] ports = FreePorts.pick(2, 20_000, 20_005);

        assertThat(ports).hasSize(2).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ports).boxed()).allMatch(p -> p > 0);
    }

    @Test
    void theEphemeralRangeIsReadFromTheKernelsFile(@TempDir Path dir) throws IOException {
        Path range = Files.writeString(dir.resolve("range"), "49152\t65535\n");

        assertThat(FreePorts.ephemeralLow(range)).isEqualTo(49_152);
        assertThat(FreePorts.ephemeralLow(dir.resolve("missing")))
                .isEqualTo(FreePorts.DEFAULT_EPHEMERAL_LOW);
        assertThat(FreePorts.ephemeralLow(Files.writeString(dir.resolve("bad"), "x")))
                .isEqualTo(FreePorts.DEFAULT_EPHEMERAL_LOW);
    }
}
