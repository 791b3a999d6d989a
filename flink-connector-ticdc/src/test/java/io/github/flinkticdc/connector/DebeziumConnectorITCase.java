package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.KeyValueShop;
import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code 'connector' = 'ticdc', 'protocol' = 'debezium'} on a topic TiCDC writes with {@code
 * protocol=debezium&enable-tidb-extension=true}, with the embedded schema and without it ({@code
 * debezium-disable-schema=true}): three partitions, DDLs and {@code op=m} watermarks on every
 * partition, and a restart of the changefeed that writes rows, a DDL and watermarks again. The
 * exactly-once changelog of each table is what TiDB committed, once, each key in commit order.
 */
class DebeziumConnectorITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final int PARTITIONS = 3;
    private static final Map<Boolean, TiCdcChangefeed> FEEDS = new HashMap<>();

    @BeforeAll
    static void replicateWithARestart() {
        for (boolean schema : new boolean[] {true, false}) {
            TiCdcChangefeed feed =
                    new TiCdcChangefeed(
                            schema ? "debezium-connector" : "debezium-connector-no-schema",
                            PARTITIONS,
                            DebeziumWriter.create().withSchema(schema),
                            1_720_000_000_000L);
            KAFKA.broker().createTopic(feed.topic(), PARTITIONS);
            KeyValueShop shop = new KeyValueShop(20261202L);
            List<Long> watermarks = new ArrayList<>();
            for (int tx = 1; tx <= 30; tx++) {
                shop.transaction(feed);
                if (tx % 4 == 0) {
                    feed.watermark();
                    watermarks.add(feed.events().get(feed.events().size() - 1).commitTs());
                }
                if (tx == 10) {
                    TiDbTable items = KeyValueShop.TABLES.get(1);
                    feed.ddl(items, items, CanalDdlType.CINDEX, "CREATE INDEX i ON shop.items (v)");
                }
                if (tx == 22) {
                    assertThat(feed.restartFrom(watermarks.get(watermarks.size() - 3)))
                            .isPositive();
                }
            }
            feed.watermark();
            feed.sendTo(KAFKA.broker());
            FEEDS.put(schema, feed);
        }
    }

    @ParameterizedTest(name = "with the schema: {0}")
    @ValueSource(booleans = {true, false})
    void theChangelogIsWhatTiDbCommittedOnceInCommitOrder(boolean schema) {
        TiCdcChangefeed feed = FEEDS.get(schema);
        assertThat(feed.events())
                .filteredOn(e -> "DDL".equals(e.type()) && !e.isReplay())
                .extracting(TiCdcChangefeed.Event::partition)
                .containsExactlyInAnyOrder(0, 1, 2);
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(
                "CREATE TABLE shop (id BIGINT, v STRING, commit_ts BIGINT METADATA FROM"
                        + " 'commit-ts') WITH ('connector' = 'ticdc', 'protocol' = 'debezium',"
                        + " 'topic' = '"
                        + feed.topic()
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset')");
        List<Row> changelog =
                CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM shop").collect());

        // Ids are unique over the three tables, so one changelog of them all is checked at once.
        List<Row> committed = KeyValueShop.committed(feed);
        assertThat(committed).hasSizeGreaterThan(20);
        assertThat(changelog).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(KeyValueShop.byKey(changelog)).isEqualTo(KeyValueShop.byKey(committed));
        assertThat(
                        feed.events().stream()
                                .filter(TiCdcChangefeed.Event::isReplay)
                                .collect(Collectors.toList()))
                .anyMatch(TiCdcChangefeed.Event::isRow);
    }
}
