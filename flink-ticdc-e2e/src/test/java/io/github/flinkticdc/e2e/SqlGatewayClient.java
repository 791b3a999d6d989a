package io.github.flinkticdc.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One session of Flink's SQL gateway, spoken to through its REST API (not the SQL client's {@code
 * -f}, which exits 0 when a statement fails). {@link #execute} runs one statement and returns all
 * its rows, or throws {@link SqlStatementException} with the gateway's error text when the request
 * is refused, fetching a result fails, or the operation does not end {@code FINISHED}.
 */
final class SqlGatewayClient implements AutoCloseable {

    private static final long STATEMENT_TIMEOUT_MS = 90_000;
    private static final long POLL_MS = 100;
    private static final int ERROR_HEAD_CHARS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> ROW_KINDS =
            Map.of("INSERT", "+I", "UPDATE_BEFORE", "-U", "UPDATE_AFTER", "+U", "DELETE", "-D");

    private final String endpoint;
    private final String session;

    private SqlGatewayClient(String endpoint, String session) {
        this.endpoint = endpoint;
        this.session = session;
    }

    /** Opens a session on the gateway at {@code endpoint} ({@code http://host:port}). */
    static SqlGatewayClient open(String endpoint) {
        JsonNode opened = send("POST", endpoint + "/v1/sessions", "{}", "open a session");
        return new SqlGatewayClient(endpoint, opened.path("sessionHandle").asText());
    }

    /**
     * Runs {@code statement} to its end and returns its rows as Flink prints them, such as {@code
     * +I[4, abc]}; a DDL statement returns {@code +I[OK]}.
     */
    List<String> execute(String statement) {
        ObjectNode request = JSON.createObjectNode().put("statement", statement);
        String operation =
                send("POST", sessionUrl() + "/statements", request.toString(), statement)
                        .path("operationHandle")
                        .asText();
        String operationUrl = sessionUrl() + "/operations/" + operation;
        List<String> rows = new ArrayList<>();
        // v2 is the oldest result API with JSON rows that both Flink lines serve.
        String next =
                "/v2/sessions/" + session + "/operations/" + operation + "/result/0?rowFormat=JSON";
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATEMENT_TIMEOUT_MS);
        while (next != null) {
            if (System.nanoTime() > deadline) {
                throw new SqlStatementException(
                        statement,
                        "no end of results within "
                                + STATEMENT_TIMEOUT_MS
                                + " ms; operation status "
                                + status(operationUrl, statement));
            }
            JsonNode page = send("GET", endpoint + next, null, statement);
            String resultType = page.path("resultType").asText();
            if ("NOT_READY".equals(resultType)) {
                sleep();
                continue;
            }
            for (JsonNode row : page.path("results").path("data")) {
                rows.add(format(row));
            }
            next = "EOS".equals(resultType) ? null : page.path("nextResultUri").asText(null);
        }
        String status = status(operationUrl, statement);
        if (!"FINISHED".equals(status)) {
            throw new SqlStatementException(statement, "operation ended " + status);
        }
        return rows;
    }

    /** Closes the session on the gateway. */
    @Override
    public void close() {
        send("DELETE", sessionUrl(), null, "close the session");
    }

    private String sessionUrl() {
        return endpoint + "/v1/sessions/" + session;
    }

    private String status(String operationUrl, String statement) {
        return send("GET", operationUrl + "/status", null, statement).path("status").asText();
    }

    private static String format(JsonNode row) {
        List<String> fields = new ArrayList<>();
        for (JsonNode field : row.path("fields")) {
            fields.add(field.isNull() ? "null" : field.asText());
        }
        String kind = row.path("kind").asText();
        return ROW_KINDS.getOrDefault(kind, kind) + "[" + String.join(", ", fields) + "]";
    }

    private static JsonNode send(String method, String url, String body, String what) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("SQL gateway unreachable at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() != 200) {
            throw new SqlStatementException(
                    what,
                    "HTTP "
                            + response.statusCode()
                            + " from "
                            + method
                            + " "
                            + url
                            + ":\n"
                            + errors(json, response.body()));
        }
        return json;
    }

    /**
     * The gateway's error texts are whole stack traces: their head and every {@code Caused by} line
     * say what went wrong.
     */
    private static String errors(JsonNode json, String body) {
        StringBuilder all = new StringBuilder();
        for (JsonNode error : json.path("errors")) {
            all.append(error.asText()).append('\n');
        }
        String text = all.length() > 0 ? all.toString() : body;
        if (text.length() <= ERROR_HEAD_CHARS) {
            return text;
        }
        StringBuilder summary = new StringBuilder(text.substring(0, ERROR_HEAD_CHARS));
        summary.append("\n...\n");
        for (String line : text.substring(ERROR_HEAD_CHARS).split("\\R")) {
            if (line.startsWith("Caused by:")) {
                summary.append(line).append('\n');
            }
        }
        return summary.toString();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
