package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.DeclaredType.Kind;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.testutil.RecordingRowListener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule that turns a Debezium value into canonical text, with the embedded schema (Debezium's
 * logical names, TiCDC's {@code tidb_type}) and without it (by the declared type), and each of
 * TiCDC's lossy encodings refused where it cannot be read back exactly.
 */
class DebeziumValuesTest {

    private static final DeclaredType DATE = DeclaredType.of(Kind.DATE);
    private static final DeclaredType TIME = DeclaredType.of(Kind.TIME);
    private static final DeclaredType TIMESTAMP = DeclaredType.of(Kind.TIMESTAMP);
    private static final DeclaredType BYTES = DeclaredType.of(Kind.BYTES);
    private static final DeclaredType TEXT = DeclaredType.of(Kind.TEXT);
    private static final DeclaredType DOUBLE = DeclaredType.of(Kind.FLOAT);
    private static final DeclaredType INTEGER = DeclaredType.of(Kind.INTEGER);

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "io.debezium.time.Date|int32|19691|2023-11-30",
                "io.debezium.time.Date|int32|-719528|0000-01-01",
                "io.debezium.time.Date|int32|0|1970-01-01",
                "io.debezium.time.Timestamp|int64|1701347696000|2023-11-30 12:34:56",
                "io.debezium.time.Timestamp|int64|1701347696007|2023-11-30 12:34:56.007",
                "io.debezium.time.Timestamp|int64|-1|1969-12-31 23:59:59.999",
                "io.debezium.time.MicroTimestamp|int64|1701347696000001|2023-11-30 12:34:56.000001",
                "io.debezium.time.MicroTimestamp|int64|253402300799999999|9999-12-31 23:59:59.999999",
                "io.debezium.time.MicroTime|int64|0|00:00:00",
                "io.debezium.time.MicroTime|int64|45296000001|12:34:56.000001",
                "io.debezium.time.MicroTime|int64|3020399000000|838:59:59",
                "io.debezium.time.MicroTime|int64|-3020399000000|-838:59:59",
                "io.debezium.time.ZonedTimestamp|string|\"2023-11-30T12:34:56Z\"|2023-11-30 12:34:56",
                "io.debezium.time.ZonedTimestamp|string|\"2023-11-30T12:34:56.10Z\"|2023-11-30 12:34:56.10",
                "io.debezium.time.ZonedTimestamp|string|\"1970-01-01T00:00:00Z\"|1970-01-01 00:00:00",
                "io.debezium.time.Year|int32|2155|2155",
                "io.debezium.data.Json|string|\"{\\\"a\\\": 1}\"|{\"a\": 1}",
                "io.debezium.data.TiDBVectorFloat32|string|\"[1,2.5]\"|[1,2.5]",
                "io.debezium.data.Bits|bytes|\"EA==\"|16",
                "io.debezium.data.Bits|bytes|\"AQI=\"|513",
                "io.debezium.data.Bits|bytes|\"//////////8=\"|18446744073709551615",
                "io.debezium.data.Bits|bytes|\"\"|0",
            })
    void aLogicalTypeBecomesCanonicalText(String name, String type, String json, String text)
            throws Exception {
        String field = "{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"field\":\"c\"}";
        assertThat(decode(field, json, null, ZoneOffset.UTC)).isEqualTo(text);
    }

    @Test
    void aTimestampIsTheWallClockOfTheTimestampZone() throws Exception {
        String field =
                "{\"type\":\"string\",\"name\":\"io.debezium.time.ZonedTimestamp\",\"field\":\"c\"}";
        assertThat(
                        decode(
                                field,
                                "\"2023-11-30T20:34:56.123456Z\"",
                                null,
                                ZoneId.of("Asia/Shanghai")))
                .isEqualTo("2023-12-01 04:34:56.123456");
    }

    @Test
    void bitOneIsABooleanAndBecomesItsInteger() throws Exception {
        String field = "{\"type\":\"boolean\",\"field\":\"c\"}";
        assertThat(decode(field, "true", null, ZoneOffset.UTC)).isEqualTo("1");
        assertThat(decode(field, "false", null, ZoneOffset.UTC)).isEqualTo("0");
        assertThat(decode(null, "true", INTEGER, ZoneOffset.UTC)).isEqualTo("1");
    }

    @Test
    void enumAndSetLabelsBecomeTheIndexAndBitmaskOfTheOtherProtocols() throws Exception {
        String enumField =
                "{\"type\":\"string\",\"name\":\"io.debezium.data.Enum\","
                        + "\"parameters\":{\"allowed\":\"a,b\\\\,c,d\"},\"field\":\"c\"}";
        assertThat(decode(enumField, "\"b,c\"", null, ZoneOffset.UTC)).isEqualTo("2");
        assertThat(decode(enumField, "\"d\"", null, ZoneOffset.UTC)).isEqualTo("3");
        assertThat(decode(enumField, "\"\"", null, ZoneOffset.UTC)).isEqualTo("0");
        assertThat(type(enumField).elements()).containsExactly("a", "b,c", "d");
        assertThat(type(enumField).kind()).isEqualTo(ColumnType.Kind.ENUM);

        String setField =
                "{\"type\":\"string\",\"name\":\"io.debezium.data.EnumSet\","
                        + "\"parameters\":{\"allowed\":\"a,b,c\"},\"field\":\"c\"}";
        assertThat(decode(setField, "\"a,c\"", null, ZoneOffset.UTC)).isEqualTo("5");
        assertThat(decode(setField, "\"\"", null, ZoneOffset.UTC)).isEqualTo("0");
        assertThat(type(setField).kind()).isEqualTo(ColumnType.Kind.SET);

        assertThatThrownBy(() -> decode(enumField, "\"x\"", null, ZoneOffset.UTC))
                .hasMessageContaining("column 'c'")
                .hasMessageContaining("is not one of the ENUM's 3 labels");
        assertThatThrownBy(() -> decode(setField, "\"a,x\"", null, ZoneOffset.UTC))
                .hasMessageContaining("names 'x', not one of the SET's labels");
    }

    @Test
    void binaryStringsAreBase64WhereTheSchemaOrTheDeclaredTypeSaysBytes() throws Exception {
        String tidbBinary = "{\"type\":\"string\",\"tidb_type\":\"varbinary\",\"field\":\"c\"}";
        assertThat(decode(tidbBinary, "\"AP8=\"", null, ZoneOffset.UTC)).isEqualTo("\u0000\u00ff");
        assertThat(type(tidbBinary).kind()).isEqualTo(ColumnType.Kind.BINARY);
        String tidbBlob = "{\"type\":\"string\",\"tidb_type\":\"blob\",\"field\":\"c\"}";
        assertThat(decode(tidbBlob, "\"Zm9v\"", TEXT, ZoneOffset.UTC)).isEqualTo("foo");
        String tidbText = "{\"type\":\"string\",\"tidb_type\":\"text\",\"field\":\"c\"}";
        assertThat(decode(tidbText, "\"Zm9v\"", BYTES, ZoneOffset.UTC)).isEqualTo("Zm9v");

        // Without tidb_type a string says nothing of binary: BYTES means base64, STRING text.
        String plain = "{\"type\":\"string\",\"field\":\"c\"}";
        assertThat(decode(plain, "\"Zm9v\"", BYTES, ZoneOffset.UTC)).isEqualTo("foo");
        assertThat(decode(plain, "\"Zm9v\"", TEXT, ZoneOffset.UTC)).isEqualTo("Zm9v");
        assertThat(decode(null, "\"Zm9v\"", BYTES, ZoneOffset.UTC)).isEqualTo("foo");
        assertThatThrownBy(() -> decode(plain, "\"not base64!\"", BYTES, ZoneOffset.UTC))
                .hasMessageContaining("column 'c'")
                .hasMessageContaining("not valid base64");
    }

    @Test
    void withoutTheSchemaOnlyWhatTheDeclaredTypeMakesCertainIsConverted() throws Exception {
        assertThat(decode(null, "19691", DATE, ZoneOffset.UTC)).isEqualTo("2023-11-30");
        assertThat(decode(null, "45296123456", TIME, ZoneOffset.UTC)).isEqualTo("12:34:56.123456");
        assertThat(decode(null, "\"2023-11-30T12:34:56Z\"", TIMESTAMP, ZoneId.of("+08:00")))
                .isEqualTo("2023-11-30 20:34:56");
        assertThat(decode(null, "1701347696000", INTEGER, ZoneOffset.UTC))
                .isEqualTo("1701347696000");
        assertThatThrownBy(() -> decode(null, "1701347696000", TIMESTAMP, ZoneOffset.UTC))
                .hasMessageContaining("column 'c'")
                .hasMessageContaining("only the embedded schema tells which");
    }

    /** TiCDC writes DECIMAL as a double: only a value the double certainly kept is read. */
    @ParameterizedTest(name = "{0} as DECIMAL(p, {1})")
    @CsvSource({
        "12.34, 2",
        "9999999999999.99, 2",
        "-0.000000000000001, 15",
        "0, 30",
        "1.2E+3, 0",
    })
    void aDecimalWrittenAsADoubleIsReadWhenItIsCertainlyExact(String json, int scale)
            throws Exception {
        String field = "{\"type\":\"double\",\"tidb_type\":\"decimal\",\"field\":\"c\"}";
        assertThat(decode(field, json, DeclaredType.decimal(scale), ZoneOffset.UTC))
                .isEqualTo(json);
        // Without tidb_type a double may be a DECIMAL: a DECIMAL column gets the same check.
        assertThat(decode(null, json, DeclaredType.decimal(scale), ZoneOffset.UTC)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} as DECIMAL(p, {1})")
    @CsvSource({
        "99999999999999.99, 2",
        "1.2345678901234568e+17, 0",
        "123456.5, 10",
    })
    void aDecimalTheDoubleMayHaveRoundedIsRefused(String json, int scale) {
        String field = "{\"type\":\"double\",\"tidb_type\":\"decimal\",\"field\":\"c\"}";
        assertThatThrownBy(() -> decode(field, json, DeclaredType.decimal(scale), ZoneOffset.UTC))
                .hasMessageContaining("column 'c' (debezium type 'decimal')")
                .hasMessageContaining("keeps 15 significant digits")
                .hasMessageContaining("canal-json, open-protocol or simple");
    }

    @Test
    void aTiDbDecimalReadIntoAnotherTypeIsRefused() throws Exception {
        String field = "{\"type\":\"double\",\"tidb_type\":\"decimal\",\"field\":\"c\"}";
        assertThatThrownBy(() -> decode(field, "1.5", DOUBLE, ZoneOffset.UTC))
                .hasMessageContaining("read it only into a DECIMAL(p, s)");
        assertThatThrownBy(() -> decode(field, "1.5", TEXT, ZoneOffset.UTC))
                .hasMessageContaining("read it only into a DECIMAL(p, s)");
        String plainDouble = "{\"type\":\"double\",\"tidb_type\":\"double\",\"field\":\"c\"}";
        assertThat(decode(plainDouble, "1.5E300", DOUBLE, ZoneOffset.UTC)).isEqualTo("1.5E300");
    }

    @Test
    void aNegativeValueOfAnUnsignedColumnIsTiCdcsWrapAndRefused() throws Exception {
        String field = "{\"type\":\"int64\",\"tidb_type\":\"bigint unsigned\",\"field\":\"c\"}";
        assertThat(decode(field, "9223372036854775807", INTEGER, ZoneOffset.UTC))
                .isEqualTo("9223372036854775807");
        assertThatThrownBy(() -> decode(field, "-1", DeclaredType.decimal(0), ZoneOffset.UTC))
                .hasMessageContaining("column 'c' (debezium type 'bigint unsigned'): value -1")
                .hasMessageContaining("wrapped to a negative number");
    }

    @Test
    void aValueOfTheWrongJsonKindIsRefusedNamingTheColumn() {
        String date = "{\"type\":\"int32\",\"name\":\"io.debezium.time.Date\",\"field\":\"c\"}";
        assertThatThrownBy(() -> decode(date, "\"2023-11-30\"", DATE, ZoneOffset.UTC))
                .hasMessageContaining(
                        "column 'c' (debezium type 'io.debezium.time.Date'): value"
                                + " '2023-11-30' holds a string; expected a DATE as days since 1970-01-01");
        assertThatThrownBy(() -> decode(date, "99999999", DATE, ZoneOffset.UTC))
                .hasMessageContaining("outside TiDB's years 0000 to 9999");
        String ts =
                "{\"type\":\"string\",\"name\":\"io.debezium.time.ZonedTimestamp\",\"field\":\"c\"}";
        assertThatThrownBy(() -> decode(ts, "\"yesterday\"", TIMESTAMP, ZoneOffset.UTC))
                .hasMessageContaining("is not an ISO-8601 instant");
        assertThatThrownBy(() -> decode(null, "{\"x\":1}", TEXT, ZoneOffset.UTC))
                .hasMessageContaining("column 'c'")
                .hasMessageContaining("holds an object");
        String bits = "{\"type\":\"bytes\",\"name\":\"io.debezium.data.Bits\",\"field\":\"c\"}";
        assertThatThrownBy(() -> decode(bits, "\"AAAAAAAAAAAA\"", INTEGER, ZoneOffset.UTC))
                .hasMessageContaining("holds 9 bytes; a BIT has at most 64 bits");
    }

    /** Found by review: values at the edge of Java's range refused as bad values, not crashes. */
    @Test
    void valuesBeyondAnyDateOrDecimalAreRefusedAsBadValues() {
        String ts =
                "{\"type\":\"string\",\"name\":\"io.debezium.time.ZonedTimestamp\",\"field\":\"c\"}";
        assertThatThrownBy(
                        () ->
                                decode(
                                        ts,
                                        "\"+999999999-12-31T23:59:59-18:00\"",
                                        TIMESTAMP,
                                        ZoneOffset.UTC))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("outside the dates of the reader's zone");
        String decimal = "{\"type\":\"double\",\"tidb_type\":\"decimal\",\"field\":\"c\"}";
        assertThatThrownBy(
                        () ->
                                decode(
                                        decimal,
                                        "1e2147483648",
                                        DeclaredType.decimal(2),
                                        ZoneOffset.UTC))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("out of the range of any DECIMAL");
        assertThatThrownBy(
                        () ->
                                decode(
                                        decimal,
                                        "1e2147483647",
                                        DeclaredType.decimal(2),
                                        ZoneOffset.UTC))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("keeps 15 significant digits");
    }

    // ---------------------------------------------------------------- helpers

    /** The text the reader gives column {@code c} of an insert. */
    private static String decode(String field, String value, DeclaredType declared, ZoneId zone)
            throws Exception {
        RecordingRowListener listener = read(field, value, declared, zone);
        return listener.newImage.containsKey("c")
                ? rawText(listener, listener.newImage.get("c"))
                : null;
    }

    private static ColumnType type(String field) throws Exception {
        return read(field, "null", null, ZoneOffset.UTC).types.get("c");
    }

    private static RecordingRowListener read(
            String field, String value, DeclaredType declared, ZoneId zone) throws Exception {
        String schema =
                field == null
                        ? ""
                        : ",\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\","
                                + "\"field\":\"after\",\"fields\":["
                                + field
                                + "]}]}";
        String message =
                "{\"payload\":{\"before\":null,\"after\":{\"c\":"
                        + value
                        + "},\"op\":\"c\",\"source\":{\"db\":\"d\",\"table\":\"t\","
                        + "\"commit_ts\":42}}"
                        + schema
                        + "}";
        DebeziumRecordReader reader = new DebeziumRecordReader(Compression.NONE, zone);
        reader.reset(null, message.getBytes(StandardCharsets.UTF_8));
        RecordingRowListener listener = new RecordingRowListener();
        if (declared != null) {
            listener.declared("c", declared);
        }
        assertThat(reader.next(listener)).isEqualTo(EventType.ROW_CHANGE);
        return listener;
    }

    /** The listener shows binary values as hex: give the text back as one char per byte. */
    private static String rawText(RecordingRowListener listener, String shown) {
        if (shown == null
                || !shown.startsWith("hex:")
                || listener.types.get("c").kind() != ColumnType.Kind.BINARY) {
            return shown;
        }
        String hex = shown.substring(4);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            text.append((char) Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        return text.toString();
    }
}
