package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.testutil.CanalJsonWrites;
import io.github.flinkticdc.testing.Changelog;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code INSERT INTO} a {@code kafka} table with {@code 'format' = 'ticdc-canal'} from a changelog
 * with updates and deletes, read back from the topic with the {@code kafka} + {@code ticdc-canal}
 * table and with the {@code ticdc} connector: both give the changelog that was written (its -U as
 * -D and +U as +I) and the table it materializes to.
 */
class TiCdcCanalSinkITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final String TOPIC = "flink-written-ticdc-canal";
    private static final String COLUMNS =
            "id BIGINT NOT NULL, name STRING, price DECIMAL(10, 2), tag BYTES,"
                    + " updated_at TIMESTAMP_LTZ(3)";

    /** The truth: what the job writes. */
    private static final List<Row> CHANGELOG =
            List.of(
                    row(RowKind.INSERT, 1, "pen", "1.50", new byte[] {0, (byte) 0xff}, 0),
                    row(RowKind.INSERT, 2, "ink <blue> & \"black\"", "12.00", null, 1),
                    row(RowKind.INSERT, 3, "pad 😀", null, new byte[] {'\n'}, 2),
                    row(RowKind.UPDATE_BEFORE, 1, "pen", "1.50", new byte[] {0, (byte) 0xff}, 0),
                    row(RowKind.UPDATE_AFTER, 1, "pen", "1.75", new byte[] {0, (byte) 0xff}, 3),
                    row(RowKind.DELETE, 2, "ink <blue> & \"black\"", "12.00", null, 1),
                    row(RowKind.UPDATE_BEFORE, 3, "pad 😀", null, new byte[] {'\n'}, 2),
                    row(RowKind.UPDATE_AFTER, 3, null, "0.01", new byte[0], 4),
                    row(RowKind.INSERT, 4, "", "99999999.99", new byte[] {1}, 5));

    private static StreamTableEnvironment tEnv;

    @BeforeAll
    static void writeTheChangelog() throws Exception {
        KAFKA.broker().createTopic(TOPIC, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        tEnv = StreamTableEnvironment.create(env);
        TypeInformation<Row> type =
                Types.ROW_NAMED(
                        new String[] {"id", "name", "price", "tag", "updated_at"},
                        Types.LONG,
                        Types.STRING,
                        Types.BIG_DEC,
                        Types.PRIMITIVE_ARRAY(Types.BYTE),
                        Types.INSTANT);
        tEnv.createTemporaryView(
                "changes",
                tEnv.fromChangelogStream(
                        env.fromData(CHANGELOG, type),
                        Schema.newBuilder()
                                .column("id", DataTypes.BIGINT().notNull())
                                .column("name", DataTypes.STRING())
                                .column("price", DataTypes.DECIMAL(10, 2))
                                .column("tag", DataTypes.BYTES())
                                .column("updated_at", DataTypes.TIMESTAMP_LTZ(3))
                                .build()));
        tEnv.executeSql(
                "CREATE TABLE written ("
                        + COLUMNS
                        + ", PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + kafka()
                        + ", 'format' = 'ticdc-canal', 'ticdc-canal.encode.database' = 'shop',"
                        + " 'ticdc-canal.encode.table' = 'items',"
                        + " 'ticdc-canal.timestamp.time-zone' = 'Asia/Shanghai')");
        tEnv.executeSql("INSERT INTO written SELECT * FROM changes").await();
    }

    @Test
    void theTiCdcCanalFormatReadsWhatItWrote() {
        tEnv.executeSql(
                "CREATE TABLE read_by_format ("
                        + COLUMNS
                        + ", db STRING METADATA FROM 'value.database' VIRTUAL,"
                        + " tbl STRING METADATA FROM 'value.table' VIRTUAL,"
                        + " pk ARRAY<STRING> METADATA FROM 'value.pk-names' VIRTUAL,"
                        + " commit_ts BIGINT METADATA FROM 'value.commit-ts' VIRTUAL) WITH ("
                        + kafka()
                        + ", 'properties.group.id' = 'format', 'scan.startup.mode' ="
                        + " 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',"
                        + " 'format' = 'ticdc-canal', 'ticdc-canal.table.include' = 'items',"
                        + " 'ticdc-canal.timestamp.time-zone' = 'Asia/Shanghai')");
        List<Row> rows = select("SELECT * FROM read_by_format");

        assertThat(rows)
                .map(r -> project(r, 5))
                .containsExactlyElementsOf(CanalJsonWrites.asRead(CHANGELOG));
        assertThat(rows)
                .map(r -> Row.of(r.getField(5), r.getField(6), r.getField(7), r.getField(8)))
                .containsOnly(Row.of("shop", "items", new String[] {"id"}, null));
        assertThat(
                        Changelog.materialize(
                                rows.stream().map(r -> project(r, 5)).collect(Collectors.toList())))
                .containsExactlyInAnyOrderElementsOf(Changelog.materialize(CHANGELOG));
    }

    @Test
    void theTiCdcConnectorReadsWhatTheFormatWrote() {
        tEnv.executeSql(
                "CREATE TABLE read_by_connector ("
                        + COLUMNS
                        + ") WITH ('connector' = 'ticdc', 'protocol' = 'canal-json',"
                        + " 'consistency' = 'at-least-once', 'topic' = '"
                        + TOPIC
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'properties.group.id' = 'connector', 'scan.startup.mode' ="
                        + " 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',"
                        + " 'database.include' = 'shop', 'timestamp.time-zone' = 'Asia/Shanghai')");

        assertThat(select("SELECT * FROM read_by_connector"))
                .containsExactlyElementsOf(CanalJsonWrites.asRead(CHANGELOG));
    }

    /**
     * Flink's {@code kafka} connector offers a sink only its own writable metadata, not its value
     * format's: a {@code commit-ts} column cannot reach the format in SQL there (docs: writing
     * ticdc-canal), which is why the {@code ticdc} connector has a sink that takes it ({@link
     * TiCdcSinkITCase}). When a connector version passes them on, this fails and the docs change.
     */
    @Test
    void flinksKafkaSinkDoesNotPassWritableMetadataToTheFormat() {
        tEnv.executeSql(
                "CREATE TABLE with_commit_ts ("
                        + COLUMNS
                        + ", commit_ts BIGINT METADATA FROM 'value.commit-ts') WITH ("
                        + kafka()
                        + ", 'format' = 'ticdc-canal')");
        Throwable e =
                catchThrowable(
                        () ->
                                tEnv.executeSql(
                                        "INSERT INTO with_commit_ts SELECT *, CAST(1 AS BIGINT)"
                                                + " FROM changes"));
        assertThat(e).isInstanceOf(ValidationException.class);
        assertThat(e).hasMessageContaining("value.commit-ts");
    }

    private static Row row(
            RowKind kind, long id, String name, String price, byte[] tag, int second) {
        return Row.ofKind(
                kind,
                id,
                name,
                price == null ? null : new BigDecimal(price),
                tag,
                Instant.parse("2024-06-01T08:00:00.123Z").plusSeconds(second));
    }

    private static List<Row> select(String query) {
        return CollectionUtil.iteratorToList(tEnv.executeSql(query).collect());
    }

    private static Row project(Row row, int arity) {
        Row projected = new Row(row.getKind(), arity);
        for (int i = 0; i < arity; i++) {
            projected.setField(i, row.getField(i));
        }
        return projected;
    }

    private static String kafka() {
        return "'connector' = 'kafka', 'topic' = '"
                + TOPIC
                + "', 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "'";
    }
}
