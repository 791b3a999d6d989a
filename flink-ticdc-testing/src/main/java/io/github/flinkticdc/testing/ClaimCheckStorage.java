package io.github.flinkticdc.testing;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A claim-check storage on the local file system, written as TiCDC's {@code
 * large-message-handle-option = claim-check} writes one ({@code
 * pkg/sink/kafka/claimcheck/claim_check.go}): each object is {@code <uuid>.json} under the storage
 * URI, holding the JSON {@code {"key": <base64 or null>, "value": <base64>}} of the record TiCDC
 * would have sent or, with {@code claim-check-raw-value = true}, that record's value itself.
 */
public final class ClaimCheckStorage {

    private final Path directory;
    private final boolean rawValue;
    private final String uri;

    /**
     * @param directory where the objects go (the {@code claim-check-storage-uri})
     * @param rawValue TiCDC's {@code claim-check-raw-value}
     */
    public ClaimCheckStorage(Path directory, boolean rawValue) {
        this(directory, rawValue, directory.toUri().toString());
    }

    /**
     * A storage whose objects are read at another URI than the directory's own, e.g. the directory
     * an S3-compatible server keeps a bucket in and that bucket's {@code s3://} URI.
     */
    public ClaimCheckStorage(Path directory, boolean rawValue, String uri) {
        this.directory = directory;
        this.rawValue = rawValue;
        this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The storage URI as TiCDC's consumers see it ({@code file:///...}), no trailing slash. */
    public String uri() {
        return uri;
    }

    /**
     * Stores a record of canal-json or simple (null key), its value compressed as TiCDC's {@code
     * large-message-handle-compression} says.
     *
     * @return the location the Kafka message names ({@code <storage-uri>/<uuid>.json})
     */
    public String storeValue(byte[] plainValue, PayloadCompression compression) {
        return store(null, PayloadCompressor.compress(compression, plainValue));
    }

    /**
     * Stores a one-event Open Protocol record (spec §3.8): the framed key and the framed value, the
     * event value compressed.
     */
    public String storeOpenProtocolEvent(
            byte[] eventKey, byte[] plainEventValue, PayloadCompression compression) {
        return storeOpenProtocolEvents(List.of(eventKey), List.of(plainEventValue), compression);
    }

    /**
     * Stores an Open Protocol object framing these events (key and value of each), which TiCDC
     * never writes with other than one: for the reader's checks.
     */
    public String storeOpenProtocolEvents(
            List<byte[]> eventKeys, List<byte[]> plainEventValues, PayloadCompression compression) {
        if (rawValue) {
            throw new IllegalStateException(
                    "TiCDC rejects claim-check-raw-value for open-protocol");
        }
        List<byte[]> values = new ArrayList<>(plainEventValues.size());
        for (byte[] value : plainEventValues) {
            values.add(PayloadCompressor.compress(compression, value));
        }
        return store(
                OpenProtocolWriter.recordKey(eventKeys), OpenProtocolWriter.recordValue(values));
    }

    /** Stores an object of exactly these bytes under a new name, for objects TiCDC never writes. */
    public String storeObject(byte[] object) {
        String name = UUID.randomUUID() + ".json";
        try {
            Files.write(directory.resolve(name), object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uri() + "/" + name;
    }

    private String store(byte[] key, byte[] value) {
        return storeObject(rawValue ? value : envelope(key, value));
    }

    /** Go's {@code json.Marshal} of TiCDC's {@code ClaimCheckMessage}. */
    private static byte[] envelope(byte[] key, byte[] value) {
        Base64.Encoder base64 = Base64.getEncoder();
        String json =
                "{\"key\":"
                        + (key == null ? "null" : "\"" + base64.encodeToString(key) + "\"")
                        + ",\"value\":\""
                        + base64.encodeToString(value)
                        + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
