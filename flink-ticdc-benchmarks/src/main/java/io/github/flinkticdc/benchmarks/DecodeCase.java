package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;

import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of the benchmark: what the topic holds (table, events, TiCDC's settings) and which
 * columns the job declares. The kinds of event are measured on the 12-column {@code orders} table;
 * table width on inserts alone; compression on the mixed stream, so each of those compares with one
 * case that differs from it in one thing only.
 */
public enum DecodeCase {
    INSERT("INSERT", BenchTables.ORDERS, EventMix.INSERTS),
    UPDATE_FULL_OLD("UPDATE, full old", BenchTables.ORDERS, EventMix.UPDATES),
    UPDATE_CHANGED_OLD(
            "UPDATE, only changed old", BenchTables.ORDERS, EventMix.UPDATES, true, null, null),
    DELETE("DELETE", BenchTables.ORDERS, EventMix.DELETES),
    NARROW("narrow INSERT", BenchTables.NARROW, EventMix.INSERTS),
    WIDE("wide INSERT", BenchTables.WIDE, EventMix.INSERTS),
    /** What the earlier benchmark's two-of-twelve-columns case measured, on the wide table. */
    PROJECTION(
            "wide INSERT, 2 columns declared",
            BenchTables.WIDE,
            EventMix.INSERTS,
            false,
            null,
            List.of("id", "price")),
    MIXED("mixed 70/20/10", BenchTables.ORDERS, EventMix.MIXED),
    LZ4("mixed, lz4", BenchTables.ORDERS, EventMix.MIXED, false, PayloadCompression.LZ4, null),
    SNAPPY(
            "mixed, snappy",
            BenchTables.ORDERS,
            EventMix.MIXED,
            false,
            PayloadCompression.SNAPPY,
            null);

    private static final long SEED = 42;

    private final String label;
    private final BenchTable table;
    private final EventMix mix;
    private final boolean onlyUpdatedColumns;
    private final PayloadCompression compression;
    private final List<String> declared;

    DecodeCase(String label, BenchTable table, EventMix mix) {
        this(label, table, mix, false, null, null);
    }

    /**
     * @param compression TiCDC's {@code large-message-handle-compression}; null for none
     * @param declared the columns the job declares; null for all
     */
    DecodeCase(
            String label,
            BenchTable table,
            EventMix mix,
            boolean onlyUpdatedColumns,
            PayloadCompression compression,
            List<String> declared) {
        this.label = label;
        this.table = table;
        this.mix = mix;
        this.onlyUpdatedColumns = onlyUpdatedColumns;
        this.compression = compression == null ? PayloadCompression.NONE : compression;
        this.declared = declared;
    }

    /** What the table of results calls it: events, table, TiCDC settings. */
    String label() {
        return label + " (" + table.tidb().name() + ", " + table.columnCount() + " columns)";
    }

    Workload workload() {
        return Workload.encode(
                table,
                ChangeStream.generate(table, mix, Workload.EVENTS, SEED),
                onlyUpdatedColumns,
                compression);
    }

    PayloadCompression compression() {
        return compression;
    }

    /**
     * Whether the old row of an UPDATE has only the changed columns, which the testing module's
     * Open Protocol writer cannot write.
     */
    boolean onlyUpdatedColumns() {
        return onlyUpdatedColumns;
    }

    /** The row our decoders declare. */
    RowType rowType() {
        return declared == null ? table.rowType() : table.rowType(declared);
    }

    /** The row Flink's canal-json declares: ours without the columns it reads otherwise. */
    RowType flinkRowType() {
        List<String> names = new ArrayList<>(table.flinkRowType().getFieldNames());
        if (declared != null) {
            names.retainAll(declared);
        }
        return table.rowType(names);
    }

    /** The declared columns Flink's canal-json leaves out; empty when it declares ours. */
    List<String> leftOutForFlink() {
        List<String> ours = new ArrayList<>(rowType().getFieldNames());
        ours.removeAll(flinkRowType().getFieldNames());
        return ours;
    }
}
