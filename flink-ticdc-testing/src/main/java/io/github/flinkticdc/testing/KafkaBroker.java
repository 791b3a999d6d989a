package io.github.flinkticdc.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running as a child
 * JVM on free ports of 127.0.0.1.
 *
 * <p>The broker's jars come from the {@code flink-ticdc-kafka-broker} module, which writes their
 * classpath to {@code target/broker.classpath}; running them in their own JVM keeps the broker's
 * kafka-clients away from the Flink connector's. The file is found through the system property
 * {@value #CLASSPATH_FILE_PROPERTY}, else by looking for {@value #DEFAULT_CLASSPATH_FILE} in the
 * working directory and its parents (so a program started anywhere in a checkout finds it).
 *
 * <p>{@link #close()} stops the process it started and deletes the broker's directory. A JVM
 * shutdown hook does the same if nobody calls {@code close()}, so an aborted test run leaves no
 * broker behind.
 */
public final class KafkaBroker implements AutoCloseable {

    /** System property naming the broker classpath file. */
    public static final String CLASSPATH_FILE_PROPERTY = "kafka.broker.classpath.file";

    /** Where the broker module writes the classpath, relative to the project root. */
    public static final String DEFAULT_CLASSPATH_FILE =
            "flink-ticdc-kafka-broker/target/broker.classpath";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final long START_TIMEOUT_MS = 60_000;
    private static final int START_ATTEMPTS = 3;

    /** Warnings and errors to standard output, which goes to the broker's log file. */
    private static final String LOG4J2_PROPERTIES =
            String.join(
                    "\n",
                    "appender.console.type = Console",
                    "appender.console.name = console",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                    "rootLogger.level = WARN",
                    "rootLogger.appenderRef.console.ref = console",
                    "");

    private final Path directory;
    private final ChildJvm process;
    private final String bootstrapServers;
    private final Thread shutdownHook;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    private KafkaBroker(Path directory, ChildJvm process, String bootstrapServers) {
        this.directory = directory;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.shutdownHook = new Thread(this::stopProcessAndDeleteDirectory, "kafka-broker-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(adminProps);
    }

    /**
     * Formats storage, starts a broker and returns once it answers {@code describeCluster}.
     *
     * <p>A broker that exits while starting is started again on other ports, up to {@value
     * #START_ATTEMPTS} times: a port found free can still be taken before the broker binds it.
     */
    public static KafkaBroker start() {
        String classpath = read(locateClasspathFile()).trim();
        for (int attempt = 1; ; attempt++) {
            try {
                return start(classpath);
            } catch (BrokerExited e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Kafka broker exited while starting; starting it again", e);
            }
        }
    }

    private static KafkaBroker start(String classpath) {
        long started = System.nanoTime();
        Path directory;
        try {
            directory = Files.createTempDirectory("flink-ticdc-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ports = FreePorts.pick(2);
        String bootstrapServers = "127.0.0.1:" + ports[0];
        Path config = directory.resolve("server.properties");
        Path log = directory.resolve("broker.log");
        write(config, serverProperties(directory.resolve("data"), ports[0], ports[1]));
        write(directory.resolve("log4j2.properties"), LOG4J2_PROPERTIES);

        ChildJvm broker;
        try {
            ChildJvm.run(
                    "Kafka's storage format",
                    brokerCommand(classpath, directory, "kafka.tools.StorageTool")
                            .arguments(
                                    List.of(
                                            "format",
                                            "-t",
                                            Uuid.randomUuid().toString(),
                                            "-c",
                                            config.toString())),
                    directory.resolve("format.log"),
                    START_TIMEOUT_MS);
            broker =
                    ChildJvm.start(
                            "Kafka broker",
                            brokerCommand(classpath, directory, "kafka.Kafka")
                                    .arguments(List.of(config.toString())),
                            Map.of(),
                            log);
        } catch (RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }

        KafkaBroker kafka = new KafkaBroker(directory, broker, bootstrapServers);
        try {
            kafka.awaitReady(started);
        } catch (RuntimeException e) {
            String brokerLog = broker.logTail();
            boolean exited = !broker.isAlive();
            kafka.close();
            String message = e.getMessage() + "\nLast lines of the broker's log:\n" + brokerLog;
            throw exited ? new BrokerExited(message, e) : new IllegalStateException(message, e);
        }
        LOG.info(
                "Kafka broker at {} ready in {} ms (pid {})",
                bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                broker.pid());
        return kafka;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client of this broker, owned (and closed) by it. */
    public Admin admin() {
        return admin;
    }

    /**
     * Creates a topic and returns once every partition has a leader, so that producers and Flink's
     * source see all partitions right away.
     */
    public void createTopic(String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!allPartitionsLed(topic, partitions)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " got no leaders in time");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topic " + topic, e.getCause());
        }
    }

    /**
     * Writes the records, waits until every one is acknowledged and returns their metadata (with
     * partition and offset) in the order given.
     */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> record : records) {
            futures.add(p.send(record));
        }
        p.flush();
        List<RecordMetadata> metadata = new ArrayList<>(futures.size());
        try {
            for (Future<RecordMetadata> future : futures) {
                metadata.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not produce to Kafka", e.getCause());
        }
        return metadata;
    }

    /** Writes values without key to one partition of a topic; see {@link #produce(List)}. */
    public List<RecordMetadata> produce(String topic, int partition, List<byte[]> values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
        for (byte[] value : values) {
            records.add(new ProducerRecord<>(topic, partition, null, value));
        }
        return produce(records);
    }

    /**
     * Every record of every partition of {@code topic} that a {@code read_committed} consumer sees
     * once no transaction is open on it, partition by partition in offset order: what transactional
     * writers committed. A commit returns to its producer before the broker has marked it in the
     * partitions, so a read right after a writer finished could miss it.
     */
    public List<ConsumerRecord<byte[], byte[]>> committedRecords(String topic) {
        awaitNoOpenTransaction(topic);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            partitions.sort(Comparator.comparingInt(TopicPartition::partition));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " in time");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    byPartition
                            .computeIfAbsent(
                                    new TopicPartition(topic, r.partition()),
                                    p -> new ArrayList<>())
                            .add(r);
                }
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            partitions.forEach(p -> records.addAll(byPartition.getOrDefault(p, List.of())));
            return records;
        }
    }

    /** Waits until each partition's last stable offset is its end: no transaction is open. */
    private void awaitNoOpenTransaction(String topic) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        try {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (TopicPartitionInfo p :
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()) {
                partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            while (!endOffsets(partitions, IsolationLevel.READ_COMMITTED)
                    .equals(endOffsets(partitions, IsolationLevel.READ_UNCOMMITTED))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("A transaction on " + topic + " stays open");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not list offsets of " + topic, e.getCause());
        }
    }

    private Map<TopicPartition, Long> endOffsets(
            Map<TopicPartition, OffsetSpec> partitions, IsolationLevel isolation)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(partitions, new ListOffsetsOptions(isolation))
                .all()
                .get()
                .forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /** Stops the broker's process and deletes its directory; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (producer != null) {
            producer.close();
        }
        admin.close();
        stopProcessAndDeleteDirectory();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to run; it finds nothing left to do.
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            // One request at a time keeps the offsets in the order the records were sent, as in
            // TiCDC's per-partition ordering.
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private boolean allPartitionsLed(String topic, int partitions)
            throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(List.of(topic)).allTopicNames().get();
        } catch (ExecutionException notYetVisible) {
            return false;
        }
        List<TopicPartitionInfo> infos = descriptions.get(topic).partitions();
        return infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null);
    }

    private void awaitReady(long startedNanos) {
        long deadline = startedNanos + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kafka broker exited with code " + process.exitValue());
            }
            try {
                int nodes =
                        admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000))
                                .nodes()
                                .get()
                                .size();
                if (nodes > 0) {
                    return;
                }
            } catch (ExecutionException e) {
                last = new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "Kafka broker did not answer describeCluster within " + START_TIMEOUT_MS + " ms",
                last);
    }

    private void stopProcessAndDeleteDirectory() {
        process.close();
        deleteRecursively(directory);
    }

    private static ChildJvm.Command brokerCommand(
            String classpath, Path directory, String mainClass) {
        return new ChildJvm.Command(classpath, mainClass)
                .jvmOptions(
                        List.of(
                                "-Xmx512m",
                                "-XX:+UseSerialGC",
                                // C1 only: the broker lives for seconds to minutes, so startup
                                // time matters more.
                                "-XX:TieredStopAtLevel=1",
                                "-Dlog4j2.configurationFile="
                                        + directory.resolve("log4j2.properties")));
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:"
                        + port
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "");
    }

    /** The broker's process ended before it answered; its log says why. */
    private static final class BrokerExited extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BrokerExited(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Finds the broker classpath file; fails with what to run when there is none. */
    static Path locateClasspathFile() {
        String configured = System.getProperty(CLASSPATH_FILE_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            Path path = Paths.get(configured);
            if (Files.isRegularFile(path)) {
                return path;
            }
            throw new IllegalStateException(
                    "System property "
                            + CLASSPATH_FILE_PROPERTY
                            + " names "
                            + path
                            + ", which does not exist. "
                            + howToBuild());
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_CLASSPATH_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "No "
                        + DEFAULT_CLASSPATH_FILE
                        + " in "
                        + Paths.get("").toAbsolutePath()
                        + " or its parents. "
                        + howToBuild());
    }

    private static String howToBuild() {
        return "Build it with `./mvnw -pl flink-ticdc-kafka-broker generate-resources` in the"
                + " project root, or set -D"
                + CLASSPATH_FILE_PROPERTY
                + "=<file>.";
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String content) {
        try {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", directory, e);
        }
    }
}
