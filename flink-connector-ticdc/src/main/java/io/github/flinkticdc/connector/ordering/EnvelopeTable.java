package io.github.flinkticdc.connector.ordering;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;

/**
 * Keys envelopes by their table: all changes of one table, and so all versions of each of its rows,
 * meet in one commit-order operator, which keeps their commit order.
 */
@Internal
public final class EnvelopeTable implements KeySelector<RowData, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(RowData envelope) {
        return ChangeEnvelope.table(envelope);
    }
}
