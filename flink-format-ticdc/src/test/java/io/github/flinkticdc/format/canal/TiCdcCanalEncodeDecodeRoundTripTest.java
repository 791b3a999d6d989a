package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.testutil.FormatFactoryDecoder;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.formats.json.canal.CanalJsonFormatFactory;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything {@link TiCdcCanalSerializationSchema} writes, {@link TiCdcCanalDeserializationSchema}
 * reads back to the same row: every Flink type the decoder supports, at its edges and as seeded
 * random rows, with the commit TSO, database, table and primary key of each message.
 */
class TiCdcCanalEncodeDecodeRoundTripTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final RowType ROW =
            TiCdcCanalSerializationSchemaTest.rowType(
                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                    DataTypes.FIELD("b", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("i8", DataTypes.TINYINT()),
                    DataTypes.FIELD("i16", DataTypes.SMALLINT()),
                    DataTypes.FIELD("i32", DataTypes.INT()),
                    DataTypes.FIELD("i64", DataTypes.BIGINT()),
                    DataTypes.FIELD("dec38_10", DataTypes.DECIMAL(38, 10)),
                    DataTypes.FIELD("dec38_0", DataTypes.DECIMAL(38, 0)),
                    DataTypes.FIELD("dec5_5", DataTypes.DECIMAL(5, 5)),
                    DataTypes.FIELD("f", DataTypes.FLOAT()),
                    DataTypes.FIELD("d", DataTypes.DOUBLE()),
                    DataTypes.FIELD("c", DataTypes.CHAR(3)),
                    DataTypes.FIELD("vc", DataTypes.VARCHAR(20)),
                    DataTypes.FIELD("s", DataTypes.STRING()),
                    DataTypes.FIELD("bin", DataTypes.BINARY(4)),
                    DataTypes.FIELD("vbin", DataTypes.VARBINARY(300)),
                    DataTypes.FIELD("bytes", DataTypes.BYTES()),
                    DataTypes.FIELD("day", DataTypes.DATE()),
                    DataTypes.FIELD("t0", DataTypes.TIME(0)),
                    DataTypes.FIELD("t3", DataTypes.TIME(3)),
                    DataTypes.FIELD("ts0", DataTypes.TIMESTAMP(0)),
                    DataTypes.FIELD("ts3", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("ts6", DataTypes.TIMESTAMP(6)),
                    DataTypes.FIELD("ts9", DataTypes.TIMESTAMP(9)),
                    DataTypes.FIELD("ltz3", DataTypes.TIMESTAMP_LTZ(3)),
                    DataTypes.FIELD("ltz6", DataTypes.TIMESTAMP_LTZ(6)),
                    DataTypes.FIELD("vec", DataTypes.ARRAY(DataTypes.FLOAT())));

    private static final List<TiCdcMetadata> METADATA =
            List.of(TiCdcMetadata.COMMIT_TS, TiCdcMetadata.DATABASE, TiCdcMetadata.TABLE);

    @Test
    void edgeValuesReadBackUnchanged() throws Exception {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        List<GenericRowData> rows = new ArrayList<>();
        rows.add(
                row(
                        RowKind.INSERT,
                        Long.MIN_VALUE,
                        false,
                        Byte.MIN_VALUE,
                        Short.MIN_VALUE,
                        Integer.MIN_VALUE,
                        Long.MIN_VALUE,
                        decimal("-9999999999999999999999999999.9999999999", 38, 10),
                        decimal("-" + "9".repeat(38), 38, 0),
                        decimal("-0.99999", 5, 5),
                        -Float.MAX_VALUE,
                        -Double.MAX_VALUE,
                        StringData.fromString(""),
                        StringData.fromString("\u0000\u001f\"\\</>&\u2028\u2029"),
                        StringData.fromString("Ünïcödé 中文 😀𝄞 \uD83D\uDC4D"),
                        new byte[] {0, 0, 0, 0},
                        new byte[0],
                        everyByte,
                        days(LocalDate.of(0, 1, 1)),
                        0,
                        0,
                        timestamp(LocalDateTime.of(1, 1, 1, 0, 0)),
                        timestamp(LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1_000_000)),
                        timestamp(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000)),
                        timestamp(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1)),
                        TimestampData.fromInstant(Instant.parse("1970-01-01T00:00:00Z")),
                        TimestampData.fromInstant(Instant.parse("1999-12-31T16:00:00.000001Z")),
                        new GenericArrayData(new float[0])));
        rows.add(
                row(
                        RowKind.UPDATE_BEFORE,
                        Long.MAX_VALUE,
                        true,
                        Byte.MAX_VALUE,
                        Short.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        decimal("9999999999999999999999999999.9999999999", 38, 10),
                        decimal("9".repeat(38), 38, 0),
                        decimal("0.00001", 5, 5),
                        Float.MIN_VALUE,
                        Double.MIN_VALUE,
                        StringData.fromString("abc"),
                        StringData.fromString("x".repeat(20)),
                        StringData.fromString("line\nbreak\ttab\r"),
                        new byte[] {(byte) 0xff, 0, 0x7f, (byte) 0x80},
                        everyByte,
                        new byte[] {'"', '\\', '<'},
                        days(LocalDate.of(9999, 12, 31)),
                        (23 * 3600 + 59 * 60 + 59) * 1000,
                        (23 * 3600 + 59 * 60 + 59) * 1000 + 999,
                        timestamp(LocalDateTime.of(9999, 12, 31, 23, 59, 59)),
                        timestamp(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)),
                        timestamp(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)),
                        timestamp(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999)),
                        TimestampData.fromInstant(Instant.parse("2038-01-19T03:14:07.999Z")),
                        TimestampData.fromInstant(Instant.parse("2024-02-29T15:59:59.999999Z")),
                        new GenericArrayData(
                                new float[] {
                                    Float.MAX_VALUE, -Float.MIN_VALUE, 0f, -0f, 1.5f, 1e-7f
                                })));
        rows.add(
                row(
                        RowKind.UPDATE_AFTER,
                        0L,
                        null,
                        (byte) 0,
                        (short) 0,
                        0,
                        0L,
                        decimal("0", 38, 10),
                        decimal("0", 38, 0),
                        decimal("0", 5, 5),
                        -0.0f,
                        -0.0d));
        rows.add(
                row(
                        RowKind.DELETE,
                        42L,
                        true,
                        (byte) -1,
                        (short) -1,
                        -1,
                        -1L,
                        decimal("0.0000000001", 38, 10),
                        decimal("1", 38, 0),
                        decimal("0.12345", 5, 5),
                        0.1f,
                        0.1d,
                        StringData.fromString("a b"),
                        StringData.fromString("é"),
                        StringData.fromString("{\"json\": [1, 2]}"),
                        new byte[] {1, 2, 3, 4},
                        new byte[] {0},
                        new byte[] {(byte) 0xc3, (byte) 0x28},
                        days(LocalDate.of(1970, 1, 1)),
                        12 * 3600 * 1000,
                        1,
                        timestamp(LocalDateTime.of(2024, 2, 29, 12, 0)),
                        timestamp(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 5_000_000)),
                        timestamp(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 5_000)),
                        timestamp(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 5)),
                        TimestampData.fromInstant(Instant.parse("2024-06-01T00:00:00.001Z")),
                        TimestampData.fromInstant(Instant.parse("2024-06-01T00:00:00.000001Z")),
                        new GenericArrayData(new float[] {3.4028235e38f, 1.17549435e-38f})));

        assertRoundTrip(rows, 1_700_000_000_000L);
    }

    @Test
    void randomRowsReadBackUnchanged() throws Exception {
        Random random = new Random(20261201L);
        List<GenericRowData> rows = new ArrayList<>();
        RowKind[] kinds = RowKind.values();
        for (int n = 0; n < 400; n++) {
            GenericRowData row =
                    new GenericRowData(kinds[random.nextInt(kinds.length)], ROW.getFieldCount());
            row.setField(0, random.nextLong());
            for (int i = 1; i < ROW.getFieldCount(); i++) {
                row.setField(
                        i, random.nextInt(10) == 0 ? null : randomValue(ROW.getTypeAt(i), random));
            }
            rows.add(row);
        }
        assertRoundTrip(rows, 1_750_000_000_000L);
    }

    /**
     * Flink's own {@code canal-json} reads what the encoder writes, for the types it reads TiCDC's
     * text right (not BOOLEAN, binary or TIMESTAMP_LTZ: docs, compared with Flink's canal-json).
     */
    @Test
    void flinksCanalJsonReadsWhatTheEncoderWrites() throws Exception {
        DataType physical =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                        DataTypes.FIELD("name", DataTypes.STRING()),
                        DataTypes.FIELD("price", DataTypes.DECIMAL(38, 10)),
                        DataTypes.FIELD("ratio", DataTypes.DOUBLE()),
                        DataTypes.FIELD("day", DataTypes.DATE()),
                        DataTypes.FIELD("at", DataTypes.TIMESTAMP(3)));
        TiCdcCanalSerializationSchema encoder =
                TiCdcCanalSerializationSchema.builder(
                                (RowType) physical.getLogicalType(), "shop", "orders")
                        .build();
        FormatFactoryDecoder flink =
                FormatFactoryDecoder.create(
                        new CanalJsonFormatFactory(), Map.of(), physical, List.of());
        LocalDateTime at = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 120_000_000);
        GenericRowData row =
                GenericRowData.ofKind(
                        RowKind.UPDATE_BEFORE,
                        Long.MIN_VALUE,
                        StringData.fromString("<a & \"b\">\n😀"),
                        decimal("-1234567890123456789012345678.0123456789", 38, 10),
                        1e-300,
                        days(LocalDate.of(2024, 2, 29)),
                        timestamp(at));

        assertThat(flink.decode(encoder.serialize(row)))
                .containsExactly(
                        Row.ofKind(
                                RowKind.DELETE,
                                Long.MIN_VALUE,
                                "<a & \"b\">\n😀",
                                new BigDecimal("-1234567890123456789012345678.0123456789"),
                                1e-300,
                                LocalDate.of(2024, 2, 29),
                                at));
        row.setRowKind(RowKind.UPDATE_AFTER);
        assertThat(flink.decode(encoder.serialize(row)))
                .singleElement()
                .matches(r -> r.getKind() == RowKind.INSERT);
    }

    /**
     * Encodes every row with a commit TSO, database and table of its own, decodes each message and
     * compares: the same physical row, +U read as +I and -U as -D, and the same metadata.
     */
    private static void assertRoundTrip(List<GenericRowData> rows, long firstCommitMillis)
            throws Exception {
        TiCdcCanalSerializationSchema encoder =
                TiCdcCanalSerializationSchema.builder(ROW, "shop", "everything")
                        .setPrimaryKey(List.of("id"))
                        .setWritableMetadata(METADATA)
                        .setTimestampZone(ZONE)
                        .build();
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(ROW)
                                .setReadableMetadata(
                                        List.of(
                                                TiCdcMetadata.COMMIT_TS,
                                                TiCdcMetadata.DATABASE,
                                                TiCdcMetadata.TABLE,
                                                TiCdcMetadata.PK_NAMES))
                                .setTimestampZone(ZONE)
                                .build());
        encoder.open(null);
        List<RowData> decoded = new ArrayList<>();
        List<RowData> expected = new ArrayList<>();
        for (int n = 0; n < rows.size(); n++) {
            GenericRowData row = rows.get(n);
            long commitTs = ((firstCommitMillis + n) << 18) | n;
            StringData table = n % 3 == 0 ? null : StringData.fromString("t" + n);
            byte[] message =
                    encoder.serialize(withValues(row, row.getRowKind(), commitTs, null, table));
            decoded.addAll(decoder.decode(message));
            RowKind readAs =
                    row.getRowKind() == RowKind.UPDATE_AFTER
                            ? RowKind.INSERT
                            : row.getRowKind() == RowKind.UPDATE_BEFORE
                                    ? RowKind.DELETE
                                    : row.getRowKind();
            expected.add(
                    withValues(
                            row,
                            readAs,
                            commitTs,
                            StringData.fromString("shop"),
                            table != null ? table : StringData.fromString("everything"),
                            new GenericArrayData(new StringData[] {StringData.fromString("id")})));
        }
        assertThat(decoded).containsExactlyElementsOf(expected);
    }

    private static Object randomValue(LogicalType type, Random random) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return random.nextBoolean();
            case TINYINT:
                return (byte) random.nextInt();
            case SMALLINT:
                return (short) random.nextInt();
            case INTEGER:
                return random.nextInt();
            case BIGINT:
                return random.nextLong();
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                BigInteger unscaled =
                        new BigInteger(126, random).mod(BigInteger.TEN.pow(decimal.getPrecision()));
                return DecimalData.fromBigDecimal(
                        new BigDecimal(
                                random.nextBoolean() ? unscaled : unscaled.negate(),
                                decimal.getScale()),
                        decimal.getPrecision(),
                        decimal.getScale());
            case FLOAT:
                return randomFloat(random);
            case DOUBLE:
                double d = Double.longBitsToDouble(random.nextLong());
                return Double.isFinite(d) ? d : random.nextGaussian();
            case CHAR:
            case VARCHAR:
                return StringData.fromString(
                        randomText(
                                random,
                                Math.min(
                                        20,
                                        ((type
                                                        instanceof
                                                        org.apache.flink.table.types.logical
                                                                .CharType)
                                                ? 3
                                                : 20))));
            case BINARY:
            case VARBINARY:
                byte[] bytes =
                        new byte
                                [type.getTypeRoot()
                                                == org.apache.flink.table.types.logical
                                                        .LogicalTypeRoot.BINARY
                                        ? 4
                                        : random.nextInt(40)];
                random.nextBytes(bytes);
                return bytes;
            case DATE:
                return random.nextInt(2_932_896) - 719_528;
            case TIME_WITHOUT_TIME_ZONE:
                int millis = random.nextInt(86_400_000);
                return ((TimeType) type).getPrecision() == 0 ? millis - millis % 1000 : millis;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                LocalDateTime dateTime =
                        LocalDateTime.of(1, 1, 1, 0, 0)
                                .plusSeconds((long) (random.nextDouble() * 315_537_897_599L))
                                .withNano(
                                        truncate(
                                                random.nextInt(1_000_000_000),
                                                ((TimestampType) type).getPrecision()));
                return timestamp(dateTime);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                // 1992 on: Shanghai has had no daylight saving time since 1991, whose repeated
                // hour no wall-clock text can tell apart.
                long seconds = 694_224_000L + (long) (random.nextDouble() * 1_500_000_000L);
                int precision = ((LocalZonedTimestampType) type).getPrecision();
                return TimestampData.fromInstant(
                        Instant.ofEpochSecond(
                                seconds, truncate(random.nextInt(1_000_000_000), precision)));
            case ARRAY:
                float[] vector = new float[random.nextInt(6)];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = randomFloat(random);
                }
                return new GenericArrayData(vector);
            default:
                throw new IllegalArgumentException("No generator for " + type);
        }
    }

    private static float randomFloat(Random random) {
        float f = Float.intBitsToFloat(random.nextInt());
        return Float.isFinite(f) ? f : (float) random.nextGaussian();
    }

    /** Text of any code point but lone surrogates, which no UTF-8 text holds. */
    private static String randomText(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        while (text.codePointCount(0, text.length()) < length) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                text.appendCodePoint(cp);
            }
        }
        return text.toString();
    }

    private static int truncate(int nanos, int precision) {
        int unit = (int) Math.pow(10, 9 - precision);
        return nanos - nanos % unit;
    }

    /** A row of the leading {@code fields}; the columns after them are NULL. */
    private static GenericRowData row(RowKind kind, Object... fields) {
        GenericRowData row = new GenericRowData(kind, ROW.getFieldCount());
        for (int i = 0; i < fields.length; i++) {
            row.setField(i, fields[i]);
        }
        return row;
    }

    private static GenericRowData withValues(GenericRowData row, RowKind kind, Object... extra) {
        GenericRowData joined = TiCdcCanalSerializationSchemaTest.append(row, extra);
        joined.setRowKind(kind);
        return joined;
    }

    private static DecimalData decimal(String value, int precision, int scale) {
        return DecimalData.fromBigDecimal(new BigDecimal(value), precision, scale);
    }

    private static int days(LocalDate date) {
        return (int) date.toEpochDay();
    }

    private static TimestampData timestamp(LocalDateTime dateTime) {
        return TimestampData.fromLocalDateTime(dateTime);
    }
}
