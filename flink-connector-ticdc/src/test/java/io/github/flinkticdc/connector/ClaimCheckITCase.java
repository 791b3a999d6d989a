package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.connector.testutil.S3CompatibleServer;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.ClaimCheckStorage;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TiCDC's {@code large-message-handle-option = claim-check} on a real broker, read by the {@code
 * ticdc} connector under {@code 'consistency' = 'exactly-once'}: every third row event is in the
 * topic only as a handle-key-only message naming its object, and a restart of the changefeed
 * replays some of them. The changelog must still be what TiDB committed, once, in commit order:
 * each full event is read in the place of its message. canal-json's objects are read through
 * Flink's S3 file system from an S3-compatible server, the others' from the local file system.
 */
class ClaimCheckITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PARTITIONS = 2;
    private static final TiDbTable TABLE = KeyValueShop.TABLES.get(0);
    private static final Map<TiCdcProtocol, TiCdcChangefeed> FEEDS =
            new EnumMap<>(TiCdcProtocol.class);

    private static final Map<TiCdcProtocol, ClaimCheckStorage> STORAGES =
            new EnumMap<>(TiCdcProtocol.class);

    @TempDir static Path storageDir;

    private static S3CompatibleServer s3;
    private static TableEnvironment tEnv;

    @BeforeAll
    static void replicateWithClaimCheck() throws Exception {
        s3 = S3CompatibleServer.start(Files.createDirectories(storageDir.resolve("s3")));
        // The MiniCluster's tasks run in this JVM and share its file systems.
        FileSystem.initialize(s3.flinkConfiguration(), null);
        Path local = Files.createDirectories(storageDir.resolve("local"));
        STORAGES.put(
                TiCdcProtocol.CANAL_JSON,
                new ClaimCheckStorage(
                        Files.createDirectories(s3.bucket("claim-check").resolve("cc")),
                        false,
                        "s3://claim-check/cc"));
        STORAGES.put(TiCdcProtocol.OPEN_PROTOCOL, new ClaimCheckStorage(local, false));
        STORAGES.put(TiCdcProtocol.SIMPLE, new ClaimCheckStorage(local, true));
        long start = 1_720_000_000_000L;
        FEEDS.put(
                TiCdcProtocol.CANAL_JSON,
                play(
                        TiCdcProtocol.CANAL_JSON,
                        new TiCdcChangefeed(
                                "claim-check-canal", PARTITIONS, CanalJsonWriter.create(), start)));
        FEEDS.put(
                TiCdcProtocol.OPEN_PROTOCOL,
                play(
                        TiCdcProtocol.OPEN_PROTOCOL,
                        new TiCdcChangefeed(
                                "claim-check-open",
                                PARTITIONS,
                                OpenProtocolWriter.create().withMaxBatchSize(3),
                                start)));
        FEEDS.put(
                TiCdcProtocol.SIMPLE,
                play(
                        TiCdcProtocol.SIMPLE,
                        new TiCdcChangefeed(
                                "claim-check-simple", PARTITIONS, SimpleWriter.create(), start)));
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterAll
    static void stopS3() {
        FileSystem.initialize(new Configuration(), null);
        if (s3 != null) {
            s3.close();
        }
    }

    /** Thirty transactions, a watermark every four, a restart from an older one after the 15th. */
    private static TiCdcChangefeed play(TiCdcProtocol protocol, TiCdcChangefeed feed) {
        feed.withClaimCheck(STORAGES.get(protocol), 3);
        return KeyValueShop.replicate(feed, KAFKA.broker(), 20261202L, 30, 15);
    }

    /** Every protocol that has claim-check: TiCDC refuses large-message handling for debezium. */
    @ParameterizedTest
    @EnumSource(
            value = TiCdcProtocol.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"DEBEZIUM"})
    void claimCheckedRowsAreReadInTheirPlaceOnceInCommitOrder(TiCdcProtocol protocol) {
        TiCdcChangefeed feed = FEEDS.get(protocol);
        String name = "claim_checked_" + protocol.name().toLowerCase();
        tEnv.executeSql(
                "CREATE TABLE "
                        + name
                        + " (id BIGINT, v STRING, commit_ts BIGINT METADATA FROM 'commit-ts')"
                        + " WITH ('connector' = 'ticdc', 'protocol' = '"
                        + protocol
                        + "', 'consistency' = 'exactly-once', 'topic' = '"
                        + feed.topic()
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset', 'table.include' = '"
                        + TABLE.name()
                        + "', 'claim-check.allowed-locations' = '"
                        + STORAGES.get(protocol).uri()
                        + "'"
                        + (protocol == TiCdcProtocol.SIMPLE
                                ? ", 'claim-check.raw-value' = 'true'"
                                : "")
                        + ")");

        List<Row> changelog =
                CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM " + name).collect());

        assertThat(changelog)
                .containsExactlyInAnyOrderElementsOf(KeyValueShop.committed(feed, TABLE));
        assertThat(KeyValueShop.byKey(changelog))
                .isEqualTo(KeyValueShop.byKey(KeyValueShop.committed(feed, TABLE)));
    }
}
