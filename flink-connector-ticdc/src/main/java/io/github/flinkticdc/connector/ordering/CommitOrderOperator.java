package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.protocol.Tso;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns TiCDC's at-least-once stream into each row change once, in commit order (spec §6 rules 4
 * and 5, with the global watermark). Keyed by table ({@link EnvelopeTable}); the watermark is
 * TiCDC's resolved ts, minimum over partitions ({@link ResolvedTsWatermarks}).
 *
 * <ul>
 *   <li>A row whose commit millisecond the watermark has passed is a replay: every first copy of it
 *       was released when the watermark passed, so it is dropped.
 *   <li>Other rows wait in keyed state, one list per commit millisecond, with an event-time timer.
 *   <li>When the watermark passes a millisecond, its rows are released sorted by commit TSO
 *       (stable, so that rows of one TSO keep their arrival order, e.g. a split update's DELETE
 *       before its INSERT), each copy after the first of the same table, TSO, row kind and physical
 *       values dropped.
 * </ul>
 *
 * <p>The state is checkpointed with the source's Kafka offsets, so a failover neither loses nor
 * repeats a row. At the end of a bounded read Flink's final watermark releases every row.
 */
@Internal
public final class CommitOrderOperator extends AbstractStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData>, Triggerable<String, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    /** Rows released in commit order. */
    public static final String ROWS_RELEASED = "ticdcRowsReleased";

    /** Rows dropped because the watermark had passed them: TiCDC's replays. */
    public static final String REPLAYS_DROPPED = "ticdcReplaysDropped";

    /** Second copies of a buffered row, dropped at release. */
    public static final String DUPLICATES_DROPPED = "ticdcDuplicatesDropped";

    private static final Comparator<RowData> BY_TSO = Comparator.comparingLong(ChangeEnvelope::tso);

    private final RowType rowType;
    private final int physicalArity;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient ListStateDescriptor<RowData> bufferDescriptor;
    private transient TimestampedCollector<RowData> out;
    private transient RowData.FieldGetter[] physicalFields;
    private transient Counter released;
    private transient Counter replays;
    private transient Counter duplicates;

    /**
     * @param rowType the changelog rows in the envelopes
     * @param physicalArity how many of their first fields are physical columns: a row's identity,
     *     with its table, TSO and row kind (the metadata after them may differ between copies)
     */
    public CommitOrderOperator(RowType rowType, int physicalArity) {
        this.rowType = rowType;
        this.physicalArity = physicalArity;
    }

    @Override
    public void open() throws Exception {
        super.open();
        timers =
                getInternalTimerService(
                        "ticdc-commit-order", VoidNamespaceSerializer.INSTANCE, this);
        bufferDescriptor =
                new ListStateDescriptor<>(
                        "ticdc-rows-by-commit-millis",
                        InternalTypeInfo.of(ChangeEnvelope.rowType(rowType)));
        out = new TimestampedCollector<>(output);
        physicalFields = new RowData.FieldGetter[physicalArity];
        for (int i = 0; i < physicalArity; i++) {
            physicalFields[i] = RowData.createFieldGetter(rowType.getTypeAt(i), i);
        }
        released = getMetricGroup().counter(ROWS_RELEASED);
        replays = getMetricGroup().counter(REPLAYS_DROPPED);
        duplicates = getMetricGroup().counter(DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        RowData envelope = element.getValue();
        if (ChangeEnvelope.kind(envelope) != ChangeEnvelope.ROW) {
            // Progress has done its work in the source's watermark generator.
            return;
        }
        long millis = Tso.physicalMillis(ChangeEnvelope.tso(envelope));
        if (millis <= timers.currentWatermark()) {
            replays.inc();
            return;
        }
        buffer(millis).add(envelope);
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, millis);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long millis = timer.getTimestamp();
        ListState<RowData> buffer = buffer(millis);
        List<RowData> rows = new ArrayList<>();
        for (RowData envelope : buffer.get()) {
            rows.add(envelope);
        }
        buffer.clear();
        rows.sort(BY_TSO);
        Set<List<Object>> seen = new HashSet<>();
        out.setAbsoluteTimestamp(millis);
        for (RowData envelope : rows) {
            RowData row = ChangeEnvelope.payload(envelope, rowType.getFieldCount());
            if (!seen.add(identity(envelope, row))) {
                duplicates.inc();
                continue;
            }
            released.inc();
            out.collect(row);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        throw new UnsupportedOperationException("The commit order uses event time only");
    }

    private ListState<RowData> buffer(long millis) throws Exception {
        return getPartitionedState(millis, LongSerializer.INSTANCE, bufferDescriptor);
    }

    /** What two copies of one row change have in common: all but Kafka and encoding metadata. */
    private List<Object> identity(RowData envelope, RowData row) {
        List<Object> identity = new ArrayList<>(physicalArity + 3);
        identity.add(ChangeEnvelope.tso(envelope));
        identity.add(row.getRowKind());
        identity.add(ChangeEnvelope.table(envelope));
        for (RowData.FieldGetter field : physicalFields) {
            Object value = field.getFieldOrNull(row);
            identity.add(value instanceof byte[] ? ByteBuffer.wrap((byte[]) value) : value);
        }
        return identity;
    }

    @Override
    public String toString() {
        return "CommitOrderOperator" + rowType.getFieldNames();
    }
}
