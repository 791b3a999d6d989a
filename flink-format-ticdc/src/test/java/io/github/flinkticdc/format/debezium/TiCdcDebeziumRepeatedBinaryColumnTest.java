package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A NULL binary column with a string default reaches TiCDC's debezium encoder as that default, a Go
 * string, which it writes twice (tiflow {@code pkg/sink/codec/debezium/codec.go}: base64, then, for
 * want of an {@code else}, the string): {@code "b":"YWJj","b":"abc"}. That message is read with the
 * one value both copies hold; any other repeated column stays refused.
 */
class TiCdcDebeziumRepeatedBinaryColumnTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("b", DataTypes.BYTES()))
                            .getLogicalType();

    private static final String SOURCE =
            "\"source\":{\"db\":\"shop\",\"table\":\"t\",\"commit_ts\":429918007904436226}";

    /** The schema TiCDC writes with {@code enable-tidb-extension}: b is a BLOB. */
    private static final String SCHEMA =
            ",\"schema\":{\"fields\":[{\"field\":\"after\",\"fields\":["
                    + "{\"field\":\"id\",\"type\":\"int32\",\"tidb_type\":\"INT\"},"
                    + "{\"field\":\"b\",\"type\":\"bytes\",\"tidb_type\":\"BLOB\"}]}]}";

    @ParameterizedTest(name = "with the schema: {0}")
    @CsvSource({"true", "false"})
    void theSecondCopyOfABinaryColumnIsPassedOver(boolean schema) throws Exception {
        List<RowData> rows = decode(insert("\"b\":\"YWJj\",\"b\":\"abc\"", schema));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getInt(0)).isEqualTo(7);
        assertThat(rows.get(0).getBinary(1)).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Not TiCDC's copy: another value, the same value first, a column between them.
                "another value|\"b\":\"YWJj\",\"b\":\"xyz\"",
                "string first|\"b\":\"abc\",\"b\":\"YWJj\"",
                "not adjacent|\"b\":\"YWJj\",\"id\":7,\"b\":\"abc\"",
                "twice base64|\"b\":\"YWJj\",\"b\":\"YWJj\"",
            })
    void anyOtherRepeatedColumnIsRefused(String what, String columns) {
        assertThatThrownBy(() -> decode(insert(columns, true)))
                .hasMessageContaining("appears twice in one row image");
    }

    private static String insert(String columns, boolean schema) {
        String after = columns.contains("\"id\"") ? columns : "\"id\":7," + columns;
        return "{\"payload\":{\"op\":\"c\","
                + SOURCE
                + ",\"after\":{"
                + after
                + "}}"
                + (schema ? SCHEMA : "")
                + "}";
    }

    private static List<RowData> decode(String message) throws Exception {
        return DecoderHarness.of(TiCdcDebeziumDeserializationSchema.builder(ROW).build())
                .decode(message.getBytes(StandardCharsets.UTF_8));
    }
}
