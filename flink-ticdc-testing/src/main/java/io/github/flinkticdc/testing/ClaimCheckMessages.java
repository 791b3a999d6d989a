package io.github.flinkticdc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The message TiCDC sends to Kafka in the place of an event it stored as a claim-check object: the
 * event with only its handle-key columns, and the object's location ({@code
 * _tidb.claimCheckLocation}, {@code claimCheckLocation}, Open Protocol key {@code ccl}).
 */
final class ClaimCheckMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimCheckMessages() {}

    static byte[] canalJson(byte[] value, Collection<String> handleKey, String location) {
        ObjectNode message = parse(value);
        for (String image : new String[] {"data", "old"}) {
            message.path(image).forEach(row -> keepOnly(row, handleKey));
        }
        ((ObjectNode) message.get("_tidb")).put("claimCheckLocation", location);
        return write(message);
    }

    static byte[] simple(byte[] value, Collection<String> handleKey, String location) {
        ObjectNode message = parse(value);
        keepOnly(message.path("data"), handleKey);
        keepOnly(message.path("old"), handleKey);
        message.put("handleKeyOnly", true);
        message.put("claimCheckLocation", location);
        return write(message);
    }

    /** New-architecture TiCDC writes {@code ohk} twice in the key: true, then false. */
    static FeedProtocol.Encoded openProtocol(
            FeedProtocol.Encoded event, Collection<String> handleKey, String location) {
        ObjectNode value = parse(event.value);
        for (String image : new String[] {"u", "p", "d"}) {
            keepOnly(value.path(image), handleKey);
        }
        String key = new String(event.key, StandardCharsets.UTF_8);
        String claimCheckKey =
                key.substring(0, key.lastIndexOf('}'))
                        + ",\"ohk\":true,\"ccl\":"
                        + JSON.getNodeFactory().textNode(location)
                        + ",\"ohk\":false}";
        return new FeedProtocol.Encoded(
                claimCheckKey.getBytes(StandardCharsets.UTF_8), write(value));
    }

    private static void keepOnly(JsonNode row, Collection<String> columns) {
        if (row instanceof ObjectNode) {
            ((ObjectNode) row).retain(columns);
        }
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
