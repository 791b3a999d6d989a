package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.ChangelogOutput;
import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Appends the Kafka metadata columns of the current record to every row decoded from it. The
 * decoded row is joined, not copied; all rows of one record share one metadata row.
 */
final class KafkaMetadataAppender implements ChangelogOutput {

    private final List<KafkaMetadata> metadata;
    private Collector<RowData> out;
    private GenericRowData metadataRow;

    KafkaMetadataAppender(List<KafkaMetadata> metadata) {
        this.metadata = metadata;
    }

    /** Directs the rows of {@code record} to {@code out}; returns this. */
    ChangelogOutput forRecord(ConsumerRecord<?, ?> record, Collector<RowData> out) {
        this.out = out;
        // A new row per record: rows already emitted may still hold the previous one.
        metadataRow = new GenericRowData(metadata.size());
        for (int i = 0; i < metadata.size(); i++) {
            metadataRow.setField(i, metadata.get(i).read(record));
        }
        return this;
    }

    @Override
    public void row(RowData row, RowChange change) {
        out.collect(new JoinedRowData(row.getRowKind(), row, metadataRow));
    }
}
