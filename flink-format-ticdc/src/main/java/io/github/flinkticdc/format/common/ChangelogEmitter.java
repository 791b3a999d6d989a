package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.EventHeader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * Turns a decoded row event into changelog rows with their metadata columns: INSERT into +I, UPDATE
 * into -U and +U, DELETE into -D. In upsert mode, for events that may lack the row before (Open
 * Protocol with {@code output-old-value=false}), INSERT and UPDATE become +U alone.
 */
@Internal
public final class ChangelogEmitter {

    /** The row change an event describes. */
    public enum Change {
        INSERT,
        UPDATE,
        DELETE
    }

    private final int physicalArity;
    private final List<TiCdcMetadata> metadata;
    private final boolean upsert;

    public ChangelogEmitter(int physicalArity, List<TiCdcMetadata> metadata, boolean upsert) {
        this.physicalArity = physicalArity;
        this.metadata = metadata;
        this.upsert = upsert;
    }

    public void emit(
            Change change, EventHeader header, RowImageCollector rows, Collector<RowData> out) {
        Object[] values = readMetadata(header);
        switch (change) {
            case INSERT:
                emit(out, rows.newImage(), upsert ? RowKind.UPDATE_AFTER : RowKind.INSERT, values);
                break;
            case UPDATE:
                if (!upsert) {
                    emit(out, rows.oldImage(), RowKind.UPDATE_BEFORE, values);
                }
                emit(out, rows.newImage(), RowKind.UPDATE_AFTER, values);
                break;
            default:
                emit(out, rows.newImage(), RowKind.DELETE, values);
        }
    }

    private Object[] readMetadata(EventHeader header) {
        Object[] values = new Object[metadata.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metadata.get(i).read(header);
        }
        return values;
    }

    private void emit(
            Collector<RowData> out, GenericRowData row, RowKind kind, Object[] metadataValues) {
        for (int i = 0; i < metadataValues.length; i++) {
            row.setField(physicalArity + i, metadataValues[i]);
        }
        row.setRowKind(kind);
        out.collect(row);
    }
}
