package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.DecoderHarness;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages of the test suite's TiCDC writer, in every configuration it offers (TiDB extension,
 * changed-only {@code old}, compression), decode to the rows that were written: the writer the
 * ITCases rely on writes what TiCDC writes, and the format reads every shape of it.
 */
class CanalJsonWriterRoundTripTest {

    private static final TiDbTable TABLE =
            TiDbTable.of("shop", "items")
                    .pk("id", "int")
                    .column("name", "varchar")
                    .column("tag", "varbinary")
                    .column("note", "text");
    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.INT()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("tag", DataTypes.BYTES()),
                                    DataTypes.FIELD("note", DataTypes.STRING()))
                            .getLogicalType();
    private static final long COMMIT_TS = CanalJsonWriter.tso(1_700_000_000_000L, 3);

    static Stream<Arguments> configurations() {
        List<Arguments> configurations = new ArrayList<>();
        for (boolean extension : new boolean[] {true, false}) {
            for (boolean onlyUpdated : new boolean[] {true, false}) {
                for (PayloadCompression compression : PayloadCompression.values()) {
                    configurations.add(Arguments.of(extension, onlyUpdated, compression));
                }
            }
        }
        return configurations.stream();
    }

    @ParameterizedTest(name = "extension={0} onlyUpdated={1} compression={2}")
    @MethodSource("configurations")
    void decodesWhatWasWritten(
            boolean extension, boolean onlyUpdated, PayloadCompression compression)
            throws Exception {
        CanalJsonWriter writer =
                CanalJsonWriter.create()
                        .withTidbExtension(extension)
                        .withOnlyUpdatedColumns(onlyUpdated)
                        .withCompression(compression);
        Map<String, String> before = TABLE.row(1, "pen", new byte[] {0, (byte) 0xff}, null);
        Map<String, String> after = TABLE.row(1, "pen", new byte[] {0, (byte) 0xff}, "blue ink");
        DecoderHarness<byte[]> decoder =
                DecoderHarness.of(
                        TiCdcCanalDeserializationSchema.builder(ROW)
                                .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                .setCompression(Compression.valueOf(compression.name()))
                                .build());

        List<RowData> rows = new ArrayList<>();
        rows.addAll(decoder.decode(writer.insert(TABLE, COMMIT_TS, before)));
        rows.addAll(decoder.decode(writer.update(TABLE, COMMIT_TS + 1, before, after)));
        rows.addAll(decoder.decode(writer.delete(TABLE, COMMIT_TS + 2, after)));

        Long ts = extension ? COMMIT_TS : null;
        assertThat(rows)
                .containsExactly(
                        row(RowKind.INSERT, null, ts),
                        row(RowKind.UPDATE_BEFORE, null, extension ? ts + 1 : null),
                        row(RowKind.UPDATE_AFTER, "blue ink", extension ? ts + 1 : null),
                        row(RowKind.DELETE, "blue ink", extension ? ts + 2 : null));
    }

    private static GenericRowData row(RowKind kind, String note, Long commitTs) {
        return GenericRowData.ofKind(
                kind,
                1,
                StringData.fromString("pen"),
                new byte[] {0, (byte) 0xff},
                note == null ? null : StringData.fromString(note),
                commitTs);
    }
}
