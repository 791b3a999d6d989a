package io.github.flinkticdc.e2e;

import io.github.flinkticdc.e2e.FlinkDistribution.LibContents;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user does: copy our drop-in jars into the {@code lib/} of a standalone Flink, start it,
 * and write SQL. Flink is a real session cluster (JobManager, TaskManager and SQL gateway, each its
 * own JVM, started from the jars of the Flink line this build targets), Kafka a real broker, the
 * messages are TiCDC's, and every statement goes through the SQL gateway's REST API.
 *
 * <p>This {@code lib/} holds both drop-ins next to Flink's Kafka connector (the plain one on Flink
 * 1.20, flink-sql-connector-kafka on 2.2): the format under Flink's {@code kafka} connector, and
 * the {@code ticdc} connector with its own relocated Kafka client next to the connector's.
 */
class DropInJarsITCase extends TiCdcConnectorContract {

    // Flink first: it launches without waiting, so the broker starts while Flink does.
    @RegisterExtension
    @Order(1)
    static final FlinkClusterExtension FLINK =
            new FlinkClusterExtension(LibContents.KAFKA_CONNECTOR_AND_DROP_INS);

    @RegisterExtension
    @Order(2)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Override
    FlinkClusterExtension flink() {
        return FLINK;
    }

    @Override
    KafkaBrokerExtension kafka() {
        return KAFKA;
    }

    private static final TiDbTable T1 = TiDbTable.of("test", "t1").pk("id", "int");

    /** The seed's pipeline: one INSERT from TiCDC, read by Flink's kafka connector. */
    @Test
    void ticdcCanalFormatReadsWhatTiCdcWrote() {
        TiCdcChangefeed ticdc = changefeed("e2e-ticdc-canal", PayloadCompression.NONE);
        try (SqlGatewayClient sql = FLINK.openSession()) {
            assertThat(sql.execute(createT1("id INT", ticdc.topic(), "")))
                    .containsExactly("+I[OK]");
            ticdc.insert(T1, T1.row(4));
            // TiCDC follows with a watermark, which a generic canal-json reader fails on.
            ticdc.watermark();
            ticdc.sendTo(KAFKA.broker());

            assertThat(sql.execute("SELECT id FROM t1")).containsExactly("+I[4]");
        }
    }

    /**
     * TiCDC's {@code large-message-handle-compression}, decompressed by the drop-in jar: LZ4 by its
     * relocated lz4-java, Snappy by the snappy-java that Flink's own lib/ provides.
     */
    @ParameterizedTest
    @EnumSource(
            value = PayloadCompression.class,
            names = {"LZ4", "SNAPPY"})
    void ticdcCanalFormatDecompresses(PayloadCompression compression) {
        String name = compression.name().toLowerCase(Locale.ROOT);
        TiCdcChangefeed ticdc = changefeed("e2e-ticdc-canal-" + name, compression);
        long commitTs = ticdc.insert(T1, T1.row(4));
        ticdc.watermark();
        ticdc.sendTo(KAFKA.broker());

        try (SqlGatewayClient sql = FLINK.openSession()) {
            sql.execute(
                    createT1(
                            "id INT, commit_ts BIGINT METADATA FROM 'value.commit-ts' VIRTUAL",
                            ticdc.topic(),
                            ", 'ticdc-canal.compression' = '" + name + "'"));

            assertThat(sql.execute("SELECT id, commit_ts FROM t1"))
                    .containsExactly("+I[4, " + commitTs + "]");
        }
    }

    /**
     * kafka-clients' zstd codec is JNI and cannot be relocated: the connector drop-in's
     * kafka-clients uses the zstd-jni that installation.md tells users to put into lib/.
     */
    @Test
    void ticdcConnectorReadsATopicThatKafkaCompressesWithZstd() {
        assertThat(readKafkaCompressed("zstd")).containsExactly("+I[4, a]");
    }

    /** The check every other test relies on: a failing statement is an exception, not a pass. */
    @Test
    void aFailingStatementThrowsWithTheGatewaysError() {
        try (SqlGatewayClient sql = FLINK.openSession()) {
            assertThatThrownBy(() -> sql.execute("SELECT * FROM no_such_table"))
                    .isInstanceOf(SqlStatementException.class)
                    .hasMessageContaining("no_such_table");
        }
    }

    private static TiCdcChangefeed changefeed(String topic, PayloadCompression compression) {
        KAFKA.broker().createTopic(topic, 1);
        return new TiCdcChangefeed(
                topic,
                1,
                CanalJsonWriter.create().withCompression(compression),
                System.currentTimeMillis());
    }

    private static String createT1(String columns, String topic, String moreOptions) {
        return "CREATE TABLE t1 ("
                + columns
                + ") WITH ('connector' = 'kafka', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "', 'scan.startup.mode' = 'earliest-offset'"
                + ", 'scan.bounded.mode' = 'latest-offset'"
                + ", 'format' = 'ticdc-canal'"
                + moreOptions
                + ")";
    }
}
