package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.TiDbTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One case's change events as TiCDC writes them to Kafka, encoded by the testing module's writers
 * (the reference for what current TiCDC writes): canal-json messages as the case's changefeed
 * writes them (compressed, if it compresses), the same messages uncompressed (what Flink's
 * canal-json and the token walk can read), and Open Protocol records of up to TiCDC's default 16
 * events each (values compressed like the canal-json ones).
 */
final class Workload {

    /** Change events per benchmark operation: a multiple of the Open Protocol batch size. */
    static final int EVENTS = 1024;

    /** TiCDC's {@code ts}: when it encoded the message, a little after the commit. */
    private static final long ENCODE_DELAY_MILLIS = 37;

    private final List<byte[]> canal;
    private final List<byte[]> plainCanal;
    private final List<OpenProtocolRecord> openProtocol;

    private Workload(
            List<byte[]> canal, List<byte[]> plainCanal, List<OpenProtocolRecord> openProtocol) {
        this.canal = Collections.unmodifiableList(canal);
        this.plainCanal = Collections.unmodifiableList(plainCanal);
        this.openProtocol = Collections.unmodifiableList(openProtocol);
    }

    /**
     * @param onlyUpdatedColumns TiCDC's {@code only-output-updated-columns} (canal-json only: the
     *     testing module's Open Protocol writer always writes the whole old row)
     */
    static Workload encode(
            BenchTable table,
            List<Change> changes,
            boolean onlyUpdatedColumns,
            PayloadCompression compression) {
        CanalJsonWriter plainWriter =
                CanalJsonWriter.create().withOnlyUpdatedColumns(onlyUpdatedColumns);
        CanalJsonWriter writer = plainWriter.withCompression(compression);
        OpenProtocolWriter openWriter = OpenProtocolWriter.create().withCompression(compression);
        List<byte[]> canal = new ArrayList<>(changes.size());
        List<byte[]> plainCanal = new ArrayList<>(changes.size());
        List<byte[]> eventKeys = new ArrayList<>();
        List<byte[]> eventValues = new ArrayList<>();
        List<OpenProtocolRecord> records = new ArrayList<>();
        for (Change change : changes) {
            long encodedAt = CanalJsonWriter.physicalMillis(change.commitTs) + ENCODE_DELAY_MILLIS;
            canal.add(canal(writer.withEncodeClock(() -> encodedAt), table.tidb(), change));
            plainCanal.add(
                    canal(plainWriter.withEncodeClock(() -> encodedAt), table.tidb(), change));
            eventKeys.add(openWriter.rowKey(table.tidb(), change.commitTs, change.row));
            eventValues.add(openProtocol(openWriter, table.tidb(), change));
            if (eventKeys.size() == openWriter.maxBatchSize()) {
                records.add(record(eventKeys, eventValues));
            }
        }
        if (!eventKeys.isEmpty()) {
            records.add(record(eventKeys, eventValues));
        }
        return new Workload(canal, plainCanal, records);
    }

    /** One canal-json message per event, as the case's changefeed writes it. */
    List<byte[]> canal() {
        return canal;
    }

    /** The same messages without TiCDC's compression. */
    List<byte[]> plainCanal() {
        return plainCanal;
    }

    List<OpenProtocolRecord> openProtocol() {
        return openProtocol;
    }

    private static byte[] canal(CanalJsonWriter writer, TiDbTable table, Change change) {
        switch (change.type) {
            case INSERT:
                return writer.insert(table, change.commitTs, change.row);
            case UPDATE:
                return writer.update(table, change.commitTs, change.before, change.row);
            default:
                return writer.delete(table, change.commitTs, change.row);
        }
    }

    private static byte[] openProtocol(OpenProtocolWriter writer, TiDbTable table, Change change) {
        switch (change.type) {
            case INSERT:
                return writer.insert(table, change.row);
            case UPDATE:
                return writer.update(table, change.before, change.row);
            default:
                return writer.delete(table, change.row);
        }
    }

    private static OpenProtocolRecord record(List<byte[]> keys, List<byte[]> values) {
        OpenProtocolRecord record =
                new OpenProtocolRecord(
                        OpenProtocolWriter.recordKey(keys),
                        OpenProtocolWriter.recordValue(values),
                        keys.size());
        keys.clear();
        values.clear();
        return record;
    }
}
