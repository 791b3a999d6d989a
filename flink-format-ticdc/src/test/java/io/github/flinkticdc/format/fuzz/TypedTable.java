package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A TiDB table with one column of each type the round trip covers, the Flink type a user declares
 * for each, and rows of random <em>typed</em> values (long, BigDecimal, double, LocalDate,
 * byte[]...). From a typed row the test derives both the text TiCDC writes (spec §2.5) and the
 * Flink value the decoder must produce, the latter directly with Flink's data classes and never
 * through the project's converters.
 */
final class TypedTable {

    /** The zone TiCDC wrote TIMESTAMP values in, as the decoders are told. */
    static final ZoneOffset TIMESTAMP_ZONE = ZoneOffset.ofHours(8);

    /** Characters JSON writers escape or that are easy to mishandle. */
    private static final String SPECIAL = "<>&\"\\'/\u007f\u2028\u2029\ufeff\uffff";

    static final List<String> SET_LABELS = List.of("a", "b", "c", "d", "e");

    /** canal-json's full definition of the SET column (content-compatible form). */
    static final String SET_DEFINITION = "set('a','b','c','d','e')";

    /** A zero date / datetime / timestamp (TiDB's {@code 0000-00-00}); reads as NULL. */
    static final Object ZERO =
            new Object() {
                @Override
                public String toString() {
                    return "zero-date";
                }
            };

    enum Kind {
        BIGINT,
        INT,
        UNSIGNED_BIGINT,
        DECIMAL,
        DOUBLE,
        FLOAT,
        BOOLEAN,
        VARCHAR,
        TEXT,
        VARBINARY,
        BLOB,
        DATE,
        DATETIME,
        TIMESTAMP,
        SET
    }

    static final class Column {
        final String name;
        final String mysqlType;
        final DataType type;
        final Kind kind;

        Column(String name, String mysqlType, DataType type, Kind kind) {
            this.name = name;
            this.mysqlType = mysqlType;
            this.type = type;
            this.kind = kind;
        }
    }

    final List<Column> columns;
    final TiDbTable table;
    final RowType rowType;

    private TypedTable(List<Column> columns) {
        this.columns = columns;
        TiDbTable t = TiDbTable.of("fuzz", "typed");
        List<DataTypes.Field> fields = new ArrayList<>();
        for (Column c : columns) {
            t = c.name.equals("id") ? t.pk(c.name, c.mysqlType) : t.column(c.name, c.mysqlType);
            fields.add(DataTypes.FIELD(c.name, c.type));
        }
        this.table = t;
        this.rowType =
                (RowType) DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).getLogicalType();
    }

    /** The columns both protocols carry. */
    private static List<Column> common() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("id", "bigint", DataTypes.BIGINT().notNull(), Kind.BIGINT));
        c.add(new Column("i", "int", DataTypes.INT(), Kind.INT));
        c.add(new Column("u", "bigint unsigned", DataTypes.DECIMAL(20, 0), Kind.UNSIGNED_BIGINT));
        c.add(new Column("d", "decimal", DataTypes.DECIMAL(12, 3), Kind.DECIMAL));
        c.add(new Column("db", "double", DataTypes.DOUBLE(), Kind.DOUBLE));
        c.add(new Column("f", "float", DataTypes.FLOAT(), Kind.FLOAT));
        c.add(new Column("b", "tinyint", DataTypes.BOOLEAN(), Kind.BOOLEAN));
        c.add(new Column("s", "varchar", DataTypes.STRING(), Kind.VARCHAR));
        c.add(new Column("t", "text", DataTypes.STRING(), Kind.TEXT));
        c.add(new Column("vb", "varbinary", DataTypes.BYTES(), Kind.VARBINARY));
        c.add(new Column("bl", "blob", DataTypes.BYTES(), Kind.BLOB));
        c.add(new Column("dt", "date", DataTypes.DATE(), Kind.DATE));
        c.add(new Column("dtm", "datetime", DataTypes.TIMESTAMP(6), Kind.DATETIME));
        c.add(new Column("ts", "timestamp", DataTypes.TIMESTAMP_LTZ(3), Kind.TIMESTAMP));
        return c;
    }

    /** canal-json's table: also a SET read as its labels (listed in {@code mysqlType}). */
    static TypedTable canal() {
        List<Column> c = common();
        c.add(new Column("st", "set", DataTypes.STRING(), Kind.SET));
        return new TypedTable(c);
    }

    static TypedTable openProtocol() {
        return new TypedTable(common());
    }

    /** The simple protocol's table: it writes a SET as its bitmask, with no labels to read. */
    static TypedTable simple() {
        return new TypedTable(common());
    }

    /** A random row with primary key {@code id}; nullable columns are NULL now and then. */
    Object[] randomRow(SplittableRandom r, long id) {
        Object[] row = new Object[columns.size()];
        row[0] = id;
        for (int i = 1; i < row.length; i++) {
            row[i] = r.nextInt(10) == 0 ? null : randomValue(columns.get(i).kind, r);
        }
        return row;
    }

    /** {@code before} with some non-key columns changed. */
    Object[] changed(Object[] before, SplittableRandom r) {
        Object[] after = before.clone();
        for (int i = 1; i < after.length; i++) {
            if (r.nextInt(3) == 0) {
                after[i] = r.nextInt(10) == 0 ? null : randomValue(columns.get(i).kind, r);
            }
        }
        return after;
    }

    /** The row as TiCDC's text values, for the test-side writers. */
    Map<String, String> text(Object[] typed) {
        return text(typed, TIMESTAMP_ZONE);
    }

    /**
     * The row as TiCDC's text values with TIMESTAMP values in {@code timestampZone}, for a writer
     * that names the zone it wrote them in (the simple protocol).
     */
    Map<String, String> text(Object[] typed, ZoneId timestampZone) {
        Object[] texts = new Object[typed.length];
        for (int i = 0; i < typed.length; i++) {
            texts[i] = typed[i] == null ? null : text(columns.get(i).kind, typed[i], timestampZone);
        }
        return table.row(texts);
    }

    /** The row's Flink internal values (physical columns only). */
    Object[] flink(Object[] typed) {
        Object[] values = new Object[typed.length];
        for (int i = 0; i < typed.length; i++) {
            values[i] = typed[i] == null ? null : flink(columns.get(i).kind, typed[i]);
        }
        return values;
    }

    static Object randomValue(Kind kind, SplittableRandom r) {
        switch (kind) {
            case BIGINT:
                return r.nextInt(8) == 0
                        ? pickLong(r, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)
                        : r.nextBoolean() ? r.nextLong() : (long) r.nextInt(-1000, 1000);
            case INT:
                return r.nextInt(8) == 0
                        ? (int) pickLong(r, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)
                        : r.nextInt();
            case UNSIGNED_BIGINT:
                return r.nextInt(8) == 0
                        ? new BigInteger(
                                pick(
                                        r,
                                        "0",
                                        "18446744073709551615",
                                        "9223372036854775807",
                                        "9223372036854775808"))
                        : new BigInteger(64, new java.util.Random(r.nextLong()));
            case DECIMAL:
                long unscaled =
                        r.nextInt(4) == 0
                                ? pickLong(r, 999_999_999_999L, -999_999_999_999L, 0, 1)
                                : r.nextLong(-999_999_999_999L, 1_000_000_000_000L);
                return BigDecimal.valueOf(unscaled, 3);
            case DOUBLE:
                return randomDouble(r);
            case FLOAT:
                return randomFloat(r);
            case BOOLEAN:
                return r.nextBoolean();
            case VARCHAR:
            case TEXT:
                return randomText(r);
            case VARBINARY:
            case BLOB:
                byte[] bytes = new byte[r.nextInt(40)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) r.nextInt(256);
                }
                return bytes;
            case DATE:
                return r.nextInt(30) == 0
                        ? ZERO
                        : LocalDate.ofEpochDay(
                                r.nextLong(
                                        LocalDate.of(1, 1, 1).toEpochDay(),
                                        LocalDate.of(9999, 12, 31).toEpochDay() + 1));
            case DATETIME:
                if (r.nextInt(30) == 0) {
                    return ZERO;
                }
                LocalDate day =
                        LocalDate.ofEpochDay(
                                r.nextLong(
                                        LocalDate.of(1000, 1, 1).toEpochDay(),
                                        LocalDate.of(9999, 12, 31).toEpochDay() + 1));
                return day.atStartOfDay().plusNanos(r.nextLong(86_400_000_000L) * 1000);
            case TIMESTAMP:
                if (r.nextInt(30) == 0) {
                    return ZERO;
                }
                return Instant.ofEpochMilli(r.nextLong(1000L, 2_147_483_647_999L));
            case SET:
                return (long) r.nextInt(1 << SET_LABELS.size());
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    static String text(Kind kind, Object v, ZoneId timestampZone) {
        switch (kind) {
            case DECIMAL:
                return ((BigDecimal) v).toPlainString();
            case DOUBLE:
                return plain(Double.toString((Double) v), (Double) v == 0 && 1 / (Double) v < 0);
            case FLOAT:
                return plain(Float.toString((Float) v), (Float) v == 0 && 1 / (Float) v < 0);
            case BOOLEAN:
                return (Boolean) v ? "1" : "0";
            case VARBINARY:
            case BLOB:
                return new String((byte[]) v, java.nio.charset.StandardCharsets.ISO_8859_1);
            case DATE:
                return v == ZERO ? "0000-00-00" : v.toString();
            case DATETIME:
                return v == ZERO ? "0000-00-00 00:00:00.000000" : dateTime((LocalDateTime) v, 6);
            case TIMESTAMP:
                return v == ZERO
                        ? "0000-00-00 00:00:00.000"
                        : dateTime(LocalDateTime.ofInstant((Instant) v, timestampZone), 3);
            default:
                return v.toString();
        }
    }

    static Object flink(Kind kind, Object v) {
        switch (kind) {
            case UNSIGNED_BIGINT:
                return DecimalData.fromBigDecimal(new BigDecimal((BigInteger) v), 20, 0);
            case DECIMAL:
                return DecimalData.fromBigDecimal((BigDecimal) v, 12, 3);
            case VARCHAR:
            case TEXT:
                return StringData.fromString((String) v);
            case DATE:
                return v == ZERO ? null : (int) ((LocalDate) v).toEpochDay();
            case DATETIME:
                return v == ZERO ? null : TimestampData.fromLocalDateTime((LocalDateTime) v);
            case TIMESTAMP:
                return v == ZERO ? null : TimestampData.fromInstant((Instant) v);
            case SET:
                StringBuilder labels = new StringBuilder();
                long mask = (Long) v;
                for (int i = 0; i < SET_LABELS.size(); i++) {
                    if ((mask & (1L << i)) != 0) {
                        labels.append(labels.length() == 0 ? "" : ",").append(SET_LABELS.get(i));
                    }
                }
                return StringData.fromString(labels.toString());
            default:
                return v; // Long, Integer, Double, Float, Boolean, byte[]
        }
    }

    /** Shortest round-trip text in fixed notation, as TiCDC writes floats (spec §2.5). */
    private static String plain(String javaText, boolean negativeZero) {
        if (negativeZero) {
            return "-0";
        }
        return new BigDecimal(javaText).stripTrailingZeros().toPlainString();
    }

    private static String dateTime(LocalDateTime t, int fractionDigits) {
        String fraction = String.format("%09d", t.getNano()).substring(0, fractionDigits);
        return String.format(
                "%04d-%02d-%02d %02d:%02d:%02d.%s",
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                fraction);
    }

    private static double randomDouble(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0:
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (Double.isNaN(d) || Double.isInfinite(d));
                return d;
            case 1:
                return r.nextInt(-100000, 100000) / Math.pow(10, r.nextInt(6));
            case 2:
                double[] edges = {
                    0.0,
                    -0.0,
                    Double.MIN_VALUE,
                    -Double.MIN_VALUE,
                    Double.MAX_VALUE,
                    -Double.MAX_VALUE,
                    Double.MIN_NORMAL,
                    0.1,
                    1e-300,
                    1e300,
                    123456789.125
                };
                return edges[r.nextInt(edges.length)];
            default:
                return r.nextDouble(-1e6, 1e6);
        }
    }

    private static float randomFloat(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0:
                float f;
                do {
                    f = Float.intBitsToFloat(r.nextInt());
                } while (Float.isNaN(f) || Float.isInfinite(f));
                return f;
            case 1:
                return (float) (r.nextInt(-100000, 100000) / Math.pow(10, r.nextInt(4)));
            case 2:
                float[] edges = {
                    0f,
                    -0f,
                    Float.MIN_VALUE,
                    -Float.MIN_VALUE,
                    Float.MAX_VALUE,
                    -Float.MAX_VALUE,
                    Float.MIN_NORMAL,
                    0.1f,
                    3.14f,
                    16777217f
                };
                return edges[r.nextInt(edges.length)];
            default:
                return (float) r.nextDouble(-1e4, 1e4);
        }
    }

    /** Random Unicode: ASCII, control characters, Latin-1, BMP and supplementary characters. */
    static String randomText(SplittableRandom r) {
        int n = r.nextInt(30);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp;
            switch (r.nextInt(6)) {
                case 0:
                    cp = r.nextInt(0x20);
                    break;
                case 1:
                    cp = SPECIAL.charAt(r.nextInt(SPECIAL.length()));
                    break;
                case 2:
                    cp = r.nextInt(0x80, 0x100);
                    break;
                case 3:
                    do {
                        cp = r.nextInt(0x100, 0x10000);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                    break;
                case 4:
                    cp = r.nextInt(0x10000, 0x110000);
                    break;
                default:
                    cp = r.nextInt(0x20, 0x7F);
            }
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private static long pickLong(SplittableRandom r, long... values) {
        return values[r.nextInt(values.length)];
    }

    private static String pick(SplittableRandom r, String... values) {
        return values[r.nextInt(values.length)];
    }
}
