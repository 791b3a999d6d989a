package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.types.RowKind;

import java.io.IOException;
import java.util.List;

/**
 * Turns a decoded row event into changelog rows with their metadata columns: INSERT into +I, UPDATE
 * into -U and +U, DELETE into -D. In upsert mode, for events that may lack the row before (Open
 * Protocol with {@code output-old-value=false}), INSERT and UPDATE become +U alone.
 */
@Internal
public final class ChangelogEmitter {

    private final int physicalArity;
    private final List<TiCdcMetadata> metadata;
    private final boolean upsert;

    public ChangelogEmitter(int physicalArity, List<TiCdcMetadata> metadata, boolean upsert) {
        this.physicalArity = physicalArity;
        this.metadata = metadata;
        this.upsert = upsert;
    }

    /** Emits the rows of {@code change}, whose images {@code rows} holds. */
    public void emit(RowChange change, RowImageCollector rows, ChangelogOutput out)
            throws IOException {
        Object[] values = readMetadata(change);
        switch (change.kind()) {
            case INSERT:
                emit(
                        rows.newImage(),
                        upsert ? RowKind.UPDATE_AFTER : RowKind.INSERT,
                        values,
                        change,
                        out);
                break;
            case UPDATE:
                if (!upsert) {
                    emit(rows.oldImage(), RowKind.UPDATE_BEFORE, values, change, out);
                }
                emit(rows.newImage(), RowKind.UPDATE_AFTER, values, change, out);
                break;
            default:
                emit(rows.newImage(), RowKind.DELETE, values, change, out);
        }
    }

    private Object[] readMetadata(RowChange change) {
        Object[] values = new Object[metadata.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metadata.get(i).read(change);
        }
        return values;
    }

    private void emit(
            GenericRowData row,
            RowKind kind,
            Object[] metadataValues,
            RowChange change,
            ChangelogOutput out)
            throws IOException {
        for (int i = 0; i < metadataValues.length; i++) {
            row.setField(physicalArity + i, metadataValues[i]);
        }
        row.setRowKind(kind);
        out.row(row, change);
    }
}
