package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.common.DdlGate;
import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.protocol.Tso;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyedStateBackend;
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
import org.apache.flink.table.data.utils.ProjectedRowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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
 * repeats a row: it holds the waiting rows and, per table, the last millisecond released, which
 * drops replays of released rows after a restore (when Flink's watermark starts from nothing). At
 * the end of a bounded read Flink's final watermark releases every row.
 */
@Internal
public final class CommitOrderOperator extends AbstractStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData>, Triggerable<String, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    /** Rows released in commit order. */
    public static final String ROWS_RELEASED = "ticdcRowsReleased";

    /** Rows dropped because the watermark had passed them: TiCDC's replays. */
    public static final String REPLAYS_DROPPED = "ticdcReplaysDropped";

    /** Second copies of a buffered row or DDL, dropped at release. */
    public static final String DUPLICATES_DROPPED = "ticdcDuplicatesDropped";

    /** Rows and DDLs waiting for the watermark. */
    public static final String ROWS_BUFFERED = "ticdcRowsBuffered";

    /** Now minus the physical time of the watermark: how far behind TiCDC's progress is. */
    public static final String RESOLVED_TS_LAG = "ticdcResolvedTsLagMillis";

    private static final String BUFFER = "ticdc-rows-by-commit-millis";

    /** Commit order; a stable sort keeps arrival order within one rank of one transaction. */
    private static final Comparator<RowData> COMMIT_ORDER =
            Comparator.comparingLong(ChangeEnvelope::tso)
                    .thenComparingInt(ChangeEnvelope::rankInTransaction);

    private final RowType rowType;
    private final int physicalArity;
    private final DdlHandling ddlHandling;
    private final int[] outputFields;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient ListStateDescriptor<RowData> bufferDescriptor;
    private transient ValueState<Long> releasedUpTo;
    private transient TimestampedCollector<RowData> out;
    private transient RowData.FieldGetter[] physicalFields;
    private transient Counter released;
    private transient Counter replays;
    private transient Counter duplicates;
    private transient Counter ddlsSkipped;
    private transient long buffered;

    /**
     * @param rowType the changelog rows in the envelopes
     * @param physicalArity how many of their first fields are physical columns: a row's identity,
     *     with its table, TSO and row kind (the metadata after them may differ between copies)
     * @param ddlHandling the {@code ddl} option, applied to a DDL when it is released
     * @param outputFields the fields of a row to emit, in order: the query's columns, while the
     *     identity needs every physical column
     */
    public CommitOrderOperator(
            RowType rowType, int physicalArity, DdlHandling ddlHandling, int[] outputFields) {
        this.rowType = rowType;
        this.physicalArity = physicalArity;
        this.ddlHandling = ddlHandling;
        this.outputFields = outputFields.clone();
    }

    @Override
    public void open() throws Exception {
        super.open();
        timers =
                getInternalTimerService(
                        "ticdc-commit-order", VoidNamespaceSerializer.INSTANCE, this);
        bufferDescriptor =
                new ListStateDescriptor<>(
                        BUFFER, InternalTypeInfo.of(ChangeEnvelope.rowType(rowType)));
        // Flink does not checkpoint the watermark: after a restore it starts from nothing, while
        // the source reads again from the checkpoint's offsets, TiCDC's replays included. What a
        // table has released is kept in its state, so that replays of it are still dropped.
        releasedUpTo =
                getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(
                                "ticdc-released-up-to-millis", LongSerializer.INSTANCE));
        out = new TimestampedCollector<>(output);
        physicalFields = new RowData.FieldGetter[physicalArity];
        for (int i = 0; i < physicalArity; i++) {
            physicalFields[i] = RowData.createFieldGetter(rowType.getTypeAt(i), i);
        }
        released = getMetricGroup().counter(ROWS_RELEASED);
        replays = getMetricGroup().counter(REPLAYS_DROPPED);
        duplicates = getMetricGroup().counter(DUPLICATES_DROPPED);
        ddlsSkipped = getMetricGroup().counter(DecodeMetrics.DDL_EVENTS_SKIPPED);
        buffered = countRestoredRows();
        getMetricGroup().gauge(ROWS_BUFFERED, () -> buffered);
        getMetricGroup().gauge(RESOLVED_TS_LAG, this::resolvedTsLag);
    }

    /** What a restored state holds; zero on a fresh start. */
    private long countRestoredRows() throws Exception {
        buffer(0L); // registers the state, so that the backend can list it
        List<Tuple2<String, Long>> lists = new ArrayList<>();
        KeyedStateBackend<String> backend = getKeyedStateBackend();
        try (Stream<Tuple2<String, Long>> keys = backend.getKeysAndNamespaces(BUFFER)) {
            keys.forEach(lists::add);
        }
        long rows = 0;
        for (Tuple2<String, Long> list : lists) {
            setCurrentKey(list.f0);
            for (RowData ignored : buffer(list.f1).get()) {
                rows++;
            }
        }
        return rows;
    }

    private long resolvedTsLag() {
        long watermark = timers.currentWatermark();
        return watermark == Long.MIN_VALUE ? -1 : System.currentTimeMillis() - watermark;
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        RowData envelope = element.getValue();
        if (ChangeEnvelope.kind(envelope) == ChangeEnvelope.PROGRESS) {
            // Progress has done its work in the source's watermark generator.
            return;
        }
        long millis = Tso.physicalMillis(ChangeEnvelope.tso(envelope));
        if (millis <= timers.currentWatermark() || millis <= releasedUpTo(releasedUpTo.value())) {
            replays.inc();
            return;
        }
        buffer(millis).add(envelope);
        buffered++;
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
        releasedUpTo.update(millis);
        buffered -= rows.size();
        rows.sort(COMMIT_ORDER);
        out.setAbsoluteTimestamp(millis);
        // Copies of one change share its TSO: duplicates are looked for only among the rows of
        // one TSO, and not at all for a TSO with one row.
        Set<List<Object>> seen = new HashSet<>();
        for (int run = 0, end; run < rows.size(); run = end) {
            long tso = ChangeEnvelope.tso(rows.get(run));
            end = run + 1;
            while (end < rows.size() && ChangeEnvelope.tso(rows.get(end)) == tso) {
                end++;
            }
            seen.clear();
            for (int i = run; i < end; i++) {
                release(rows.get(i), end - run == 1 ? null : seen);
            }
        }
    }

    /** Emits a row or applies a DDL, unless {@code seen} (when given) has it already. */
    private void release(RowData envelope, Set<List<Object>> seen) throws IOException {
        if (ChangeEnvelope.kind(envelope) == ChangeEnvelope.DDL) {
            if (seen == null || seen.add(ddlIdentity(envelope))) {
                applyDdl(envelope);
            } else {
                duplicates.inc();
            }
            return;
        }
        RowData row = ChangeEnvelope.payload(envelope, rowType.getFieldCount());
        if (seen != null && !seen.add(identity(envelope, row))) {
            duplicates.inc();
            return;
        }
        released.inc();
        out.collect(ProjectedRowData.from(outputFields).replaceRow(row));
    }

    /** The {@code ddl} option, once every row of the table committed before the DDL is out. */
    private void applyDdl(RowData envelope) throws IOException {
        if (ddlHandling == DdlHandling.FAIL) {
            throw DdlGate.failure(
                    ChangeEnvelope.ddlType(envelope),
                    ChangeEnvelope.table(envelope),
                    ChangeEnvelope.tso(envelope),
                    "",
                    ChangeEnvelope.query(envelope));
        }
        ddlsSkipped.inc();
    }

    /** Copies of one DDL (one per partition, replays) share TSO, table and statement. */
    private static List<Object> ddlIdentity(RowData envelope) {
        return List.of(
                ChangeEnvelope.DDL,
                ChangeEnvelope.tso(envelope),
                ChangeEnvelope.table(envelope),
                ChangeEnvelope.query(envelope));
    }

    private static long releasedUpTo(Long millis) {
        return millis == null ? Long.MIN_VALUE : millis;
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
