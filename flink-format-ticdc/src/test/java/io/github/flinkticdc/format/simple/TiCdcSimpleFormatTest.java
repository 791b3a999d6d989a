package io.github.flinkticdc.format.simple;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.testutil.FormatFactoryDecoder;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcSampleFiles;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ticdc-simple} format as the planner builds it: found by its identifier, the samples of
 * the TiCDC docs decoded into the columns' natural Flink types with every metadata column, and the
 * options it shares with the other TiCDC formats.
 */
class TiCdcSimpleFormatTest {

    private static final DataType USER =
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.INT()),
                    DataTypes.FIELD("name", DataTypes.STRING()),
                    DataTypes.FIELD("age", DataTypes.INT()),
                    DataTypes.FIELD("score", DataTypes.FLOAT()));

    private static final List<String> METADATA =
            List.of(
                    "database",
                    "table",
                    "event-type",
                    "commit-ts",
                    "commit-time",
                    "ingestion-timestamp");

    private static FormatFactoryDecoder decoder(Map<String, String> options) throws Exception {
        return FormatFactoryDecoder.create(
                FactoryUtil.discoverFactory(
                        TiCdcSimpleFormatTest.class.getClassLoader(),
                        DeserializationFormatFactory.class,
                        "ticdc-simple"),
                options,
                USER,
                METADATA);
    }

    @Test
    void theDocsSamplesDecodeIntoTheirTypesWithTheirMetadata() throws Exception {
        FormatFactoryDecoder decoder = decoder(Map.of());

        assertThat(decoder.readableMetadata()).containsOnlyKeys(METADATA);
        assertThat(decoder.decode(sample("02-docs-insert")))
                .containsExactly(
                        row(RowKind.INSERT, 90.5f, "INSERT", 447984084414103554L, 1708923662983L));
        assertThat(decoder.decode(sample("03-docs-update")))
                .containsExactly(
                        row(
                                RowKind.UPDATE_BEFORE,
                                90.5f,
                                "UPDATE",
                                447984099186180098L,
                                1708923719184L),
                        row(
                                RowKind.UPDATE_AFTER,
                                95f,
                                "UPDATE",
                                447984099186180098L,
                                1708923719184L));
        assertThat(decoder.decode(sample("04-docs-delete")))
                .containsExactly(
                        row(RowKind.DELETE, 95f, "DELETE", 447984114259722243L, 1708923776484L));
    }

    @Test
    void schemaAndProgressMessagesEmitNoRow() throws Exception {
        FormatFactoryDecoder decoder = decoder(Map.of());

        assertThat(decoder.decode(sample("06-docs-bootstrap"))).isEmpty();
        assertThat(decoder.decode(sample("05-docs-watermark"))).isEmpty();
        assertThat(decoder.counter(DecodeMetrics.WATERMARK_EVENTS)).isEqualTo(1);
        assertThat(decoder.decode(sample("01-docs-ddl-alter"))).isEmpty();
        assertThat(decoder.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isEqualTo(1);

        FormatFactoryDecoder failing = decoder(Map.of("ddl", "fail"));
        assertThatThrownBy(() -> failing.decode(sample("01-docs-ddl-alter")))
                .hasMessageContaining("ALTER TABLE `user` ADD COLUMN `createTime` TIMESTAMP");
    }

    /**
     * TiCDC names the zone of every TIMESTAMP, so TIMESTAMP_LTZ is the exact instant whatever the
     * format's zone; TIMESTAMP is the wall clock in the format's zone.
     */
    @Test
    void aTimestampIsTheInstantTiCdcWrote() throws Exception {
        DataType row =
                DataTypes.ROW(
                        DataTypes.FIELD("ltz", DataTypes.TIMESTAMP_LTZ(6)),
                        DataTypes.FIELD("wall", DataTypes.TIMESTAMP(6)));
        byte[] message =
                ("{\"version\":1,\"database\":\"d\",\"table\":\"t\",\"type\":\"INSERT\","
                                + "\"commitTs\":1,\"schemaVersion\":1,\"data\":{"
                                + "\"ltz\":{\"location\":\"Asia/Shanghai\",\"value\":\"2024-02-26 08:21:02.123456\"},"
                                + "\"wall\":{\"location\":\"Asia/Shanghai\",\"value\":\"2024-02-26 08:21:02.123456\"}}}")
                        .getBytes(StandardCharsets.UTF_8);
        Instant instant = Instant.parse("2024-02-26T00:21:02.123456Z");

        for (String zone : List.of("UTC", "Asia/Shanghai", "America/Los_Angeles")) {
            FormatFactoryDecoder decoder =
                    FormatFactoryDecoder.create(
                            new TiCdcSimpleFormatFactory(),
                            Map.of("timestamp.time-zone", zone),
                            row,
                            List.of());
            assertThat(decoder.decode(message))
                    .as(zone)
                    .containsExactly(
                            Row.ofKind(
                                    RowKind.INSERT,
                                    instant,
                                    LocalDateTime.ofInstant(instant, ZoneId.of(zone))));
        }
    }

    /**
     * {@code checksum.verify}: a verified row is emitted, a changed one is a bad message (a counted
     * skip here), and a row read before its table's schema is emitted and counted unverified.
     */
    @Test
    void checksumVerificationSkipsAChangedRowAndCountsUnverifiedOnes() throws Exception {
        TiDbTable user =
                TiDbTable.of("simple", "user")
                        .pk("id", "int")
                        .column("name", "varchar")
                        .column("age", "int")
                        .column("score", "float");
        SimpleWriter writer = SimpleWriter.create().withChecksums();
        byte[] insert = writer.insert(user, 1L << 18, user.row(1, "John Doe", 25, "90.5"));
        byte[] changed =
                new String(insert, StandardCharsets.UTF_8)
                        .replace("\"25\"", "\"26\"")
                        .getBytes(StandardCharsets.UTF_8);
        FormatFactoryDecoder decoder =
                decoder(Map.of("checksum.verify", "true", "ignore-parse-errors", "true"));

        assertThat(decoder.decode(changed)).hasSize(1);
        assertThat(decoder.counter(DecodeMetrics.CHECKSUMS_UNVERIFIED)).isEqualTo(1);

        assertThat(decoder.decode(writer.bootstrap(user))).isEmpty();
        assertThat(decoder.decode(insert)).hasSize(1);
        assertThat(decoder.decode(changed)).isEmpty();
        assertThat(decoder.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
        assertThat(decoder.counter(DecodeMetrics.CHECKSUMS_UNVERIFIED)).isEqualTo(1);

        FormatFactoryDecoder failing = decoder(Map.of("checksum.verify", "true"));
        failing.decode(writer.bootstrap(user));
        assertThatThrownBy(() -> failing.decode(changed))
                .hasMessageContaining("row checksum mismatch in 'data' of simple.user");
        assertThat(decoder(Map.of()).decode(changed)).hasSize(1);
    }

    /** TiCDC writes row checksums into no other protocol this project reads. */
    @Test
    void checksumVerifyIsRefusedByTheOtherFormats() {
        assertThatThrownBy(
                        () ->
                                FormatFactoryDecoder.create(
                                        FactoryUtil.discoverFactory(
                                                TiCdcSimpleFormatTest.class.getClassLoader(),
                                                DeserializationFormatFactory.class,
                                                "ticdc-canal"),
                                        Map.of("checksum.verify", "true"),
                                        USER,
                                        List.of()))
                .hasStackTraceContaining(
                        "'ticdc-canal.checksum.verify' is for the simple protocol");
    }

    private static Row row(RowKind kind, float score, String type, long commitTs, long buildTs) {
        return Row.ofKind(
                kind,
                1,
                "John Doe",
                25,
                score,
                "simple",
                "user",
                type,
                commitTs,
                Instant.ofEpochMilli(commitTs >>> 18),
                Instant.ofEpochMilli(buildTs));
    }

    private static byte[] sample(String name) {
        return TiCdcSampleFiles.bytes("simple/" + name + ".json");
    }
}
