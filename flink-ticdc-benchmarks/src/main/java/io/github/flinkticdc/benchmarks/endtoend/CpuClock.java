package io.github.flinkticdc.benchmarks.endtoend;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used so far by this JVM (Flink's MiniCluster, every thread of it: tasks, network, GC,
 * JIT) and by the Kafka broker, which runs in a child JVM and so is not in the first.
 *
 * <p>On a machine where other work runs, wall time says little; CPU time is what a job cost, and
 * records per CPU second is records per second per core.
 */
final class CpuClock {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ProcessHandle broker;

    private CpuClock(ProcessHandle broker) {
        this.broker = broker;
    }

    /**
     * A clock of this JVM and of the broker, once it runs: the one child process that is a JVM (its
     * storage format tool has ended by then). Found by its command, because Linux cuts the command
     * line that names the main class after 4096 characters of classpath.
     */
    static CpuClock ofThisJvmAndBroker() {
        return new CpuClock(
                ProcessHandle.current()
                        .children()
                        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                        .findFirst()
                        .orElse(null));
    }

    /** CPU nanoseconds of this JVM. */
    long processNanos() {
        return os.getProcessCpuTime();
    }

    /** CPU nanoseconds of the broker's JVM; -1 if unknown. */
    long brokerNanos() {
        Optional<Duration> cpu =
                broker == null ? Optional.empty() : broker.info().totalCpuDuration();
        return cpu.map(Duration::toNanos).orElse(-1L);
    }
}
