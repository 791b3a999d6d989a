package io.github.flinkticdc.e2e;

import io.github.flinkticdc.e2e.FlinkDistribution.LibContents;
import io.github.flinkticdc.testing.KafkaBrokerExtension;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ticdc} connector's drop-in as the only jar a user adds to Flink's {@code lib/}: no
 * Kafka connector, no format drop-in. It must bring all it needs of Flink's Kafka connector and
 * kafka-clients, and nothing that would register Flink's {@code kafka} connector.
 */
class ConnectorJarAloneITCase extends TiCdcConnectorContract {

    // Flink first: it launches without waiting, so the broker starts while Flink does.
    @RegisterExtension
    @Order(1)
    static final FlinkClusterExtension FLINK =
            new FlinkClusterExtension(LibContents.CONNECTOR_DROP_IN_ONLY);

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

    /**
     * Kafka's own batch compression: LZ4 by the jar's relocated lz4-java, Snappy by the snappy-java
     * of Flink's lib/ (kafka-clients' references to it are not relocated).
     */
    @ParameterizedTest
    @ValueSource(strings = {"lz4", "snappy"})
    void readsATopicThatKafkaCompresses(String codec) {
        assertThat(readKafkaCompressed(codec)).containsExactly("+I[4, a]");
    }

    /** Without zstd-jni in lib/, the job fails and says which library is missing. */
    @Test
    void failsOnAZstdTopicNamingTheMissingLibrary() {
        assertThatThrownBy(() -> readKafkaCompressed("zstd"))
                .isInstanceOf(SqlStatementException.class)
                .hasMessageContaining("com/github/luben/zstd");
    }

    /** The Kafka connector's classes are inside, relocated, but its factories are not. */
    @Test
    void registersNoKafkaConnector() {
        try (SqlGatewayClient sql = FLINK.openSession()) {
            sql.execute(
                    "CREATE TABLE k (id INT) WITH ('connector' = 'kafka', 'topic' = 'k',"
                            + " 'properties.bootstrap.servers' = '"
                            + KAFKA.bootstrapServers()
                            + "', 'format' = 'ticdc-canal')");

            assertThatThrownBy(() -> sql.execute("SELECT id FROM k"))
                    .isInstanceOf(SqlStatementException.class)
                    .hasMessageContaining("Could not find any factory for identifier 'kafka'");
        }
    }
}
