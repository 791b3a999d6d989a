package io.github.flinkticdc.e2e;

import io.github.flinkticdc.testing.OpenProtocolWriter;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka records as TiCDC writes them, read from text files: canal-json one message per line, Open
 * Protocol one event per line of a key file and the same line of a value file, each event framed
 * into a record of its own as TiCDC's binary batch format frames it.
 */
final class TiCdcFileMessages {

    private TiCdcFileMessages() {}

    /** Each non-blank line of {@code values} is the value of one record, with no key. */
    static List<ProducerRecord<byte[], byte[]>> canalJson(
            String topic, int partition, Path values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : lines(values)) {
            if (!line.isBlank()) {
                records.add(new ProducerRecord<>(topic, partition, null, utf8(line)));
            }
        }
        return records;
    }

    /**
     * Line {@code i} of {@code keys} and line {@code i} of {@code values} are one event (a resolved
     * event's value line is empty); each event becomes a record with a batch of one.
     *
     * @throws IllegalArgumentException when the files have different numbers of lines, or a key
     *     line is blank
     */
    static List<ProducerRecord<byte[], byte[]>> openProtocol(
            String topic, int partition, Path keys, Path values) {
        List<String> keyLines = lines(keys);
        List<String> valueLines = lines(values);
        if (keyLines.size() != valueLines.size()) {
            throw new IllegalArgumentException(
                    "Open Protocol needs one value line per key line: "
                            + keys
                            + " has "
                            + keyLines.size()
                            + " lines, "
                            + values
                            + " has "
                            + valueLines.size());
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < keyLines.size(); i++) {
            if (keyLines.get(i).isBlank()) {
                throw new IllegalArgumentException(
                        "Line " + (i + 1) + " of " + keys + " is blank: every event has a key");
            }
            records.add(
                    new ProducerRecord<>(
                            topic,
                            partition,
                            OpenProtocolWriter.recordKey(List.of(utf8(keyLines.get(i)))),
                            OpenProtocolWriter.recordValue(List.of(utf8(valueLines.get(i))))));
        }
        return records;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // A file name the user gave: said like the other argument errors, with no stack trace.
            throw new IllegalArgumentException("Could not read " + file + ": " + e, e);
        }
    }

    private static byte[] utf8(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
