package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder passes over a {@code sqlType}, {@code mysqlType} or {@code pkNames} that repeats the
 * previous message's bytes without reading it again: what it gave must still apply, and a changed
 * one must be read anew, also right after one that failed half-way.
 */
class TiCdcCanalRepeatedHeaderTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("c", DataTypes.STRING()))
                            .getLogicalType();

    /** The UTF-8 bytes of é, one JSON char per byte as TiCDC writes a binary column. */
    private static final String UTF8_E_ACUTE = "\\u00c3\\u00a9";

    @Test
    void aRepeatedTypeMapStillDecidesHowAValueIsRead() throws Exception {
        DecoderHarness<byte[]> decoder = decoder();
        // "\u00c3\u00a9" as text is Ã©; as a binary column it is the bytes C3 A9, which STRING
        // reads as UTF-8: é.
        assertThat(value(decoder, "varbinary", UTF8_E_ACUTE)).isEqualTo("é");
        assertThat(value(decoder, "varbinary", UTF8_E_ACUTE)).isEqualTo("é");
        assertThat(value(decoder, "varchar", UTF8_E_ACUTE)).isEqualTo("Ã©");
        assertThat(value(decoder, "varchar", UTF8_E_ACUTE)).isEqualTo("Ã©");
        assertThat(value(decoder, "varbinary", UTF8_E_ACUTE)).isEqualTo("é");
    }

    @Test
    void aTypeMapThatFailedHalfWayIsNotTakenForTheNextOne() throws Exception {
        DecoderHarness<byte[]> decoder = decoder();
        assertThat(value(decoder, "varbinary", UTF8_E_ACUTE)).isEqualTo("é");
        // The same bytes up to a second 'c', which is refused: that object is not kept.
        byte[] twice = message("{\"id\":\"int\",\"c\":\"varchar\",\"c\":\"varchar\"}", "\\u00e9");
        assertThat(decoder.decode(twice)).isEmpty();
        // Were it kept, the same bytes again would be passed over instead of refused.
        assertThat(decoder.decode(twice)).isEmpty();
        assertThat(decoder.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(2);
        assertThat(value(decoder, "varchar", "\\u00e9")).isEqualTo("é");
    }

    @Test
    void aRepeatedMapIsPassedOverAsAWholeValue() throws Exception {
        DecoderHarness<byte[]> decoder = decoder();
        for (int i = 0; i < 3; i++) {
            // The repeated map is followed by the row: the reading goes on right after it.
            assertThat(value(decoder, "varchar", "x" + i)).isEqualTo("x" + i);
        }
    }

    private static String value(DecoderHarness<byte[]> decoder, String cType, String jsonText)
            throws Exception {
        byte[] json = message("{\"id\":\"int\",\"c\":\"" + cType + "\"}", jsonText);
        return decoder.decode(json).get(0).getString(1).toString();
    }

    private static byte[] message(String mysqlType, String jsonText) {
        return ("{\"id\":0,\"database\":\"db\",\"table\":\"t\",\"pkNames\":[\"id\"],"
                        + "\"isDdl\":false,\"type\":\"INSERT\",\"es\":1,\"ts\":2,\"sql\":\"\","
                        + "\"sqlType\":{\"id\":4,\"c\":12},\"mysqlType\":"
                        + mysqlType
                        + ",\"old\":null,\"data\":[{\"id\":\"1\",\"c\":\""
                        + jsonText
                        + "\"}],\"_tidb\":{\"commitTs\":429918007904436226}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static DecoderHarness<byte[]> decoder() throws Exception {
        return DecoderHarness.of(
                TiCdcCanalDeserializationSchema.builder(ROW).setIgnoreParseErrors(true).build());
    }
}
