package io.github.flinkticdc.format.open;

import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.FailingCollector;
import io.github.flinkticdc.format.testutil.FramedRecord;
import io.github.flinkticdc.format.testutil.OpenProtocolRecord;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.github.flinkticdc.format.testutil.OpenProtocolRecord.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile and broken Open Protocol records: a broken framing refuses the record, a broken event
 * that event, each with an excerpt of the part that is wrong; with {@code ignore-parse-errors} the
 * rest of the record is still read.
 */
class TiCdcOpenProtocolHostileInputTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("a", DataTypes.INT()),
                                    DataTypes.FIELD("b", DataTypes.STRING()),
                                    DataTypes.FIELD("d", DataTypes.DOUBLE()),
                                    DataTypes.FIELD("m", DataTypes.DECIMAL(10, 2)))
                            .getLogicalType();

    private static final String KEY = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1}";
    private static final String VALUE =
            "{\"u\":{\"a\":{\"t\":3,\"f\":11,\"v\":1},\"b\":{\"t\":15,\"f\":64,\"v\":\"x\"}}}";

    @Test
    void aBrokenKeyIsQuotedNotTheValue() {
        String brokenKey = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1,";
        assertThatThrownBy(() -> decode(FramedRecord.keys(brokenKey), FramedRecord.values(VALUE)))
                .hasMessageContaining("event 0: key: not valid JSON at byte")
                .hasMessageEndingWith("Message: " + brokenKey);
    }

    @Test
    void aBrokenValueIsQuotedAsTextNotTheKeyInHex() {
        String brokenValue = "{\"u\":{\"a\":{\"t\":3,\"f\":11,\"v\":1}";
        assertThatThrownBy(() -> decode(FramedRecord.keys(KEY), FramedRecord.values(brokenValue)))
                .hasMessageContaining("event 0 (ROW ts=5 s.t): value: not valid JSON at byte")
                .hasMessageEndingWith("Message: " + brokenValue);
    }

    @Test
    void aBrokenFramingQuotesBothHalvesInHex() {
        byte[] key = FramedRecord.concat(FramedRecord.word(1), FramedRecord.word(1L << 40));
        assertThatThrownBy(() -> decode(key, FramedRecord.values(VALUE)))
                .hasMessageContaining("key length 1099511627776 exceeds the 0 bytes left")
                .hasMessageContaining("Message: record key hex 0000000000000001000001")
                .hasMessageContaining(", record value hex 00000000000000");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "u twice|{\"u\":{\"a\":{\"t\":3,\"v\":1}},\"u\":{\"b\":{\"t\":15,\"v\":\"y\"}}}"
                        + "|field 'u' appears twice",
                "p twice|{\"u\":{\"a\":{\"t\":3,\"v\":1}},\"p\":{},\"p\":{}}"
                        + "|field 'p' appears twice",
                "v twice|{\"u\":{\"a\":{\"t\":3,\"v\":1,\"v\":2}}}|field 'v' appears twice",
                "t twice|{\"u\":{\"a\":{\"t\":3,\"t\":15,\"v\":1}}}|field 't' appears twice",
                "column twice|{\"u\":{\"a\":{\"t\":3,\"v\":1},\"a\":{\"t\":3,\"v\":2}}}"
                        + "|column 'a' appears twice in one row image",
                "double beyond range|{\"u\":{\"d\":{\"t\":5,\"f\":65,\"v\":1e400}}}"
                        + "|value '1e400' out of the range of DOUBLE",
                "decimal huge exponent|{\"u\":{\"m\":{\"t\":246,\"f\":65,\"v\":\"1e999999999\"}}}"
                        + "|does not fit DECIMAL(10, 2)",
                "non-ASCII digits|{\"u\":{\"m\":{\"t\":246,\"f\":65,\"v\":\"１.５\"}}}"
                        + "|not a decimal number",
            })
    void aBrokenEventIsRefusedWithItsReason(String what, String value, String reason)
            throws Exception {
        byte[] key = FramedRecord.keys(KEY);
        byte[] values = FramedRecord.values(value);
        assertThatThrownBy(() -> decode(key, values))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Failed to decode a TiCDC open-protocol message: event 0")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REDACTED"));
    }

    /**
     * A column whose object starts as in the event before is passed over to its value; what comes
     * after the value is still read and checked, and a column whose type changed is read anew.
     */
    @Test
    void aColumnStartingAsBeforeIsCheckedAfterItsValue() throws Exception {
        String again = "{\"u\":{\"a\":{\"t\":3,\"f\":11,\"v\":2,\"t\":3}}}";
        assertThatThrownBy(
                        () ->
                                decode(
                                        FramedRecord.keys(KEY, KEY),
                                        FramedRecord.values(VALUE, again)))
                .hasMessageContaining("event 1")
                .hasMessageContaining("field 't' appears twice");
        // "a" turns from INT (3) to VARCHAR (15) and "b" from VARCHAR to DOUBLE (5).
        String retyped =
                "{\"u\":{\"a\":{\"t\":15,\"f\":11,\"v\":\"7\"},\"b\":{\"t\":5,\"f\":64,\"v\":2.5}}}";
        List<RowData> rows =
                decode(FramedRecord.keys(KEY, KEY), FramedRecord.values(VALUE, retyped));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getInt(0)).isEqualTo(1);
        assertThat(rows.get(0).getString(1).toString()).isEqualTo("x");
        assertThat(rows.get(1).getInt(0)).isEqualTo(7);
        assertThat(rows.get(1).getString(1).toString()).isEqualTo("2.5");
    }

    @Test
    void aDdlValueFieldGivenTwiceIsRefused() {
        String ddlKey = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":2}";
        byte[] values =
                FramedRecord.values("{\"q\":\"drop table t\",\"q\":\"create table t\",\"t\":4}");
        assertThatThrownBy(() -> decode(FramedRecord.keys(ddlKey), values))
                .hasMessageContaining("field 'q' appears twice");
    }

    @Test
    void inAKeyTheLastOfARepeatedFieldWinsAsTiCdcWritesOhkTwice() throws Exception {
        String key = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1,\"ohk\":true,\"ohk\":false}";
        assertThat(decode(FramedRecord.keys(key), FramedRecord.values(VALUE))).hasSize(1);
    }

    @Test
    void invalidUtf8InAnEventIsRefused() {
        byte[] value = VALUE.getBytes(StandardCharsets.UTF_8);
        value[VALUE.indexOf("\"x\"") + 1] = (byte) 0xFF;
        assertThatThrownBy(() -> decode(FramedRecord.keys(KEY), FramedRecord.valueBytes(value)))
                .hasMessageContaining("value: not valid JSON: byte ")
                .hasMessageContaining("(bytes ff) is not valid UTF-8");
    }

    @Test
    void withIgnoreParseErrorsABadEventIsSkippedAndTheOthersRead() throws Exception {
        DecoderHarness<OpenProtocolRecord> skipping = harness(true, Compression.NONE);
        byte[] key = FramedRecord.keys(KEY, KEY, KEY);
        byte[] values = FramedRecord.values(VALUE, "{\"u\":{\"d\":{\"t\":5,\"v\":1e400}}}", VALUE);
        assertThat(skipping.decode(record(key, values))).hasSize(2);
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    @Test
    void aSnappyLengthBeyondWhatSnappyCanEncodeIsRefusedUnallocated() throws Exception {
        // A varint of 200,000,000 and nothing else: no 5-byte block decompresses to that.
        byte[] block = {(byte) 0x80, (byte) 0x84, (byte) 0xAF, (byte) 0x5F, 0};
        DecoderHarness<OpenProtocolRecord> snappy = harness(false, Compression.SNAPPY);
        assertThatThrownBy(
                        () ->
                                snappy.decode(
                                        record(
                                                FramedRecord.keys(KEY),
                                                FramedRecord.valueBytes(block))))
                .hasMessageContaining(
                        "corrupt Snappy block: it declares 200000000 decompressed bytes in 5"
                                + " compressed bytes");
    }

    @Test
    void whatTheCollectorThrowsIsNotTakenForABadEvent() {
        TiCdcOpenProtocolDeserializer deserializer =
                TiCdcOpenProtocolDeserializer.builder(ROW).setIgnoreParseErrors(true).build();
        deserializer.open(new TestDecoderContext());
        IllegalStateException downstream = new IllegalStateException("downstream failed");
        Collector<RowData> failing = new FailingCollector(downstream);
        assertThatThrownBy(
                        () ->
                                deserializer.deserialize(
                                        FramedRecord.keys(KEY),
                                        FramedRecord.values(VALUE),
                                        failing))
                .isSameAs(downstream);
    }

    private static List<RowData> decode(byte[] key, byte[] value) throws Exception {
        return harness(false, Compression.NONE).decode(record(key, value));
    }

    private static DecoderHarness<OpenProtocolRecord> harness(
            boolean ignoreParseErrors, Compression compression) throws Exception {
        return OpenProtocolRecord.harness(
                TiCdcOpenProtocolDeserializer.builder(ROW)
                        .setIgnoreParseErrors(ignoreParseErrors)
                        .setCompression(compression)
                        .build());
    }
}
