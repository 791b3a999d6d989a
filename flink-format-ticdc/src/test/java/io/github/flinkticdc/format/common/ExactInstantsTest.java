package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.debezium.TiCdcDebeziumDeserializationSchema;
import io.github.flinkticdc.format.simple.TiCdcSimpleDeserializationSchema;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simple and debezium protocols carry a TIMESTAMP's exact instant (a wall clock with its zone,
 * an ISO instant). Read into TIMESTAMP_LTZ it stays that instant even where the reader's zone
 * repeats an hour: 2024-11-03 05:30Z and 06:30Z are both 01:30 in New York, and a wall clock in
 * between would make them one. Read into TIMESTAMP, both are that wall clock.
 */
class ExactInstantsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant FIRST = Instant.parse("2024-11-03T05:30:00.123Z");
    private static final Instant SECOND = Instant.parse("2024-11-03T06:30:00.123Z");

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("ltz", DataTypes.TIMESTAMP_LTZ(3)),
                                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(3)))
                            .getLogicalType();

    @Test
    void simpleTimestampsInTheRepeatedHourStayTheirInstants() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcSimpleDeserializationSchema.builder(ROW)
                                .setTimestampZone(NEW_YORK)
                                .build());

        assertRead(decoder.decode(simple("2024-11-03 05:30:00.123")), FIRST);
        assertRead(decoder.decode(simple("2024-11-03 06:30:00.123")), SECOND);
    }

    @Test
    void debeziumTimestampsInTheRepeatedHourStayTheirInstants() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcDebeziumDeserializationSchema.builder(ROW)
                                .setTimestampZone(NEW_YORK)
                                .build());

        assertRead(decoder.decode(debezium(FIRST)), FIRST);
        assertRead(decoder.decode(debezium(SECOND)), SECOND);
    }

    private static void assertRead(List<RowData> rows, Instant instant) {
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getTimestamp(1, 3).toInstant()).isEqualTo(instant);
        assertThat(rows.get(0).getTimestamp(2, 3).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2024-11-03T01:30:00.123"));
    }

    /** TiCDC running in UTC: each TIMESTAMP names its zone. */
    private static byte[] simple(String utcWallClock) {
        String ts = "{\"location\":\"UTC\",\"value\":\"" + utcWallClock + "\"}";
        return ("{\"version\":1,\"type\":\"INSERT\",\"database\":\"d\",\"table\":\"t\","
                        + "\"commitTs\":447984084414103554,\"buildTs\":1,\"schemaVersion\":1,"
                        + "\"data\":{\"id\":\"1\",\"ltz\":"
                        + ts
                        + ",\"ts\":"
                        + ts
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] debezium(Instant instant) {
        return ("{\"payload\":{\"op\":\"c\",\"source\":{\"db\":\"d\",\"table\":\"t\","
                        + "\"commit_ts\":447984084414103554},\"after\":{\"id\":1,\"ltz\":\""
                        + instant
                        + "\",\"ts\":\""
                        + instant
                        + "\"}},\"schema\":{\"fields\":[{\"field\":\"after\",\"fields\":["
                        + "{\"field\":\"id\",\"type\":\"int32\"},"
                        + "{\"field\":\"ltz\",\"type\":\"string\","
                        + "\"name\":\"io.debezium.time.ZonedTimestamp\"},"
                        + "{\"field\":\"ts\",\"type\":\"string\","
                        + "\"name\":\"io.debezium.time.ZonedTimestamp\"}]}]}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
