package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * What a decoder does with a message it cannot decode: fail with what was wrong, where the message
 * came from and the start of it, or, under {@code ignore-parse-errors}, skip it, count it and log
 * it (rate-limited).
 */
@Internal
public final class BadMessageHandler {

    private final String protocol;
    private final boolean ignoreParseErrors;
    private final DecodeMetrics metrics;
    private final SkippedMessageLog log = new SkippedMessageLog();

    /**
     * @param protocol the protocol's name in messages, e.g. {@code canal-json}
     */
    public BadMessageHandler(String protocol, boolean ignoreParseErrors, DecodeMetrics metrics) {
        this.protocol = protocol;
        this.ignoreParseErrors = ignoreParseErrors;
        this.metrics = metrics;
    }

    /**
     * @param reason what was wrong
     * @param excerpt the start of the message, or of the part of it that is wrong, printable
     * @param origin where the message came from (topic, partition, offset), or null if unknown
     * @param cause the exception that found the problem, kept as the cause of the failure
     * @throws IOException unless parse errors are ignored
     */
    public void handle(String reason, String excerpt, Supplier<String> origin, Throwable cause)
            throws IOException {
        String where = origin == null ? "" : " at " + origin.get();
        if (ignoreParseErrors) {
            metrics.parseErrorSkipped();
            log.skipped(protocol + " message" + where + ": " + reason);
            return;
        }
        throw new IOException(
                "Failed to decode a TiCDC "
                        + protocol
                        + " message"
                        + where
                        + ": "
                        + reason
                        + ". Message: "
                        + excerpt,
                cause);
    }

    /**
     * What an exception that decoding one message raised says: its message for the decoders' own
     * errors, and its kind too for anything else, which is a defect to report but still concerns
     * only this message.
     */
    public static String reason(Exception e) {
        if (e instanceof IOException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getName() + " (" + e.getMessage() + ")";
    }
}
