package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.testutil.FramedRecord;
import io.github.flinkticdc.format.testutil.RecordingRowListener;

import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;

import static io.github.flinkticdc.format.testutil.FramedRecord.concat;
import static io.github.flinkticdc.format.testutil.FramedRecord.entry;
import static io.github.flinkticdc.format.testutil.FramedRecord.keys;
import static io.github.flinkticdc.format.testutil.FramedRecord.utf8;
import static io.github.flinkticdc.format.testutil.FramedRecord.values;
import static io.github.flinkticdc.format.testutil.FramedRecord.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Broken records give a {@link MalformedMessageException} that says which event and what was wrong,
 * before anything is allocated from a length the record cannot back.
 */
class OpenProtocolBadInputTest {

    private static final String ROW_KEY = "{\"ts\":5,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1}";
    private static final String ROW_VALUE = "{\"u\":{\"a\":{\"t\":3,\"f\":11,\"v\":1}}}";
    private static final String RESOLVED_KEY = "{\"ts\":7,\"t\":3}";

    private final OpenProtocolRecordReader reader = new OpenProtocolRecordReader(Compression.NONE);

    // ---------------------------------------------------------------- framing

    @Test
    void refusesAnotherVersion() {
        byte[] key = concat(word(2), entry(utf8(RESOLVED_KEY)));

        assertThatThrownBy(() -> reader.reset(key, values((String) null)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("batch version 2")
                .hasMessageContaining("only version 1");
    }

    @Test
    void refusesAJsonKeyAsAVersion() {
        assertThatThrownBy(() -> reader.reset(utf8("{\"ts\":1,\"t\":3}"), new byte[0]))
                .hasMessageContaining("batch version 8872782253717598508")
                .hasMessageContaining("(bytes 7b 22 74 73 22 3a 31 2c)")
                .hasMessageContaining("protocol=open-protocol");
    }

    @Test
    void refusesAKeyShorterThanTheVersion() {
        assertThatThrownBy(() -> reader.reset(new byte[] {0, 0, 0, 1}, new byte[0]))
                .hasMessage("the record key has 4 bytes, fewer than its 8-byte batch version");
    }

    @Test
    void refusesARecordWithoutKey() {
        assertThatThrownBy(() -> reader.reset(null, values(ROW_VALUE)))
                .hasMessageStartingWith("the record has no key");
    }

    @Test
    void refusesAKeyLengthCutShort() {
        byte[] key = concat(keys(RESOLVED_KEY), new byte[] {0, 0, 0});

        assertThatThrownBy(() -> reader.reset(key, values(null, null)))
                .hasMessage("event 1: the record key ends 3 bytes into the 8-byte key length");
    }

    @Test
    void refusesAValueLengthCutShort() {
        byte[] value = concat(values((String) null), new byte[] {0, 0, 0, 0, 0});

        assertThatThrownBy(() -> reader.reset(keys(RESOLVED_KEY, RESOLVED_KEY), value))
                .hasMessage("event 1: the record value ends 5 bytes into the 8-byte value length");
    }

    @Test
    void refusesTheLargestSignedLength() {
        byte[] key = concat(keys(RESOLVED_KEY, RESOLVED_KEY), word(Long.MAX_VALUE), new byte[17]);

        assertThatThrownBy(() -> reader.reset(key, values(null, null, null)))
                .hasMessage(
                        "event 2: key length 9223372036854775807 exceeds the 17 bytes left in"
                                + " the record key");
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                -1L, // 2^64 - 1 unsigned
                Long.MIN_VALUE, // 2^63
                1L << 32, // wraps to 0 as an int
                (1L << 32) + 14, // wraps to the real length as an int
                Integer.MAX_VALUE + 1L, // negative as an int
                Integer.MAX_VALUE,
                15 // one more than there is
            })
    void refusesAKeyLengthLargerThanTheRecord(long length) {
        byte[] key = concat(word(1), word(length), utf8(RESOLVED_KEY));

        assertThatThrownBy(() -> reader.reset(key, values((String) null)))
                .hasMessage(
                        "event 0: key length "
                                + Long.toUnsignedString(length)
                                + " exceeds the 14 bytes left in the record key");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, Long.MAX_VALUE, 1L << 32, (1L << 32) + 1, 2})
    void refusesAValueLengthLargerThanTheRecord(long length) {
        byte[] value = concat(word(length), new byte[] {'{'});

        assertThatThrownBy(() -> reader.reset(keys(ROW_KEY), value))
                .hasMessage(
                        "event 0: value length "
                                + Long.toUnsignedString(length)
                                + " exceeds the 1 bytes left in the record value");
    }

    @Test
    void refusesMoreKeysThanValues() {
        assertThatThrownBy(() -> reader.reset(keys(ROW_KEY, ROW_KEY), values(ROW_VALUE)))
                .hasMessageStartingWith(
                        "event 1: the record value ends after 1 event values, but the record key"
                                + " holds more event keys")
                .hasMessageContaining("key/value count mismatch");
    }

    @Test
    void refusesMoreValuesThanKeys() {
        assertThatThrownBy(() -> reader.reset(keys(ROW_KEY), values(ROW_VALUE, ROW_VALUE)))
                .hasMessageStartingWith(
                        "the record value has 40 bytes left after the 1 event values that match"
                                + " the 1 event keys")
                .hasMessageContaining("key/value count mismatch");
    }

    @Test
    void refusesValuesForAnEmptyBatch() {
        assertThatThrownBy(() -> reader.reset(keys(), values((String) null)))
                .hasMessageContaining("8 bytes left after the 0 event values");
    }

    @Test
    void refusesTheWholeRecordBeforeHandingOutAnEvent() throws Exception {
        byte[] key = concat(keys(ROW_KEY), word(99));

        assertThatThrownBy(() -> reader.reset(key, values(ROW_VALUE, ROW_VALUE)))
                .hasMessageStartingWith("event 1: key length 99");
        assertThat(reader.nextEvent()).isFalse();
    }

    // ---------------------------------------------------------------- key JSON

    @Test
    void refusesAKeyThatIsNotJson() throws Exception {
        reader.reset(keys(RESOLVED_KEY, "{\"ts\":1,"), values(null, null));

        assertThat(reader.nextEvent()).isTrue();
        assertThatThrownBy(reader::nextEvent)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("event 1: key: not valid JSON at byte ");
    }

    @Test
    void refusesAKeyThatIsNotAnObject() throws Exception {
        reader.reset(keys("[1]"), values((String) null));

        assertThatThrownBy(reader::nextEvent)
                .hasMessage("event 0: key: an event key must be a JSON object, found an array");
    }

    @Test
    void refusesTwoDocumentsInOneKey() throws Exception {
        reader.reset(keys(RESOLVED_KEY + RESOLVED_KEY), values((String) null));

        assertThatThrownBy(reader::nextEvent)
                .hasMessage("event 0: key: found an object after the end of the event key");
    }

    @Test
    void refusesAnUnknownEventType() throws Exception {
        reader.reset(keys("{\"ts\":1,\"t\":4}"), values((String) null));

        assertThatThrownBy(reader::nextEvent)
                .hasMessage(
                        "event 0: key: unknown event type 't': 4 (expected 1 = row, 2 = DDL or 3"
                                + " = resolved)");
    }

    @Test
    void refusesAKeyWithoutTypeOrTs() throws Exception {
        reader.reset(keys("{\"ts\":1}", "{\"t\":3}"), values(null, null));

        assertThatThrownBy(reader::nextEvent)
                .hasMessage("event 0: key: the event key has no event type 't'");
        assertThatThrownBy(reader::nextEvent).hasMessage("event 1: key: the event key has no 'ts'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"ts\":-1,\"t\":3}|field 'ts' is -1, not a TiDB TSO (TSOs are unsigned)",
                "{\"ts\":18446744073709551615,\"t\":3}|field 'ts' is out of the range of a 64-bit"
                        + " integer: 18446744073709551615",
                "{\"ts\":1.5,\"t\":3}|field 'ts' must be an integer, found a number",
                "{\"ts\":\"1\",\"t\":3}|field 'ts' must be an integer, found a string",
                "{\"ts\":1,\"t\":1,\"scm\":5}|field 'scm' must be a string or null, found a number",
                "{\"ts\":1,\"t\":1,\"ohk\":1}|field 'ohk' must be a boolean, found a number"
            })
    void refusesKeyFieldsOfTheWrongType(String keyAndMessage) throws Exception {
        String[] parts = keyAndMessage.split("\\|");
        reader.reset(keys(parts[0]), values((String) null));

        assertThatThrownBy(reader::nextEvent).hasMessage("event 0: key: " + parts[1]);
    }

    // ---------------------------------------------------------------- value JSON

    @Test
    void refusesARowValueThatIsNotJsonNamingTheEvent() throws Exception {
        reader.reset(
                keys(ROW_KEY, ROW_KEY, ROW_KEY), values(ROW_VALUE, ROW_VALUE, "{\"u\":{\"a\":"));

        for (int i = 0; i < 2; i++) {
            reader.nextEvent();
            reader.readRow(new RecordingRowListener());
        }
        reader.nextEvent();
        assertThatThrownBy(() -> reader.readRow(new RecordingRowListener()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("event 2 (ROW ts=5 s.t): value: not valid JSON at byte ");
    }

    @Test
    void refusesADdlValueThatIsNotJson() throws Exception {
        reader.reset(keys("{\"ts\":5,\"scm\":\"s\",\"t\":2}"), values("create table x"));
        reader.nextEvent();

        assertThatThrownBy(reader::readDdl)
                .hasMessageStartingWith("event 0 (DDL ts=5 s.): value: not valid JSON at byte ");
    }

    @Test
    void refusesADdlValueWithoutQueryOrAction() throws Exception {
        reader.reset(
                keys("{\"ts\":5,\"t\":2}", "{\"ts\":6,\"t\":2}"),
                values("{\"t\":3}", "{\"q\":\"drop table x\"}"));

        reader.nextEvent();
        assertThatThrownBy(reader::readDdl)
                .hasMessage("event 0 (DDL ts=5): value: a DDL event value has no query 'q'");
        reader.nextEvent();
        assertThatThrownBy(reader::readDdl)
                .hasMessage("event 1 (DDL ts=6): value: a DDL event value has no action type 't'");
    }

    @Test
    void refusesARowEventWithAnEmptyValue() throws Exception {
        reader.reset(keys(ROW_KEY), values((String) null));
        reader.nextEvent();

        assertThatThrownBy(() -> reader.readRow(new RecordingRowListener()))
                .hasMessage(
                        "event 0 (ROW ts=5 s.t): value: the ROW event has an empty value; only"
                                + " resolved events have none");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}|a row event value has none of 'u', 'p' and 'd'",
                "{\"p\":{}}|a row event value has an old image 'p' but no new image 'u'",
                "{\"u\":{},\"d\":{}}|a row event value has 'd' together with 'u'; a DELETE holds"
                        + " only 'd'",
                "{\"u\":[]}|field 'u' must be an object of columns, found an array",
                "{\"u\":{\"a\":1}}|column 'a' in 'u': expected an object {\"t\",\"f\",\"v\"},"
                        + " found a number",
                "{\"u\":{\"a\":{\"f\":1,\"v\":1}}}|column 'a' in 'u': no type code 't'",
                "{\"u\":{\"a\":{\"t\":\"3\",\"v\":1}}}|column 'a' in 'u': field 't' must be an"
                        + " integer, found a string",
                "{\"u\":{\"a\":{\"t\":3,\"v\":[1]}}}|column 'a' in 'u': field 'v' must be a"
                        + " string, a number or null, found an array",
                "{\"d\":{\"a\":{\"t\":42,\"v\":1}}}|column 'a' in 'd': unknown type code 42 (not a"
                        + " TiDB column type of the Open Protocol)",
                "{\"u\":{\"a\":{\"t\":255,\"v\":\"AAAA\"}}}|column 'a' in 'u': type code 255"
                        + " (GEOMETRY) is not supported by TiCDC's Open Protocol",
                "{\"u\":{\"a\":{\"t\":0,\"v\":\"1.5\"}}}|column 'a' in 'u': unknown type code 0",
                "{\"u\":{\"a\":{\"t\":15,\"f\":65,\"v\":\"\\\\q\"}}}|column 'a' in 'u': unknown"
                        + " escape '\\q' at index 0",
                "{\"u\":{\"a\":{\"t\":254,\"f\":65,\"v\":\"ab\\\\x4\"}}}|column 'a' in 'u': escape"
                        + " at index 2 needs 2 hex digits, the string ends first",
                "{\"u\":{\"a\":{\"t\":253,\"f\":65,\"v\":\"\\\\xZZ\"}}}|column 'a' in 'u': escape at"
                        + " index 0 has 'Z' where a hex digit belongs",
                "{\"u\":{\"a\":{\"t\":15,\"f\":65,\"v\":\"\\\\uD800\"}}}|column 'a' in 'u': escape"
                        + " '\\uD800' at index 0 is not a Unicode code point",
                "{\"u\":{\"a\":{\"t\":15,\"f\":65,\"v\":\"\\\\U00110000\"}}}|column 'a' in 'u':"
                        + " escape '\\U00110000' at index 0 is not a Unicode code point",
                "{\"u\":{\"a\":{\"t\":15,\"f\":65,\"v\":\"x\\\\\"}}}|column 'a' in 'u': a lone '\\'"
                        + " ends the Go-quoted string",
                "{\"u\":{\"a\":{\"t\":15,\"f\":65,\"v\":12}}}|column 'a' in 'u': 'v' holds a"
                        + " number; a varbinary (open protocol type 15, binary) value is written as"
                        + " a string",
                "{\"u\":{\"a\":{\"t\":252,\"f\":65,\"v\":\"not base64!\"}}}|column 'a' in 'u': 'v'"
                        + " is not valid base64: ",
                "{\"u\":{\"a\":{\"t\":249,\"f\":64,\"v\":\"QUJD=\"}}}|column 'a' in 'u': 'v' is"
                        + " not valid base64: "
            })
    void refusesABrokenRowValueNamingTheColumn(String valueAndMessage) throws Exception {
        String[] parts = valueAndMessage.split("\\|");
        reader.reset(keys(ROW_KEY), values(parts[0]));
        reader.nextEvent();

        assertThatThrownBy(() -> reader.readRow(new RecordingRowListener()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("event 0 (ROW ts=5 s.t): value: " + parts[1]);
    }

    // ---------------------------------------------------------------- compression

    @Test
    void saysAnUnexpectedlyCompressedValueLooksLikeLz4() throws Exception {
        ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(lz4)) {
            out.write(utf8(ROW_VALUE));
        }
        reader.reset(keys(ROW_KEY), FramedRecord.valueBytes(lz4.toByteArray()));
        reader.nextEvent();

        assertThatThrownBy(() -> reader.readRow(new RecordingRowListener()))
                .hasMessageContaining("value: not valid JSON")
                .hasMessageContaining("it starts like an LZ4 frame");
    }

    @Test
    void saysAPlainValueIsNotCompressedAsConfigured() throws Exception {
        OpenProtocolRecordReader lz4Reader = new OpenProtocolRecordReader(Compression.LZ4);
        lz4Reader.reset(keys(ROW_KEY), values(ROW_VALUE));
        lz4Reader.nextEvent();

        assertThatThrownBy(() -> lz4Reader.readRow(new RecordingRowListener()))
                .hasMessageStartingWith("event 0 (ROW ts=5 s.t): value: not an LZ4 frame");
    }

    // ---------------------------------------------------------------- misuse

    @Test
    void refusesToReadAValueOfAnotherKind() throws Exception {
        reader.reset(keys(RESOLVED_KEY), values((String) null));

        assertThatThrownBy(reader::key).isInstanceOf(IllegalStateException.class);
        reader.nextEvent();
        assertThatThrownBy(reader::readDdl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event 0 is a RESOLVED event, not DDL");
    }
}
