package io.github.flinkticdc.format.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real TiCDC messages bundled by flink-ticdc-testing under {@code ticdc-samples/}, and their
 * expectations ({@code expected.json}, {@code canal-json/value-vectors.json}).
 */
public final class TiCdcSamples {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROOT = "ticdc-samples/";

    private TiCdcSamples() {}

    /** The entries of {@code expected.json} for one protocol, e.g. {@code canal-json}. */
    public static List<JsonNode> expectations(String protocol) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode sample : json("expected.json").get("samples")) {
            if (protocol.equals(sample.get("protocol").asText())) {
                entries.add(sample);
            }
        }
        return entries;
    }

    /** The bytes of a sample file, by its path relative to {@code ticdc-samples/}. */
    public static byte[] bytes(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON file of the samples, parsed. */
    public static JsonNode json(String file) {
        try (InputStream in = open(file)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = TiCdcSamples.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IllegalArgumentException("No sample " + ROOT + file + " on the classpath");
        }
        return in;
    }
}
