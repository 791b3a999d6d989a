package io.github.flinkticdc.e2e;

import io.github.flinkticdc.examples.CommandLineArguments;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Writes TiCDC messages from files to a Kafka topic, for trying the connector on messages of one's
 * own: Kafka's console producer is not among Flink's jars, and Open Protocol records are binary
 * batches that a text producer cannot write. See {@link TiCdcFileMessages} for the file layout. A
 * topic that does not exist is made, with enough partitions for {@code --partition}.
 */
public final class TiCdcFileProducer {

    private static final CommandLineArguments ARGUMENTS =
            new CommandLineArguments("The producer", "writes nothing")
                    .text("bootstrap-servers")
                    .text("topic")
                    .choice("protocol", "canal-json", "open-protocol")
                    .text("value-file")
                    .text("key-file")
                    .text("partition");

    private TiCdcFileProducer() {}

    public static void main(String[] args) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records;
        String servers;
        try {
            Map<String, String> options = ARGUMENTS.parse(args);
            servers = required(options, "bootstrap-servers");
            records = records(options);
        } catch (IllegalArgumentException e) {
            System.err.println("flink-ticdc producer: " + e.getMessage());
            System.exit(2);
            return;
        }
        produce(servers, records);
        System.out.printf(
                "%d records written to topic %s, partition %d%n",
                records.size(), records.get(0).topic(), records.get(0).partition());
    }

    /** The records the arguments describe ({@code --bootstrap-servers} aside). */
    static List<ProducerRecord<byte[], byte[]>> records(String... args) {
        return records(ARGUMENTS.parse(args));
    }

    private static List<ProducerRecord<byte[], byte[]>> records(Map<String, String> options) {
        String topic = required(options, "topic");
        Path values = Path.of(required(options, "value-file"));
        int partition = partition(options.getOrDefault("partition", "0"));
        boolean openProtocol = "open-protocol".equals(required(options, "protocol"));
        if (openProtocol != options.containsKey("key-file")) {
            throw new IllegalArgumentException(
                    "--key-file goes with --protocol open-protocol, which needs it: TiCDC puts"
                            + " half of each Open Protocol event in the record key");
        }
        List<ProducerRecord<byte[], byte[]>> records =
                openProtocol
                        ? TiCdcFileMessages.openProtocol(
                                topic, partition, Path.of(options.get("key-file")), values)
                        : TiCdcFileMessages.canalJson(topic, partition, values);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(values + " has no messages");
        }
        return records;
    }

    /** Writes {@code records} (all to one topic and partition) and waits until Kafka has them. */
    static void produce(String servers, List<ProducerRecord<byte[], byte[]>> records)
            throws ExecutionException, InterruptedException {
        ProducerRecord<byte[], byte[]> first = records.get(0);
        ensureTopic(servers, first.topic(), first.partition() + 1);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.<String, Object>of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                servers,
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static void ensureTopic(String servers, String topic, int partitions)
            throws ExecutionException, InterruptedException {
        try (Admin admin =
                Admin.create(
                        Map.<String, Object>of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            }
        }
    }

    private static int partition(String text) {
        try {
            int partition = Integer.parseInt(text);
            if (partition >= 0) {
                return partition;
            }
        } catch (NumberFormatException notANumber) {
            // Refused below, with the other case.
        }
        throw new IllegalArgumentException(
                "--partition is '" + text + "'; it must be a partition number (0 or more)");
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is missing. " + ARGUMENTS.usage());
        }
        return value;
    }
}
