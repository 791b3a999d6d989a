package io.github.flinkticdc.format.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.regex.Pattern;

/** What a JSON parser's error says, in the words of this project's errors. */
public final class JsonErrors {

    // Jackson names the input ("Source: REDACTED ...") inside some messages; we give offsets.
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*(; )?");

    private JsonErrors() {}

    /**
     * "not valid JSON at byte N: reason", or without the offset when the parser gives none (its
     * limits on numbers, strings and nesting are found before a location is known).
     */
    public static String describe(JsonProcessingException e) {
        String reason = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("[");
        if (e instanceof StreamConstraintsException) {
            return "exceeds a limit of the JSON reader: " + reason;
        }
        JsonLocation location = e.getLocation();
        long offset = location == null ? -1 : location.getByteOffset();
        return offset < 0
                ? "not valid JSON: " + reason
                : "not valid JSON at byte " + offset + ": " + reason;
    }
}
