package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ticdc} connector under {@code 'consistency' = 'exactly-once'} on a topic with TiCDC's
 * replays: transactions over three tables in three partitions, watermarks every few transactions,
 * and two restarts of the changefeed from a past checkpoint, which write again rows below and above
 * the newest watermark, DDLs and old watermarks (rows of one key updated before and after the
 * checkpoint give TiCDC's "B-A-B" pattern). The changelog must be what TiDB committed, once, each
 * key's changes in commit order; {@code at-least-once} on the same topic shows the replays.
 */
class ExactlyOnceITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PARTITIONS = 3;
    private static final Map<TiCdcProtocol, TiCdcChangefeed> FEEDS =
            new EnumMap<>(TiCdcProtocol.class);

    private static TableEnvironment tEnv;

    @BeforeAll
    static void replicateWithRestarts() {
        FEEDS.put(
                TiCdcProtocol.CANAL_JSON,
                play(
                        new TiCdcChangefeed(
                                "exactly-once-canal",
                                PARTITIONS,
                                CanalJsonWriter.create(),
                                1_720_000_000_000L)));
        FEEDS.put(
                TiCdcProtocol.OPEN_PROTOCOL,
                play(
                        new TiCdcChangefeed(
                                "exactly-once-open",
                                PARTITIONS,
                                OpenProtocolWriter.create().withMaxBatchSize(3),
                                1_720_000_000_000L)));
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    /**
     * Sixty random transactions; a watermark every four; after the 20th and the 45th, TiCDC
     * restarts from the watermark two before its newest.
     */
    private static TiCdcChangefeed play(TiCdcChangefeed feed) {
        KAFKA.broker().createTopic(feed.topic(), PARTITIONS);
        KeyValueShop shop = new KeyValueShop(20261201L);
        List<Long> watermarks = new ArrayList<>();
        for (int tx = 1; tx <= 60; tx++) {
            shop.transaction(feed);
            if (tx % 4 == 0) {
                feed.watermark();
                watermarks.add(feed.events().get(feed.events().size() - 1).commitTs());
            }
            if (tx == 20 || tx == 45) {
                assertThat(feed.restartFrom(watermarks.get(watermarks.size() - 3))).isPositive();
            }
        }
        feed.watermark();
        feed.sendTo(KAFKA.broker());
        return feed;
    }

    @ParameterizedTest
    @EnumSource(TiCdcProtocol.class)
    void theChangelogIsWhatTiDbCommittedOnceInCommitOrder(TiCdcProtocol protocol) {
        TiCdcChangefeed feed = FEEDS.get(protocol);
        for (TiDbTable table : KeyValueShop.TABLES) {
            List<Row> changelog = read(feed, table, protocol, "exactly-once");

            assertThat(changelog)
                    .as("%s changelog of %s", protocol, table.name())
                    .containsExactlyInAnyOrderElementsOf(KeyValueShop.committed(feed, table));
            assertThat(KeyValueShop.byKey(changelog))
                    .isEqualTo(KeyValueShop.byKey(KeyValueShop.committed(feed, table)));
        }
    }

    @ParameterizedTest
    @EnumSource(TiCdcProtocol.class)
    void atLeastOnceShowsTheReplays(TiCdcProtocol protocol) {
        TiCdcChangefeed feed = FEEDS.get(protocol);
        int read = 0;
        int committed = 0;
        for (TiDbTable table : KeyValueShop.TABLES) {
            read += read(feed, table, protocol, "at-least-once").size();
            committed += KeyValueShop.committed(feed, table).size();
        }

        assertThat(read).isGreaterThan(committed);
    }

    private static List<Row> read(
            TiCdcChangefeed feed, TiDbTable table, TiCdcProtocol protocol, String consistency) {
        String name = table.name() + "_" + protocol.name().toLowerCase() + "_" + consistency;
        name = name.replace('-', '_');
        tEnv.executeSql(
                "CREATE TABLE IF NOT EXISTS "
                        + name
                        + " (id BIGINT, v STRING, commit_ts BIGINT METADATA FROM 'commit-ts')"
                        + " WITH ("
                        + "'connector' = 'ticdc',"
                        + "'protocol' = '"
                        + protocol
                        + "',"
                        + "'consistency' = '"
                        + consistency
                        + "',"
                        + "'topic' = '"
                        + feed.topic()
                        + "',"
                        + "'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "',"
                        + "'scan.startup.mode' = 'earliest-offset',"
                        + "'scan.bounded.mode' = 'latest-offset',"
                        + "'table.include' = '"
                        + table.name()
                        + "')");
        return CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM " + name).collect());
    }
}
