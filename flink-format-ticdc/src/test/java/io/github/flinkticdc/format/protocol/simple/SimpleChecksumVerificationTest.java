package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.ClaimCheck;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.testutil.RecordingRowListener;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiDbRowChecksum;
import io.github.flinkticdc.testing.TiDbTable;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code checksum.verify} on the simple protocol: rows whose values give the checksums TiCDC sent
 * are read, a changed value (in any column, read or not) or TiCDC's own {@code corrupted} flag is
 * an error naming both checksums, and rows that cannot be verified are read and marked so. The
 * checksums are those the test writer computes apart from the reader ({@link TiDbRowChecksum}).
 */
class SimpleChecksumVerificationTest {

    private static final String SHANGHAI = "Asia/Shanghai";

    private static final TiDbTable TABLE =
            TiDbTable.of("shop", "t")
                    .pk("id", "bigint")
                    .column("small", "smallint")
                    .column("big", "bigint unsigned")
                    .column("price", "decimal")
                    .column("ratio", "float")
                    .column("weight", "double")
                    .column("note", "varchar")
                    .column("body", "text")
                    .column("payload", "blob")
                    .column("status", "enum")
                    .column("tags", "set")
                    .column("flags", "bit")
                    .column("yr", "year")
                    .column("day", "date")
                    .column("at", "datetime")
                    .column("seen", "timestamp")
                    .column("dur", "time")
                    .column("doc", "json")
                    .column("emb", "vector");

    private static final Map<String, String> ROW =
            TABLE.row(
                    7,
                    -3,
                    "18446744073709551615",
                    "12.50",
                    "3.14",
                    "-0.1",
                    "héllo «x»",
                    "line\nbreak \"quoted\"",
                    new String(new byte[] {0, 1, (byte) 0xff}, StandardCharsets.ISO_8859_1),
                    "2",
                    "5",
                    "129",
                    "2024",
                    "2024-06-01",
                    "2024-06-01 12:34:56.789",
                    "2024-06-01 08:00:00.123456",
                    "-12:30:00",
                    "{\"a\": [1, 2]}",
                    "[1,2.5,-3]");

    private final SimpleWriter writer =
            SimpleWriter.create().withTimestampLocation(SHANGHAI).withChecksums();

    @Test
    void rowsWhoseValuesGiveTheirChecksumsAreReadVerified() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());

        Map<String, String> after = changed(ROW, "note", "bye", "seen", null);
        for (byte[] message :
                new byte[][] {
                    writer.insert(TABLE, 100, ROW),
                    writer.update(TABLE, 101, ROW, after),
                    writer.delete(TABLE, 102, after)
                }) {
            // The consumer reads two columns; the checksum covers all of them.
            RecordingRowListener rows = new RecordingRowListener(Set.of("id", "note"));
            assertThat(read(reader, message, rows)).isEqualTo(EventType.ROW_CHANGE);
            assertThat(reader.rowChecksumUnverified()).isFalse();
            assertThat(rows.newImage).containsKey("id");
        }
    }

    @Test
    void aChangedValueOfAColumnNotReadIsAMismatchNamingBothChecksums() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());
        byte[] changed = replace(writer.insert(TABLE, 100, ROW), "\"12.50\"", "\"12.51\"");

        long sent = TiDbRowChecksum.of(TABLE, ROW, SHANGHAI);
        long given = TiDbRowChecksum.of(TABLE, changed(ROW, "price", "12.51"), SHANGHAI);
        assertThatThrownBy(() -> read(reader, changed, new RecordingRowListener(Set.of("id"))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(
                        "row checksum mismatch in 'data' of shop.t version "
                                + SimpleWriter.schemaVersion(TABLE))
                .hasMessageContaining("TiCDC sent checksum.current = " + sent)
                .hasMessageContaining("the values give " + given)
                .hasMessageContaining("over the columns id, small, big, price, ratio");
    }

    @Test
    void theRowBeforeAnUpdateIsCheckedAgainstPrevious() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());
        Map<String, String> after = changed(ROW, "body", "new body");
        byte[] update = writer.update(TABLE, 101, ROW, after);
        // The old image is written after the new one: change its copy of the value.
        String json = new String(update, StandardCharsets.UTF_8);
        int old = json.indexOf("\"old\"");
        byte[] changedOld =
                (json.substring(0, old) + json.substring(old).replace("\"-3\"", "\"-4\""))
                        .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(reader, changedOld, all()))
                .hasMessageContaining("row checksum mismatch in 'old'")
                .hasMessageContaining(
                        "checksum.previous = " + TiDbRowChecksum.of(TABLE, ROW, SHANGHAI));
        byte[] changedDeleted = replace(writer.delete(TABLE, 102, ROW), "\"-3\"", "\"-4\"");
        assertThatThrownBy(() -> read(reader, changedDeleted, all()))
                .hasMessageContaining("row checksum mismatch in 'old'");
    }

    /** TIMESTAMP counts in UTC: a {@code Local} location is the TiCDC server's zone. */
    @Test
    void aLocalTimestampIsHashedInTheZoneTheReaderIsGiven() throws Exception {
        byte[] local =
                replace(
                        writer.insert(TABLE, 100, ROW),
                        "\"location\":\"" + SHANGHAI + "\"",
                        "\"location\":\"Local\"");

        SimpleRecordReader shanghai = verifying(ZoneId.of(SHANGHAI));
        read(shanghai, writer.bootstrap(TABLE), all());
        assertThat(read(shanghai, local, all())).isEqualTo(EventType.ROW_CHANGE);

        SimpleRecordReader utc = verifying(ZoneOffset.UTC);
        read(utc, writer.bootstrap(TABLE), all());
        assertThatThrownBy(() -> read(utc, local, all()))
                .hasMessageContaining("row checksum mismatch in 'data'");
    }

    @Test
    void aRowTicdcMarkedCorruptedIsAnErrorEvenBeforeItsSchema() {
        byte[] corrupted =
                replace(
                        writer.insert(TABLE, 100, ROW),
                        "\"corrupted\":false",
                        "\"corrupted\":true");

        assertThatThrownBy(() -> read(verifying(ZoneId.of(SHANGHAI)), corrupted, all()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("TiCDC marked the row corrupted");
    }

    /** A job that starts after the table's BOOTSTRAP reads its rows until the next one arrives. */
    @Test
    void aRowBeforeItsSchemaIsReadUnverified() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        byte[] changed = replace(writer.insert(TABLE, 100, ROW), "\"12.50\"", "\"12.51\"");

        assertThat(read(reader, changed, all())).isEqualTo(EventType.ROW_CHANGE);
        assertThat(reader.rowChecksumUnverified()).isTrue();

        read(reader, writer.bootstrap(TABLE), all());
        assertThatThrownBy(() -> read(reader, changed, all()))
                .hasMessageContaining("row checksum mismatch");
    }

    /** TiDB writes no checksum for some rows (checksums off in their session, BR restores). */
    @Test
    void aRowWithoutChecksumOrWithZeroIsReadUnverified() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());
        SimpleWriter plain = SimpleWriter.create().withTimestampLocation(SHANGHAI);

        read(reader, plain.insert(TABLE, 100, ROW), all());
        assertThat(reader.rowChecksumUnverified()).isTrue();

        String sent = String.valueOf(TiDbRowChecksum.of(TABLE, ROW, SHANGHAI));
        read(
                reader,
                replace(writer.insert(TABLE, 100, ROW), "\"current\":" + sent, "\"current\":0"),
                all());
        assertThat(reader.rowChecksumUnverified()).isTrue();
    }

    @Test
    void withoutTheOptionChecksumsAreIgnored() throws Exception {
        SimpleRecordReader reader = new SimpleRecordReader(Compression.NONE, ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());
        byte[] changed = replace(writer.insert(TABLE, 100, ROW), "\"12.50\"", "\"12.51\"");
        byte[] corrupted =
                replace(changed, "\"corrupted\":false", "\"corrupted\":{\"not\":\"read\"}");

        RecordingRowListener rows = all();
        assertThat(read(reader, corrupted, rows)).isEqualTo(EventType.ROW_CHANGE);
        assertThat(rows.newImage).containsEntry("price", "12.51");
        assertThat(reader.rowChecksumUnverified()).isFalse();
    }

    @Test
    void aChecksumThatIsNoCrc32IsRefused() {
        String sent = String.valueOf(TiDbRowChecksum.of(TABLE, ROW, SHANGHAI));
        byte[] insert = writer.insert(TABLE, 100, ROW);
        for (String wrong : new String[] {"-1", "4294967296", "\"" + sent + "\"", "1.5"}) {
            assertThatThrownBy(
                            () ->
                                    read(
                                            verifying(ZoneId.of(SHANGHAI)),
                                            replace(
                                                    insert,
                                                    "\"current\":" + sent,
                                                    "\"current\":" + wrong),
                                            all()))
                    .as(wrong)
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("checksum.current");
        }
    }

    @Test
    void aColumnOutsideTheSchemaCannotBeHashed() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());
        byte[] extra =
                replace(writer.insert(TABLE, 100, ROW), "\"small\":", "\"extra\":\"1\",\"small\":");

        assertThatThrownBy(() -> read(reader, extra, new RecordingRowListener(Set.of("id"))))
                .hasMessageContaining("column 'extra' of 'data' is not in the table schema");
    }

    @Test
    void aValueThatIsNotOfItsTypeCannotBeHashed() throws Exception {
        SimpleRecordReader reader = verifying(ZoneId.of(SHANGHAI));
        read(reader, writer.bootstrap(TABLE), all());
        byte[] wrong = replace(writer.insert(TABLE, 100, ROW), "\"2024\"", "\"MMXXIV\"");

        assertThatThrownBy(() -> read(reader, wrong, new RecordingRowListener(Set.of("id"))))
                .hasMessageContaining("column 'yr' of 'data' is TiDB year but holds 'MMXXIV'");
    }

    /** A consumer of every column, with the binary one declared as bytes. */
    private static RecordingRowListener all() {
        return new RecordingRowListener().readAsBytes("payload");
    }

    private static SimpleRecordReader verifying(ZoneId zone) {
        return new SimpleRecordReader(Compression.NONE, zone, ClaimCheck.disabled(), true);
    }

    private static EventType read(
            SimpleRecordReader reader, byte[] value, RecordingRowListener rows) throws Exception {
        assertThat(reader.reset(null, value)).isTrue();
        return reader.next(rows);
    }

    private static Map<String, String> changed(Map<String, String> row, String... columnValues) {
        Map<String, String> changed = new HashMap<>(row);
        for (int i = 0; i < columnValues.length; i += 2) {
            changed.put(columnValues[i], columnValues[i + 1]);
        }
        return changed;
    }

    private static byte[] replace(byte[] message, String text, String by) {
        String json = new String(message, StandardCharsets.UTF_8);
        assertThat(json).contains(text);
        return json.replace(text, by).getBytes(StandardCharsets.UTF_8);
    }
}
