package io.github.flinkticdc.connector;

import org.apache.flink.table.api.ValidationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code scan.*.specific-offsets} as Flink's {@code kafka} connector writes them: {@code
 * partition:0,offset:42;partition:1,offset:300}.
 */
final class SpecificOffsets {

    private static final String FORMAT = "'partition:0,offset:42;partition:1,offset:300'";

    private SpecificOffsets() {}

    /** Partition to offset, in the order written. */
    static Map<Integer, Long> parse(String option, String text) {
        Map<Integer, Long> offsets = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split(",");
            if (parts.length != 2) {
                throw invalid(option, text, "'" + entry.trim() + "' is not a pair");
            }
            int partition = (int) number(option, text, parts[0], "partition", Integer.MAX_VALUE);
            long offset = number(option, text, parts[1], "offset", Long.MAX_VALUE);
            if (offsets.put(partition, offset) != null) {
                throw invalid(option, text, "partition " + partition + " is listed twice");
            }
        }
        if (offsets.isEmpty()) {
            throw invalid(option, text, "it lists no partition");
        }
        return offsets;
    }

    private static long number(String option, String text, String part, String name, long max) {
        String[] kv = part.split(":");
        if (kv.length != 2 || !kv[0].trim().equals(name)) {
            throw invalid(
                    option, text, "expected '" + name + ":<number>', got '" + part.trim() + "'");
        }
        try {
            long value = Long.parseLong(kv[1].trim());
            if (value < 0 || value > max) {
                throw invalid(option, text, name + " " + value + " is out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(option, text, "'" + kv[1].trim() + "' is not a number");
        }
    }

    private static ValidationException invalid(String option, String text, String reason) {
        return new ValidationException(
                String.format(
                        "Option '%s' must look like %s, but is '%s': %s.",
                        option, FORMAT, text, reason));
    }
}
