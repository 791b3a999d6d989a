package io.github.flinkticdc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real TiCDC messages this module bundles under {@code ticdc-samples/} (see its README), read
 * from the classpath, and their expectations ({@code expected.json}).
 */
public final class TiCdcSampleFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROOT = "ticdc-samples/";

    private TiCdcSampleFiles() {}

    /** The entries of {@code expected.json} for one protocol, e.g. {@code open-protocol}. */
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
        InputStream in = TiCdcSampleFiles.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IllegalArgumentException("No sample " + ROOT + file + " on the classpath");
        }
        return in;
    }
}
