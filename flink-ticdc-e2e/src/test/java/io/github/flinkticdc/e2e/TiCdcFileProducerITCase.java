package io.github.flinkticdc.e2e;

import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer writes TiCDC's messages from files as TiCDC puts them on Kafka: the Open Protocol
 * records it frames from the samples' JSON lines are byte for byte the binary records TiCDC wrote.
 */
class TiCdcFileProducerITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void openProtocolLinesBecomeTheRecordsTiCdcWrote(@TempDir Path dir) throws Exception {
        Path keys = copy("open-protocol/02-insert.key.jsonl", dir);
        Path values = copy("open-protocol/02-insert.value.jsonl", dir);
        produce(
                "--topic",
                "op-insert",
                "--protocol",
                "open-protocol",
                "--key-file",
                keys.toString(),
                "--value-file",
                values.toString());

        List<ConsumerRecord<byte[], byte[]>> records = consume("op-insert", 0, 1);
        assertThat(records.get(0).key())
                .isEqualTo(TiCdcSampleFiles.bytes("open-protocol/02-insert.key.bin"));
        assertThat(records.get(0).value())
                .isEqualTo(TiCdcSampleFiles.bytes("open-protocol/02-insert.value.bin"));
    }

    @Test
    void aResolvedEventHasAnEmptyValueLine(@TempDir Path dir) throws Exception {
        Path keys = copy("open-protocol/08-resolved.key.jsonl", dir);
        Path values = Files.writeString(dir.resolve("resolved.value.jsonl"), "\n");
        produce(
                "--topic",
                "op-resolved",
                "--protocol",
                "open-protocol",
                "--partition",
                "1",
                "--key-file",
                keys.toString(),
                "--value-file",
                values.toString());

        List<ConsumerRecord<byte[], byte[]>> records = consume("op-resolved", 1, 1);
        assertThat(records.get(0).key())
                .isEqualTo(TiCdcSampleFiles.bytes("open-protocol/08-resolved.key.bin"));
        assertThat(records.get(0).value())
                .isEqualTo(TiCdcSampleFiles.bytes("open-protocol/08-resolved.value.bin"));
    }

    @Test
    void eachCanalJsonLineIsOneRecordWithoutKey(@TempDir Path dir) throws Exception {
        String insert = compact("canal-json/01-employee-insert.json");
        String watermark = compact("canal-json/16-docs-watermark.json");
        Path values = Files.writeString(dir.resolve("canal.jsonl"), insert + "\n\n" + watermark);
        produce("--topic", "canal", "--protocol", "canal-json", "--value-file", values.toString());

        List<ConsumerRecord<byte[], byte[]>> records = consume("canal", 0, 2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
        assertThat(records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(insert, watermark);
    }

    @Test
    void filesThatDoNotMakeMessagesAreRefusedBeforeAnythingIsWritten(@TempDir Path dir)
            throws Exception {
        Path twoKeys = Files.writeString(dir.resolve("k.jsonl"), "{\"t\":3,\"ts\":1}\n{}\n");
        Path oneValue = Files.writeString(dir.resolve("v.jsonl"), "\n");
        assertThatThrownBy(
                        () ->
                                records(
                                        "--protocol", "open-protocol",
                                        "--key-file", twoKeys.toString(),
                                        "--value-file", oneValue.toString()))
                .hasMessageContaining("has 2 lines")
                .hasMessageContaining("has 1");
        assertThatThrownBy(
                        () ->
                                records(
                                        "--protocol", "canal-json",
                                        "--key-file", "k.jsonl",
                                        "--value-file", "v.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--key-file goes with --protocol open-protocol");
        assertThatThrownBy(
                        () ->
                                records(
                                        "--protocol",
                                        "canal-json",
                                        "--value-file",
                                        oneValue.toString()))
                .hasMessageEndingWith("has no messages");
        assertThatThrownBy(
                        () ->
                                records(
                                        "--protocol",
                                        "canal-json",
                                        "--partition",
                                        "-1",
                                        "--value-file",
                                        oneValue.toString()))
                .hasMessage("--partition is '-1'; it must be a partition number (0 or more)");
    }

    private static void produce(String... args) throws Exception {
        TiCdcFileProducer.produce(KAFKA.bootstrapServers(), records(args));
    }

    private static List<ProducerRecord<byte[], byte[]>> records(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--topic")) {
            all.addAll(List.of("--topic", "never-written"));
        }
        return TiCdcFileProducer.records(all.toArray(new String[0]));
    }

    private static Path copy(String sample, Path dir) throws Exception {
        return Files.write(
                dir.resolve(Path.of(sample).getFileName()), TiCdcSampleFiles.bytes(sample));
    }

    private static String compact(String sample) {
        return TiCdcSampleFiles.json(sample).toString();
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(
            String topic, int partition, int count) {
        TopicPartition tp = new TopicPartition(topic, partition);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).records(tp).forEach(records::add);
            }
        }
        assertThat(records).hasSize(count);
        return records;
    }
}
