package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.testutil.Compressors;
import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.SimpleWriter;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random TiCDC events over a {@link TypedTable}, written with the test-side writers exactly as
 * TiCDC writes them, together with the changelog rows (and commit-ts metadata) they must decode to:
 * INSERT, UPDATE (full or changed-only old image) and DELETE, with or without the TiDB extension,
 * uncompressed or LZ4 / Snappy compressed; Open Protocol records batch several events; simple
 * messages come with or without their table's BOOTSTRAP before them.
 */
final class RandomEvents {

    private static final long ENCODE_CLOCK = 1_700_000_000_123L;

    /**
     * One message of one event (canal-json, simple): its plain JSON, compressed as its decoder is
     * told, and the rows it must decode to.
     */
    abstract static class OneEventMessage {
        final String description;
        final byte[] json;
        final Compression compression;
        final List<RowData> expected;

        OneEventMessage(
                String description, byte[] json, Compression compression, List<RowData> expected) {
            this.description = description;
            this.json = json;
            this.compression = compression;
            this.expected = expected;
        }

        byte[] message() {
            return Compressors.compress(compression, json);
        }

        /** What the protocol's {@link FuzzedProtocol#decoder} reads besides the message. */
        abstract byte[] key();
    }

    /** One canal-json message. */
    static final class CanalMessage extends OneEventMessage {
        CanalMessage(
                String description, byte[] json, Compression compression, List<RowData> expected) {
            super(description, json, compression, expected);
        }

        @Override
        byte[] key() {
            return null;
        }
    }

    /** One Open Protocol record as plain event keys and values, and the rows it must decode to. */
    static final class OpenRecord {
        final String description;
        final List<byte[]> keys;

        /** Plain (uncompressed) event values; empty for resolved events. */
        final List<byte[]> values;

        final Compression compression;
        final List<RowData> expected;

        OpenRecord(
                String description,
                List<byte[]> keys,
                List<byte[]> values,
                Compression compression,
                List<RowData> expected) {
            this.description = description;
            this.keys = keys;
            this.values = values;
            this.compression = compression;
            this.expected = expected;
        }

        byte[] recordKey() {
            return OpenProtocolWriter.recordKey(keys);
        }

        byte[] recordValue() {
            List<byte[]> compressed = new ArrayList<>();
            for (byte[] v : values) {
                compressed.add(v.length == 0 ? v : Compressors.compress(compression, v));
            }
            return OpenProtocolWriter.recordValue(compressed);
        }
    }

    /**
     * One simple-protocol message and the BOOTSTRAP message sent before it, or null when its
     * table's schema has not arrived.
     */
    static final class SimpleMessage extends OneEventMessage {
        final byte[] bootstrap;

        SimpleMessage(
                String description,
                byte[] bootstrap,
                byte[] json,
                Compression compression,
                List<RowData> expected) {
            super(description, json, compression, expected);
            this.bootstrap = bootstrap;
        }

        /** The compressed BOOTSTRAP message, which {@link FuzzedProtocol#SIMPLE} reads first. */
        @Override
        byte[] key() {
            return bootstrap == null ? null : Compressors.compress(compression, bootstrap);
        }
    }

    /**
     * Zones a TiCDC server names in the simple protocol's TIMESTAMP values, each with the zone its
     * wall clock is in: {@code Local} leaves it in the consumer's zone. None has had a daylight
     * saving change since 1970, whose repeated wall clocks no reader can place.
     */
    private static final String[][] SIMPLE_TIMESTAMP_LOCATIONS = {
        // "Local" last: messages with checksums pick from the others.
        {"UTC", "UTC"}, {"Asia/Tokyo", "Asia/Tokyo"}, {"Local", TypedTable.TIMESTAMP_ZONE.getId()}
    };

    private RandomEvents() {}

    static Compression randomCompression(SplittableRandom r) {
        int c = r.nextInt(5);
        return c < 3 ? Compression.NONE : c == 3 ? Compression.LZ4 : Compression.SNAPPY;
    }

    static long randomTso(SplittableRandom r) {
        return CanalJsonWriter.tso(
                r.nextLong(1_500_000_000_000L, 1_900_000_000_000L), r.nextInt(1 << 18));
    }

    static CanalMessage canal(TypedTable t, SplittableRandom r, Compression compression) {
        boolean extension = r.nextInt(4) != 0;
        boolean onlyUpdated = r.nextBoolean();
        CanalJsonWriter writer =
                CanalJsonWriter.create()
                        .withTidbExtension(extension)
                        .withOnlyUpdatedColumns(onlyUpdated)
                        .withEncodeClock(() -> ENCODE_CLOCK);
        long commitTs = randomTso(r);
        Long ts = extension ? commitTs : null;
        long id = r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(1000);
        Object[] before = t.randomRow(r, id);
        List<RowData> expected = new ArrayList<>();
        byte[] json;
        String kind;
        int k = r.nextInt(20);
        if (k == 0 && extension) {
            kind = "WATERMARK";
            json = writer.watermark(commitTs);
        } else if (k == 1) {
            kind = "DDL";
            json =
                    writer.ddl(
                            "fuzz",
                            "typed",
                            CanalDdlType.ALTER,
                            "ALTER TABLE typed ADD COLUMN x INT",
                            commitTs);
        } else if (k < 8) {
            kind = "INSERT";
            json = writer.insert(t.table, commitTs, t.text(before));
            expected.add(row(RowKind.INSERT, t, before, ts));
        } else if (k < 14) {
            Object[] after = t.changed(before, r);
            kind = "UPDATE" + (onlyUpdated ? " changed-only old" : " full old");
            json = writer.update(t.table, commitTs, t.text(before), t.text(after));
            expected.add(row(RowKind.UPDATE_BEFORE, t, before, ts));
            expected.add(row(RowKind.UPDATE_AFTER, t, after, ts));
        } else {
            kind = "DELETE";
            json = writer.delete(t.table, commitTs, t.text(before));
            expected.add(row(RowKind.DELETE, t, before, ts));
        }
        json = withSetDefinition(t, json);
        return new CanalMessage(
                "generated canal-json "
                        + kind
                        + (extension ? "" : " without _tidb")
                        + " "
                        + compression,
                json,
                compression,
                expected);
    }

    /** TiCDC's content-compatible {@code mysqlType} for the SET column, so labels can be read. */
    private static byte[] withSetDefinition(TypedTable t, byte[] json) {
        boolean hasSet = t.columns.stream().anyMatch(c -> c.kind == TypedTable.Kind.SET);
        if (!hasSet) {
            return json;
        }
        String text = new String(json, StandardCharsets.UTF_8);
        text = text.replace("\"st\":\"set\"", "\"st\":\"" + TypedTable.SET_DEFINITION + "\"");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static OpenRecord open(TypedTable t, SplittableRandom r, Compression compression) {
        OpenProtocolWriter writer = OpenProtocolWriter.create();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<RowData> expected = new ArrayList<>();
        int k = r.nextInt(30);
        if (k == 0) {
            keys.add(writer.resolvedKey(randomTso(r)));
            values.add(new byte[0]);
            return new OpenRecord(
                    "generated open-protocol resolved", keys, values, compression, expected);
        }
        if (k == 1) {
            keys.add(writer.ddlKey("fuzz", "typed", randomTso(r)));
            values.add(writer.ddl("ALTER TABLE typed ADD COLUMN x INT", 5));
            return new OpenRecord(
                    "generated open-protocol DDL", keys, values, compression, expected);
        }
        int events = 1 + r.nextInt(OpenProtocolWriter.DEFAULT_MAX_BATCH_SIZE);
        StringBuilder kinds = new StringBuilder();
        for (int e = 0; e < events; e++) {
            long commitTs = randomTso(r);
            Object[] before = t.randomRow(r, r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(1000));
            int kind = r.nextInt(3);
            if (kind == 0) {
                keys.add(writer.rowKey(t.table, commitTs, t.text(before)));
                values.add(writer.insert(t.table, t.text(before)));
                expected.add(row(RowKind.INSERT, t, before, commitTs));
                kinds.append('I');
            } else if (kind == 1) {
                Object[] after = t.changed(before, r);
                keys.add(writer.rowKey(t.table, commitTs, t.text(after)));
                values.add(writer.update(t.table, t.text(before), t.text(after)));
                expected.add(row(RowKind.UPDATE_BEFORE, t, before, commitTs));
                expected.add(row(RowKind.UPDATE_AFTER, t, after, commitTs));
                kinds.append('U');
            } else {
                keys.add(writer.rowKey(t.table, commitTs, t.text(before)));
                values.add(writer.delete(t.table, t.text(before)));
                expected.add(row(RowKind.DELETE, t, before, commitTs));
                kinds.append('D');
            }
        }
        return new OpenRecord(
                "generated open-protocol batch " + kinds + " " + compression,
                keys,
                values,
                compression,
                expected);
    }

    /**
     * A simple-protocol message: INSERT, UPDATE (full old image) or DELETE, half of them after
     * their table's BOOTSTRAP, now and then a WATERMARK, a DDL or a BOOTSTRAP alone; TIMESTAMP
     * values in one of {@link #SIMPLE_TIMESTAMP_LOCATIONS}.
     *
     * @param checksums whether the rows carry TiCDC's row checksums; their TIMESTAMP values then
     *     name their zone, which the test writer needs to compute them
     */
    static SimpleMessage simple(
            TypedTable t, SplittableRandom r, Compression compression, boolean checksums) {
        String[] location =
                SIMPLE_TIMESTAMP_LOCATIONS[
                        r.nextInt(SIMPLE_TIMESTAMP_LOCATIONS.length - (checksums ? 1 : 0))];
        java.time.ZoneId zone = java.time.ZoneId.of(location[1]);
        SimpleWriter plain =
                SimpleWriter.create()
                        .withTimestampLocation(location[0])
                        .withEncodeClock(() -> ENCODE_CLOCK);
        SimpleWriter writer = checksums ? plain.withChecksums() : plain;
        long commitTs = randomTso(r);
        Object[] before = t.randomRow(r, r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(1000));
        List<RowData> expected = new ArrayList<>();
        byte[] bootstrap = r.nextBoolean() ? writer.bootstrap(t.table) : null;
        byte[] json;
        String kind;
        int k = r.nextInt(20);
        if (k == 0) {
            kind = "WATERMARK";
            json = writer.watermark(commitTs);
        } else if (k == 1) {
            kind = "DDL";
            json = writer.ddl(CanalDdlType.ALTER, "ALTER TABLE typed ADD COLUMN x INT", commitTs);
        } else if (k == 2) {
            kind = "BOOTSTRAP";
            json = writer.bootstrap(t.table);
            bootstrap = null;
        } else if (k < 9) {
            kind = "INSERT";
            json = writer.insert(t.table, commitTs, t.text(before, zone));
            expected.add(row(RowKind.INSERT, t, before, commitTs));
        } else if (k < 15) {
            Object[] after = t.changed(before, r);
            kind = "UPDATE";
            json = writer.update(t.table, commitTs, t.text(before, zone), t.text(after, zone));
            expected.add(row(RowKind.UPDATE_BEFORE, t, before, commitTs));
            expected.add(row(RowKind.UPDATE_AFTER, t, after, commitTs));
        } else {
            kind = "DELETE";
            json = writer.delete(t.table, commitTs, t.text(before, zone));
            expected.add(row(RowKind.DELETE, t, before, commitTs));
        }
        return new SimpleMessage(
                "generated simple "
                        + kind
                        + (bootstrap == null ? "" : " after BOOTSTRAP")
                        + " TIMESTAMP in "
                        + location[0]
                        + " "
                        + compression,
                bootstrap,
                json,
                compression,
                expected);
    }

    /** The expected row: the physical values, then the commit-ts metadata. */
    static GenericRowData row(RowKind kind, TypedTable t, Object[] typed, Long commitTs) {
        Object[] physical = t.flink(typed);
        Object[] fields = java.util.Arrays.copyOf(physical, physical.length + 1);
        fields[physical.length] = commitTs;
        return GenericRowData.ofKind(kind, fields);
    }
}
