package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.RecordingRowListener;

import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static io.github.flinkticdc.format.testutil.FramedRecord.keys;
import static io.github.flinkticdc.format.testutil.FramedRecord.utf8;
import static io.github.flinkticdc.format.testutil.FramedRecord.valueBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * TiCDC's {@code large-message-handle-compression} (spec §1.2, §3.8) compresses each event value
 * inside the framing; keys, framing and the empty value of a resolved event stay plain.
 */
class OpenProtocolCompressionTest {

    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"LZ4", "SNAPPY"})
    void decompressesEachEventValue(Compression compression) throws Exception {
        byte[] key =
                keys(
                        "{\"ts\":1,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1}",
                        "{\"ts\":1,\"scm\":\"s\",\"tbl\":\"t\",\"t\":1}",
                        "{\"ts\":2,\"scm\":\"s\",\"tbl\":\"t\",\"t\":2}",
                        "{\"ts\":3,\"t\":3}");
        byte[] value =
                valueBytes(
                        compress(compression, "{\"u\":{\"a\":{\"t\":3,\"f\":65,\"v\":1}}}"),
                        compress(
                                compression, "{\"d\":{\"a\":{\"t\":252,\"f\":65,\"v\":\"AQI=\"}}}"),
                        compress(compression, "{\"q\":\"truncate table t\",\"t\":11}"),
                        new byte[0]);
        OpenProtocolRecordReader reader = new OpenProtocolRecordReader(compression);
        reader.reset(key, value);
        RecordingRowListener row = new RecordingRowListener();

        assertThat(reader.nextEvent()).isTrue();
        assertThat(reader.readRow(row)).isEqualTo(ChangeKind.INSERT);
        assertThat(row.newImage).containsExactly(entry("a", "1"));
        row.clear();
        assertThat(reader.nextEvent()).isTrue();
        assertThat(reader.readRow(row)).isEqualTo(ChangeKind.DELETE);
        assertThat(row.newImage).containsExactly(entry("a", "hex:0102"));
        assertThat(reader.nextEvent()).isTrue();
        assertThat(reader.readDdl().query()).isEqualTo("truncate table t");
        assertThat(reader.readDdl().actionType()).isEqualTo(11);
        assertThat(reader.nextEvent()).isTrue();
        assertThat(reader.key().type()).isEqualTo(OpenProtocolEventType.RESOLVED);
        assertThat(reader.key().ts()).isEqualTo(3);
        assertThat(reader.nextEvent()).isFalse();
    }

    private static byte[] compress(Compression compression, String json) throws IOException {
        if (compression == Compression.SNAPPY) {
            return Snappy.compress(utf8(json));
        }
        ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(lz4)) {
            out.write(utf8(json));
        }
        return lz4.toByteArray();
    }
}
