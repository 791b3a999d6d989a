package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a decoder does with a message it cannot decode: fail with what was wrong, where the message
 * came from and the start of it, or, under {@code ignore-parse-errors}, skip it, count it and log
 * it (rate-limited).
 */
@Internal
public final class BadMessageHandler {

    /** The options a reason may name: the protocol layer names them by their bare keys. */
    private static final List<ConfigOption<?>> NAMED_OPTIONS =
            List.of(
                    TiCdcFormatOptions.COMPRESSION,
                    TiCdcFormatOptions.IGNORE_PARSE_ERRORS,
                    TiCdcFormatOptions.CLAIM_CHECK_ALLOWED_LOCATIONS,
                    TiCdcFormatOptions.CLAIM_CHECK_MAX_OBJECT_SIZE,
                    TiCdcFormatOptions.CLAIM_CHECK_RAW_VALUE);

    private final String protocol;
    private final DecoderOptions options;
    private final DecodeMetrics metrics;
    private final SkippedMessageLog log = new SkippedMessageLog();

    /**
     * @param protocol the protocol's name in messages, e.g. {@code canal-json}
     * @param options whether to skip, and how the user writes the option keys a reason names
     */
    public BadMessageHandler(String protocol, DecoderOptions options, DecodeMetrics metrics) {
        this.protocol = protocol;
        this.options = options;
        this.metrics = metrics;
    }

    /**
     * @param reason what was wrong; options in it are named {@code 'key'}, by their bare keys
     * @param excerpt the start of the message, or of the part of it that is wrong, printable
     * @param origin where the message came from (topic, partition, offset), or null if unknown
     * @param cause the exception that found the problem, kept as the cause of the failure
     * @throws IOException unless parse errors are ignored
     */
    public void handle(String reason, String excerpt, Supplier<String> origin, Throwable cause)
            throws IOException {
        String where = origin == null ? "" : " at " + origin.get();
        String said = withKeysAsWritten(reason);
        if (options.ignoreParseErrors()) {
            metrics.parseErrorSkipped();
            log.skipped(protocol + " message" + where + ": " + said);
            return;
        }
        throw new IOException(
                "Failed to decode a TiCDC "
                        + protocol
                        + " message"
                        + where
                        + ": "
                        + said
                        + ". To skip such messages instead, set '"
                        + options.keyOf(TiCdcFormatOptions.IGNORE_PARSE_ERRORS)
                        + "' = 'true': each one skipped is counted in the metric "
                        + DecodeMetrics.PARSE_ERRORS_SKIPPED
                        + ". Message: "
                        + excerpt,
                cause);
    }

    /** The reason with each option key as the user must write it in the table's options. */
    private String withKeysAsWritten(String reason) {
        String said = reason;
        for (ConfigOption<?> option : NAMED_OPTIONS) {
            said = said.replace("'" + option.key() + "'", "'" + options.keyOf(option) + "'");
        }
        return said;
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
