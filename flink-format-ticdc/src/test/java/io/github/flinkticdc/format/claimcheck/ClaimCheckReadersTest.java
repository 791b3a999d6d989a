package io.github.flinkticdc.format.claimcheck;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.format.protocol.ClaimCheckStorageException;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.simple.TiCdcSimpleDeserializationSchema;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.ClaimCheckStorage;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.PayloadCompressor;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static io.github.flinkticdc.format.testutil.FramedRecord.keys;
import static io.github.flinkticdc.format.testutil.FramedRecord.valueBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each protocol reader decodes a claim-check message as the full event stored in its object (spec
 * §2.9, §3.8, §4.1), with objects on the local file system written as TiCDC writes them: both
 * shapes ({@code claim-check-raw-value}), compressed or not, through each format's decoder.
 */
class ClaimCheckReadersTest {

    private static final RowType TP_INT =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("c_int", DataTypes.INT()),
                                    DataTypes.FIELD("c_bigint", DataTypes.BIGINT()))
                            .getLogicalType();

    private static final RowType AB =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("a", DataTypes.INT()),
                                    DataTypes.FIELD("b", DataTypes.BIGINT()))
                            .getLogicalType();

    /** The docs sample's placeholder location, replaced by a real one. */
    private static final String SAMPLE_LOCATION = "s3:/claim-check-bucket/${uuid}.json";

    private static final String SIMPLE_INSERT =
            "{'version':1,'database':'shop','table':'t','tableID':7,'type':'INSERT',"
                    + "'commitTs':447984084414103554,'buildTs':1708923662983,"
                    + "'schemaVersion':100,'data':{'a':'1','b':'123'}}";

    @TempDir Path storageDir;

    @ParameterizedTest(name = "{0}, raw value {1}")
    @CsvSource({"NONE,false", "LZ4,false", "SNAPPY,false", "NONE,true", "LZ4,true", "SNAPPY,true"})
    void canalJsonReadsTheFullMessageInThePlaceOfItsClaimCheck(
            Compression compression, boolean rawValue) throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, rawValue);
        String location =
                storage.storeValue(
                        TiCdcSampleFiles.bytes("canal-json/15-docs-insert-tp-int.json"),
                        payload(compression));
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(TP_INT)
                                .setCompression(compression)
                                .setClaimCheckAllowedLocations(List.of(storage.uri()))
                                .setClaimCheckRawValue(rawValue)
                                .build());

        List<RowData> rows = decoder.decode(compressed(compression, canalClaimCheck(location)));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getInt(0)).isEqualTo(2);
        assertThat(rows.get(0).getInt(1)).isEqualTo(2147483647);
        assertThat(rows.get(0).getLong(2)).isEqualTo(9223372036854775807L);
    }

    @ParameterizedTest(name = "{0}, raw value {1}")
    @CsvSource({"NONE,false", "LZ4,false", "SNAPPY,true"})
    void simpleReadsTheFullMessageInThePlaceOfItsClaimCheck(
            Compression compression, boolean rawValue) throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, rawValue);
        String location = storage.storeValue(json(SIMPLE_INSERT), payload(compression));
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcSimpleDeserializationSchema.builder(AB)
                                .setCompression(compression)
                                .setClaimCheckAllowedLocations(List.of(storage.uri()))
                                .setClaimCheckRawValue(rawValue)
                                .build());

        List<RowData> rows =
                decoder.decode(compressed(compression, json(simpleClaimCheck(location))));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getInt(0)).isEqualTo(1);
        assertThat(rows.get(0).getLong(1)).isEqualTo(123L);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void openProtocolReadsTheOneEventRecordOfItsObjectInItsPlace(Compression compression)
            throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, false);
        String location =
                storage.storeOpenProtocolEvent(
                        json("{'ts':1,'scm':'test','tbl':'t','t':1}"),
                        json(
                                "{'u':{'a':{'t':1,'h':true,'f':11,'v':1},'b':{'t':3,'f':65,'v':123}}}"),
                        payload(compression));
        DecoderHarness<byte[][]> decoder = openProtocolDecoder(compression, storage.uri());

        // The claim-check event between two ordinary ones keeps its place.
        List<RowData> rows =
                decoder.decode(
                        new byte[][] {
                            keys(
                                    "{\"ts\":1,\"scm\":\"test\",\"tbl\":\"t\",\"t\":1}",
                                    "{\"ts\":1,\"scm\":\"test\",\"tbl\":\"t\",\"t\":1,"
                                            + "\"ohk\":true,\"ccl\":\""
                                            + location
                                            + "\",\"ohk\":false}",
                                    "{\"ts\":1,\"scm\":\"test\",\"tbl\":\"t\",\"t\":1}"),
                            valueBytes(
                                    compressed(compression, json(openRow(0, 10))),
                                    compressed(
                                            compression,
                                            json("{'u':{'a':{'t':1,'h':true,'f':11,'v':1}}}")),
                                    compressed(compression, json(openRow(2, 30))))
                        });

        assertThat(rows).extracting(r -> r.getInt(0)).containsExactly(0, 1, 2);
        assertThat(rows).extracting(r -> r.getLong(1)).containsExactly(10L, 123L, 30L);
    }

    /** TiCDC stores one event per Open Protocol object: any other count is a bad message. */
    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void openProtocolRefusesAnObjectThatHoldsOtherThanOneEvent(int events) throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, false);
        String key = "{\"ts\":1,\"scm\":\"test\",\"tbl\":\"t\",\"t\":1}";
        byte[] value = json("{'u':{'a':{'t':1,'h':true,'f':11,'v':1},'b':{'t':3,'f':65,'v':123}}}");
        String location =
                storage.storeOpenProtocolEvents(
                        Collections.nCopies(events, key.getBytes(StandardCharsets.UTF_8)),
                        Collections.nCopies(events, value),
                        PayloadCompression.NONE);
        DecoderHarness<byte[][]> decoder = openProtocolDecoder(Compression.NONE, storage.uri());

        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        new byte[][] {
                                            keys(
                                                    "{\"ts\":1,\"scm\":\"test\",\"tbl\":\"t\","
                                                            + "\"t\":1,\"ccl\":\""
                                                            + location
                                                            + "\"}"),
                                            valueBytes(
                                                    json(
                                                            "{'u':{'a':{'t':1,'h':true,'f':11,'v':1}}}"))
                                        }))
                .hasMessageContaining(
                        events == 0
                                ? "the claim-check object holds no event"
                                : "the claim-check object holds more than one event");
    }

    /**
     * An object that holds more bytes than its length said when it was checked (it grew, or is a
     * device such as /dev/zero, whose length is 0) is refused after its length, never read on.
     */
    @Test
    void anObjectLongerThanItsLengthIsRefused() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcSimpleDeserializationSchema.builder(AB)
                                .setClaimCheckAllowedLocations(List.of("file:///dev"))
                                .build());

        assertThatThrownBy(() -> decoder.decode(json(simpleClaimCheck("file:///dev/zero"))))
                .hasMessageContaining(
                        "the claim-check object 'file:///dev/zero' holds more than the 0 bytes its"
                                + " length said");
    }

    @Test
    void anObjectOfAnotherEventIsRefused() throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, false);
        String otherCommit =
                storage.storeValue(
                        json(SIMPLE_INSERT.replace("447984084414103554", "447984084414103555")),
                        PayloadCompression.NONE);
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcSimpleDeserializationSchema.builder(AB)
                                .setClaimCheckAllowedLocations(List.of(storage.uri()))
                                .build());

        assertThatThrownBy(() -> decoder.decode(json(simpleClaimCheck(otherCommit))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds INSERT of shop.t at commit TSO 447984084414103555")
                .hasMessageContaining("announced INSERT of shop.t at commit TSO 447984084414103554")
                .hasMessageContaining("does not name this message's event");
    }

    @Test
    void openProtocolRefusesAnObjectOfAnotherTable() throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, false);
        String location =
                storage.storeOpenProtocolEvent(
                        json("{'ts':1,'scm':'test','tbl':'other','t':1}"),
                        json(openRow(1, 1)),
                        PayloadCompression.NONE);
        DecoderHarness<byte[][]> decoder = openProtocolDecoder(Compression.NONE, storage.uri());

        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        new byte[][] {
                                            keys(
                                                    "{\"ts\":1,\"scm\":\"test\",\"tbl\":\"t\","
                                                            + "\"t\":1,\"ccl\":\""
                                                            + location
                                                            + "\"}"),
                                            valueBytes(json("{'u':{'a':{'t':1,'f':11,'v':1}}}"))
                                        }))
                .hasMessageContaining("holds INSERT of test.other at commit TSO 1")
                .hasMessageContaining("announced INSERT of test.t");
    }

    @Test
    void rawValueIsRefusedForTheOpenProtocolAsTiCdcRefusesIt() {
        assertThatThrownBy(
                        () ->
                                TiCdcOpenProtocolDeserializer.builder(AB)
                                        .setClaimCheckRawValue(true)
                                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'claim-check.raw-value' is for canal-json and simple");
    }

    @Test
    void aClaimCheckRowWithoutAllowedLocationsNamesTheOption() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(TiCdcSimpleDeserializationSchema.builder(AB).build());

        assertThatThrownBy(() -> decoder.decode(json(simpleClaimCheck("s3://b/cc/x.json"))))
                .hasMessageContaining("stored it at 's3://b/cc/x.json'")
                .hasMessageContaining("set 'claim-check.allowed-locations'");
    }

    @Test
    void aMissingObjectFailsNamingItOrIsACountedSkip() throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, false);
        String missing = storage.uri() + "/0b8f-missing.json";
        byte[] message = compressed(Compression.NONE, canalClaimCheck(missing));
        DecoderHarness<byte[]> failing =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(TP_INT)
                                .setClaimCheckAllowedLocations(List.of(storage.uri()))
                                .build());
        DecoderHarness<byte[]> skipping =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(TP_INT)
                                .setClaimCheckAllowedLocations(List.of(storage.uri()))
                                .setIgnoreParseErrors(true)
                                .build());

        assertThatThrownBy(() -> failing.decode(message))
                .hasMessageContaining("the claim-check object '" + missing + "' does not exist");
        assertThat(skipping.decode(message)).isEmpty();
        assertThat(skipping.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isEqualTo(1);
    }

    /**
     * A storage that cannot be read (here: a scheme without a Flink file system) is not the
     * message's fault: skipping it would lose a row that exists, so the job fails.
     */
    @Test
    void anUnreadableStorageFailsTheJobEvenWhenParseErrorsAreIgnored() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcSimpleDeserializationSchema.builder(AB)
                                .setClaimCheckAllowedLocations(List.of("nofs://store/cc"))
                                .setIgnoreParseErrors(true)
                                .build());

        assertThatThrownBy(() -> decoder.decode(json(simpleClaimCheck("nofs://store/cc/x.json"))))
                .isInstanceOf(ClaimCheckStorageException.class)
                .hasMessageContaining(
                        "cannot read the claim-check object 'nofs://store/cc/x.json'");
        assertThat(decoder.counter(DecodeMetrics.PARSE_ERRORS_SKIPPED)).isZero();
    }

    @Test
    void anObjectNotInTiCdcsEnvelopeSaysToSetRawValue() throws Exception {
        ClaimCheckStorage storage = new ClaimCheckStorage(storageDir, false);
        String raw = storage.storeObject(json(SIMPLE_INSERT));
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcSimpleDeserializationSchema.builder(AB)
                                .setClaimCheckAllowedLocations(List.of(storage.uri()))
                                .build());

        assertThatThrownBy(() -> decoder.decode(json(simpleClaimCheck(raw))))
                .hasMessageContaining("set 'claim-check.raw-value' = 'true'");
    }

    @Test
    void handleKeyOnlyRowsStillFailSayingHowToSwitchToClaimCheck() throws Exception {
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(TiCdcCanalDeserializationSchema.builder(TP_INT).build());

        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        TiCdcSampleFiles.bytes(
                                                "canal-json/17-docs-large-message-handle-key-only"
                                                        + ".json")))
                .hasMessageContaining("_tidb.onlyHandleKey")
                .hasMessageContaining("large-message-handle-option = claim-check");
    }

    private static DecoderHarness<byte[][]> openProtocolDecoder(
            Compression compression, String allowed) throws Exception {
        TiCdcOpenProtocolDeserializer deserializer =
                TiCdcOpenProtocolDeserializer.builder(AB)
                        .setCompression(compression)
                        .setClaimCheckAllowedLocations(List.of(allowed))
                        .build();
        return new DecoderHarness<>(
                deserializer::open,
                (record, out) -> deserializer.deserialize(record[0], record[1], out));
    }

    private static String openRow(int a, long b) {
        return "{'u':{'a':{'t':1,'h':true,'f':11,'v':" + a + "},'b':{'t':3,'f':65,'v':" + b + "}}}";
    }

    private static byte[] canalClaimCheck(String location) {
        String sample =
                new String(
                        TiCdcSampleFiles.bytes("canal-json/18-docs-large-message-claim-check.json"),
                        StandardCharsets.UTF_8);
        return sample.replace(SAMPLE_LOCATION, location).getBytes(StandardCharsets.UTF_8);
    }

    private static String simpleClaimCheck(String location) {
        return SIMPLE_INSERT
                .replace("{'a':'1','b':'123'}", "{'a':'1'}")
                .replace("'data'", "'claimCheckLocation':'" + location + "','data'");
    }

    private static PayloadCompression payload(Compression compression) {
        return PayloadCompression.valueOf(compression.name());
    }

    /** TiCDC compresses every message, the claim-check one too. */
    private static byte[] compressed(Compression compression, byte[] plain) {
        return PayloadCompressor.compress(payload(compression), plain);
    }

    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
