package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DataStream source builder: Kafka settings to KafkaSource, decoding settings to the schema.
 * What a built source reads (topics, offsets, decoding settings) is proven on a broker by {@link
 * TiCdcSourceITCase}.
 */
class TiCdcSourceTest {

    private static final RowType ROW =
            (RowType) DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT())).getLogicalType();

    @Test
    void buildsABoundedKafkaSourceOfTheDecodedRows() {
        KafkaSource<RowData> source =
                TiCdcSource.builder(TiCdcProtocol.OPEN_PROTOCOL, ROW)
                        .setBootstrapServers("kafka:9092")
                        .setTopics("tidb-shop")
                        .setBounded(OffsetsInitializer.latest())
                        .setKafkaMetadata(List.of(KafkaMetadata.PARTITION))
                        .build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.getProducedType())
                .isEqualTo(
                        TiCdcRecordDeserializationSchema.builder(TiCdcProtocol.OPEN_PROTOCOL, ROW)
                                .setKafkaMetadata(List.of(KafkaMetadata.PARTITION))
                                .build()
                                .getProducedType());
    }

    @Test
    void kafkaAndDecodingMistakesFailTheBuild() {
        assertThatThrownBy(
                        () ->
                                TiCdcSource.builder(TiCdcProtocol.CANAL_JSON, ROW)
                                        .setTopics("tidb-shop")
                                        .build())
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(
                        () ->
                                TiCdcSource.builder(TiCdcProtocol.CANAL_JSON, ROW)
                                        .setBootstrapServers("kafka:9092")
                                        .setTopics("tidb-shop")
                                        .setUpsert(true)
                                        .build())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(
                        () ->
                                TiCdcSource.builder(TiCdcProtocol.OPEN_PROTOCOL, ROW)
                                        .setBootstrapServers("kafka:9092")
                                        .setTopics("tidb-shop")
                                        .setTableInclude("orders(")
                                        .build())
                .hasMessageContaining("table.include");
    }
}
