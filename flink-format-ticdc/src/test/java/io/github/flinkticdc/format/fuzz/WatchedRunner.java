package io.github.flinkticdc.format.fuzz;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs mutants {@code [from, to)} in a worker thread under a per-message time limit, so that a
 * decoder that hangs on one message is reported (by the caller, with the message) instead of
 * stalling the build. The worker brackets each decode with {@link Watch#begin} / {@link Watch#end},
 * which only write volatile fields; this thread polls them. A hung worker cannot be stopped, so it
 * is abandoned (a daemon thread) and a fresh worker with fresh decoders continues after the hung
 * message, at most {@value #MAX_HANGS} times.
 */
final class WatchedRunner {

    static final int MAX_HANGS = 5;
    private static final long POLL_MILLIS = 20;
    private static final long SLOW_NANOS = 100_000_000L;

    /** Checks one mutant; built anew (with new decoders) after a hang. */
    interface Task {
        void run(long index, Watch watch) throws Exception;
    }

    /** Called on the watching thread for the mutant a worker is stuck in. */
    interface HangHandler {
        void hung(Mutant mutant, long elapsedMillis, StackTraceElement[] where);
    }

    /** What the worker is decoding, and the slowest decode so far. */
    static final class Watch {
        private volatile Mutant current;
        private volatile long startedNanos;
        private long slowestNanos;
        private Mutant slowest;
        private long slowCount;
        private int hangs;

        void begin(Mutant mutant) {
            current = mutant;
            startedNanos = System.nanoTime();
        }

        void end() {
            long elapsed = System.nanoTime() - startedNanos;
            startedNanos = 0;
            if (elapsed > SLOW_NANOS) {
                slowCount++;
            }
            if (elapsed > slowestNanos) {
                slowestNanos = elapsed;
                slowest = current;
            }
        }

        /** Workers abandoned because a decode exceeded the time limit. */
        int hangs() {
            return hangs;
        }

        /** Decodes that took longer than 100 ms. */
        long slowCount() {
            return slowCount;
        }

        long slowestMicros() {
            return slowestNanos / 1000;
        }

        Mutant slowest() {
            return slowest;
        }
    }

    private final Duration limit;

    WatchedRunner(Duration limit) {
        this.limit = limit;
    }

    /**
     * @param indices the mutant indices to run, in order
     * @return the slowest decode seen over all workers
     */
    Watch run(long[] indices, java.util.function.Supplier<Task> tasks, HangHandler onHang)
            throws Exception {
        Watch slowestOverall = new Watch();
        int position = 0;
        int hangs = 0;
        while (position < indices.length) {
            Watch watch = new Watch();
            Task task = tasks.get();
            int[] next = {position};
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread worker =
                    new Thread(
                            () -> {
                                try {
                                    for (; next[0] < indices.length; next[0]++) {
                                        task.run(indices[next[0]], watch);
                                    }
                                } catch (Throwable t) {
                                    error.set(t);
                                }
                            },
                            "fuzz-worker");
            worker.setDaemon(true);
            worker.start();
            boolean hung = false;
            while (worker.isAlive()) {
                worker.join(POLL_MILLIS);
                long started = watch.startedNanos;
                if (started != 0
                        && worker.isAlive()
                        && System.nanoTime() - started > limit.toNanos()) {
                    Mutant stuck = watch.current;
                    StackTraceElement[] where = worker.getStackTrace();
                    onHang.hung(stuck, (System.nanoTime() - started) / 1_000_000, where);
                    stop(worker);
                    hung = true;
                    break;
                }
            }
            merge(slowestOverall, watch);
            if (!hung && error.get() != null) {
                if (error.get() instanceof Exception) {
                    throw (Exception) error.get();
                }
                throw new AssertionError("fuzz worker failed", error.get());
            }
            if (!hung) {
                break;
            }
            position = next[0] + 1;
            slowestOverall.hangs = ++hangs;
            if (hangs >= MAX_HANGS) {
                break;
            }
        }
        return slowestOverall;
    }

    /**
     * Stops a hung worker so it does not keep a core busy for the rest of the build: {@code
     * Thread.stop} where the JVM still has it (called reflectively, it is deprecated), else an
     * interrupt.
     */
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            Thread.class.getMethod("stop").invoke(worker);
        } catch (ReflectiveOperationException | RuntimeException unsupported) {
            // Java 20+: the thread stays a daemon and is abandoned
        }
    }

    private static void merge(Watch into, Watch from) {
        into.slowCount += from.slowCount;
        if (from.slowestNanos > into.slowestNanos) {
            into.slowestNanos = from.slowestNanos;
            into.slowest = from.slowest;
        }
    }
}
