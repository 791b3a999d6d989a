package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.List;

/**
 * Our Open Protocol decoder fed each Kafka record's key and value, as the {@code ticdc} connector
 * feeds it: one call decodes the batch of events the record holds.
 */
final class OpenProtocolRecordsDecoder extends RowDecoder {

    private final TiCdcOpenProtocolDeserializer deserializer;
    private final List<OpenProtocolRecord> records;

    OpenProtocolRecordsDecoder(
            TiCdcOpenProtocolDeserializer deserializer,
            RowType rowType,
            List<OpenProtocolRecord> records) {
        super(rowType);
        this.deserializer = deserializer;
        this.records = records;
        deserializer.open(new TestDecoderContext());
    }

    @Override
    int inputs() {
        return records.size();
    }

    @Override
    int eventsIn(int input) {
        return records.get(input).events;
    }

    @Override
    void decode(int input, Collector<RowData> out) throws IOException {
        OpenProtocolRecord record = records.get(input);
        deserializer.deserialize(record.key, record.value, out);
    }

    @Override
    String describe(int input) {
        OpenProtocolRecord record = records.get(input);
        return "Open Protocol record of "
                + record.events
                + " events ("
                + record.key.length
                + " key bytes, "
                + record.value.length
                + " value bytes)";
    }
}
