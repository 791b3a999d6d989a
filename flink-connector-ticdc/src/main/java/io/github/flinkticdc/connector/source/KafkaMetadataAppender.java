package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.ChangelogOutput;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.List;

/**
 * Appends the Kafka metadata columns of the current record to every row decoded from it, and passes
 * the record's other events on as they are. The decoded row is joined, not copied; all rows of one
 * record share one metadata row.
 */
final class KafkaMetadataAppender implements ChangelogOutput {

    private final List<KafkaMetadata> metadata;
    private ChangelogOutput out;
    private GenericRowData metadataRow;

    KafkaMetadataAppender(List<KafkaMetadata> metadata) {
        this.metadata = metadata;
    }

    /** Directs the rows of {@code record} to {@code out}; returns this. */
    ChangelogOutput forRecord(ConsumerRecord<?, ?> record, ChangelogOutput out) {
        this.out = out;
        // A new row per record: rows already emitted may still hold the previous one.
        metadataRow = new GenericRowData(metadata.size());
        for (int i = 0; i < metadata.size(); i++) {
            metadataRow.setField(i, metadata.get(i).read(record));
        }
        return this;
    }

    @Override
    public void row(RowData row, RowChange change) throws IOException {
        out.row(new JoinedRowData(row.getRowKind(), row, metadataRow), change);
    }

    @Override
    public void progress(long resolvedTs) throws IOException {
        out.progress(resolvedTs);
    }

    @Override
    public void ddl(DdlEvent ddl) throws IOException {
        out.ddl(ddl);
    }

    @Override
    public boolean defersDdlHandling() {
        return out.defersDdlHandling();
    }
}
