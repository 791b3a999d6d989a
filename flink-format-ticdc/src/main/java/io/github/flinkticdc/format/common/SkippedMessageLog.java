package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs messages skipped under {@code ignore-parse-errors}: the first at once, then at most one line
 * per interval with the count in between, so that a stream of bad messages cannot flood the log.
 */
@Internal
public final class SkippedMessageLog {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedMessageLog.class);
    private static final long INTERVAL_MILLIS = 10_000;

    private long lastLoggedAt = Long.MIN_VALUE;
    private long suppressed;

    public void skipped(String reason) {
        long now = System.currentTimeMillis();
        if (lastLoggedAt != Long.MIN_VALUE && now - lastLoggedAt < INTERVAL_MILLIS) {
            suppressed++;
            return;
        }
        if (suppressed == 0) {
            LOG.warn("Skipped a TiCDC message (ignore-parse-errors is on): {}", reason);
        } else {
            LOG.warn(
                    "Skipped a TiCDC message (ignore-parse-errors is on), and {} more since the"
                            + " last report: {}",
                    suppressed,
                    reason);
        }
        lastLoggedAt = now;
        suppressed = 0;
    }
}
