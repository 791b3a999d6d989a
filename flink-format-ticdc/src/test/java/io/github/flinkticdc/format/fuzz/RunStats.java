package io.github.flinkticdc.format.fuzz;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of one fuzz run, printed as one summary line per protocol. */
final class RunStats {

    final AtomicLong messages = new AtomicLong();
    final AtomicLong decoded = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong oracleChecked = new AtomicLong();
    final AtomicLong oracleUndetermined = new AtomicLong();

    String summary(String protocol, long seed, long millis, WatchedRunner.Watch watch) {
        Mutant slowest = watch.slowest();
        return String.format(
                "[fuzz] %s seed=%d messages=%d decoded=%d refused=%d oracle-checked=%d"
                        + " oracle-undetermined=%d time=%dms hangs=%d%s slow(>100ms)=%d slowest=%dus%s",
                protocol,
                seed,
                messages.get(),
                decoded.get(),
                refused.get(),
                oracleChecked.get(),
                oracleUndetermined.get(),
                millis,
                watch.hangs(),
                watch.hangs() >= WatchedRunner.MAX_HANGS ? " (run stopped early)" : "",
                watch.slowCount(),
                watch.slowestMicros(),
                slowest == null ? "" : " (" + slowest + ")");
    }
}
