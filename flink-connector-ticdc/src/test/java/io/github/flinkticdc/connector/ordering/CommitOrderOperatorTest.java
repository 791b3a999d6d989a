package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecodeMetrics;
import io.github.flinkticdc.format.protocol.Tso;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.flinkticdc.connector.ordering.Envelopes.tso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link CommitOrderOperator} in Flink's keyed operator test harness, keyed by table as in a
 * job, with envelopes made by {@link EnvelopeOutput} as the source makes them. Rows are {@code (id,
 * v, kafka_offset)}: two physical fields and a metadata column that differs between copies.
 */
class CommitOrderOperatorTest {

    private static final RowType ROW_TYPE =
            RowType.of(new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH), new BigIntType());
    private static final int PHYSICAL_FIELDS = 2;
    private static final int[] ALL_FIELDS = {0, 1, 2};

    private final List<Harness> harnesses = new ArrayList<>();

    private Harness harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = new Harness(null);
    }

    @AfterEach
    void closeHarnesses() throws Exception {
        for (Harness h : harnesses) {
            h.close();
        }
    }

    /**
     * Nothing leaves before the watermark passes a row's commit millisecond; then the rows of that
     * millisecond leave sorted by TSO, and rows of one TSO in the order they came (a split update's
     * DELETE before its INSERT, then the transaction's other rows as TiCDC wrote them), while rows
     * of a later millisecond wait.
     */
    @Test
    void releasesRowsAtTheWatermarkOfTheirCommitMillisecondSortedByTso() throws Exception {
        long late = tso(100, 9);
        long early = tso(100, 2);
        harness.process(row(tso(101, 1), RowKind.INSERT, 7, "next", 0));
        harness.process(row(late, RowKind.DELETE, 5, "old key", 1));
        harness.process(row(late, RowKind.INSERT, 6, "new key", 2));
        harness.process(row(late, RowKind.INSERT, 1, "same tx", 3));
        harness.process(row(early, RowKind.INSERT, 9, "first commit", 4));

        harness.watermark(99);
        assertThat(harness.released()).isEmpty();

        harness.watermark(100);
        assertThat(harness.released())
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, 9L, "first commit", 4L),
                        Row.ofKind(RowKind.DELETE, 5L, "old key", 1L),
                        Row.ofKind(RowKind.INSERT, 6L, "new key", 2L),
                        Row.ofKind(RowKind.INSERT, 1L, "same tx", 3L));

        harness.watermark(101);
        assertThat(harness.released()).containsExactly(Row.ofKind(RowKind.INSERT, 7L, "next", 0L));
    }

    /**
     * A row whose commit millisecond the watermark has reached or passed is one of TiCDC's replays:
     * it is dropped and counted, never buffered nor released later.
     */
    @Test
    void dropsAndCountsARowAtOrBelowTheWatermark() throws Exception {
        harness.watermark(100);
        harness.process(row(tso(99, 3), RowKind.INSERT, 1, "below", 0));
        harness.process(row(tso(100, 3), RowKind.INSERT, 2, "at", 1));
        harness.process(row(tso(101, 3), RowKind.INSERT, 3, "above", 2));

        assertThat(harness.counter(CommitOrderOperator.REPLAYS_DROPPED)).isEqualTo(2);
        assertThat(harness.bufferedEntries()).isEqualTo(1);
        harness.watermark(Long.MAX_VALUE);
        assertThat(harness.released()).containsExactly(Row.ofKind(RowKind.INSERT, 3L, "above", 2L));
    }

    /**
     * A second copy of a row still waiting (TiCDC replayed it before the watermark passed) is
     * dropped and counted at release; rows of the same TSO and kind with other values are not
     * copies, and every one of them is released.
     */
    @Test
    void dropsSecondCopiesAtReleaseAndKeepsOtherRowsOfTheSameTsoAndKind() throws Exception {
        long commit = tso(100, 1);
        harness.process(row(commit, RowKind.INSERT, 1, "a", 0));
        harness.process(row(commit, RowKind.INSERT, 2, "a", 1));
        harness.process(row(commit, RowKind.INSERT, 1, "b", 2));
        harness.process(row(commit, RowKind.INSERT, 1, "a", 0));
        harness.process(row(commit, RowKind.INSERT, 2, "a", 1));

        harness.watermark(100);

        assertThat(harness.released())
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, 1L, "a", 0L),
                        Row.ofKind(RowKind.INSERT, 2L, "a", 1L),
                        Row.ofKind(RowKind.INSERT, 1L, "b", 2L));
        assertThat(harness.counter(CommitOrderOperator.DUPLICATES_DROPPED)).isEqualTo(2);
        assertThat(harness.counter(CommitOrderOperator.ROWS_RELEASED)).isEqualTo(3);
    }

    /**
     * A row's identity is its table, TSO, row kind and physical fields: a copy read from another
     * Kafka offset (metadata after the physical fields) is the same row, and only the first copy is
     * released; the same values under another row kind are another row.
     */
    @Test
    void copiesThatDifferOnlyInMetadataAreOneRow() throws Exception {
        long commit = tso(100, 1);
        harness.process(row(commit, RowKind.UPDATE_BEFORE, 1, "a", 10));
        harness.process(row(commit, RowKind.UPDATE_AFTER, 1, "a", 11));
        harness.process(row(commit, RowKind.UPDATE_BEFORE, 1, "a", 42));
        harness.process(row(commit, RowKind.UPDATE_AFTER, 1, "a", 43));

        harness.watermark(100);

        assertThat(harness.released())
                .containsExactly(
                        Row.ofKind(RowKind.UPDATE_BEFORE, 1L, "a", 10L),
                        Row.ofKind(RowKind.UPDATE_AFTER, 1L, "a", 11L));
        assertThat(harness.counter(CommitOrderOperator.DUPLICATES_DROPPED)).isEqualTo(2);
    }

    /**
     * Each watermark removes the buffers and timers of the milliseconds it passes, so that the
     * state holds only rows still waiting and no buffer is left once every row has been released.
     */
    @Test
    void bufferedStateShrinksBackToEmptyAfterEachWatermark() throws Exception {
        for (long millis = 100; millis <= 102; millis++) {
            harness.process(row(tso(millis, 1), RowKind.INSERT, millis, "a", millis));
            harness.process(row(tso(millis, 2), RowKind.INSERT, millis, "b", millis));
        }
        assertThat(harness.bufferedEntries()).isEqualTo(3);
        assertThat(harness.harness.numEventTimeTimers()).isEqualTo(3);

        harness.watermark(100);
        assertThat(harness.bufferedMillis()).containsExactlyInAnyOrder(101L, 102L);
        assertThat(harness.bufferedEntries()).isEqualTo(2);

        harness.watermark(102);
        assertThat(harness.bufferedEntries()).isZero();
        assertThat(harness.harness.numEventTimeTimers()).isZero();
        assertThat(harness.released()).hasSize(6);
    }

    /**
     * Rows buffered at a checkpoint survive a restore: the restored operator releases them when the
     * watermark passes, each once, after the rows released before the checkpoint, which do not come
     * again.
     */
    @Test
    void rowsBufferedAtASnapshotAreReleasedOnceAfterRestore() throws Exception {
        harness.process(row(tso(100, 1), RowKind.INSERT, 1, "before", 0));
        harness.process(row(tso(101, 1), RowKind.INSERT, 2, "waiting", 1));
        harness.process(row(tso(102, 1), RowKind.DELETE, 3, "waiting", 2));
        harness.watermark(100);
        assertThat(harness.released())
                .containsExactly(Row.ofKind(RowKind.INSERT, 1L, "before", 0L));

        Harness restored = new Harness(harness.snapshot());
        restored.watermark(102);

        assertThat(restored.released())
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, 2L, "waiting", 1L),
                        Row.ofKind(RowKind.DELETE, 3L, "waiting", 2L));
        assertThat(restored.bufferedEntries()).isZero();
    }

    /**
     * After a failover the source reads again from the checkpoint's offsets, where TiCDC's replays
     * of rows released before the checkpoint may follow; Flink restores no watermark, so the
     * operator must still know them for replays, drop them and not release them a second time.
     */
    @Test
    void aReplayOfARowReleasedBeforeTheSnapshotIsDroppedAfterRestore() throws Exception {
        RowData released = row(tso(100, 1), RowKind.INSERT, 1, "released", 0);
        harness.process(released);
        harness.watermark(100);
        assertThat(harness.released()).hasSize(1);

        Harness restored = new Harness(harness.snapshot());
        restored.process(released);
        restored.watermark(100);
        restored.watermark(Long.MAX_VALUE);

        assertThat(restored.released()).isEmpty();
        assertThat(restored.counter(CommitOrderOperator.REPLAYS_DROPPED)).isEqualTo(1);
    }

    /** Flink's final watermark at the end of a bounded read releases every row still waiting. */
    @Test
    void theFinalWatermarkReleasesEverything() throws Exception {
        harness.process(row(tso(5_000, 1), RowKind.INSERT, 2, "later", 0));
        harness.process(row(tso(100, 1), RowKind.INSERT, 1, "earlier", 1));
        harness.process(row(tso(1_720_000_000_000L, 1), RowKind.DELETE, 3, "last", 2));

        harness.watermark(Long.MAX_VALUE);

        assertThat(harness.released())
                .containsExactly(
                        Row.ofKind(RowKind.INSERT, 1L, "earlier", 1L),
                        Row.ofKind(RowKind.INSERT, 2L, "later", 0L),
                        Row.ofKind(RowKind.DELETE, 3L, "last", 2L));
        assertThat(harness.bufferedEntries()).isZero();
    }

    /** A released row carries its commit millisecond as its record timestamp (its event time). */
    @Test
    void releasedRowsCarryTheirCommitMillisecondAsTimestamp() throws Exception {
        harness.process(row(tso(100, 5), RowKind.INSERT, 1, "a", 0));
        harness.process(row(tso(103, 1), RowKind.INSERT, 2, "b", 1));

        harness.watermark(200);

        assertThat(harness.harness.extractOutputStreamRecords())
                .allMatch(StreamRecord::hasTimestamp)
                .map(StreamRecord::getTimestamp)
                .containsExactly(100L, 103L);
    }

    /**
     * A DDL waits with its table's rows: the copies TiCDC writes to every partition (and again
     * after a restart) take effect once, when the watermark passes the DDL, after the rows
     * committed before it.
     */
    @Test
    void aDdlTakesEffectOnceWhenReleasedAfterTheRowsBeforeIt() throws Exception {
        long ddl = tso(100, 5);
        harness.process(Envelopes.ddl("ALTER TABLE orders ADD c INT", ddl));
        harness.process(row(tso(100, 1), RowKind.INSERT, 1, "before", 0));
        harness.process(Envelopes.ddl("ALTER TABLE orders ADD c INT", ddl));
        harness.process(Envelopes.ddl("ALTER TABLE orders ADD c INT", ddl));

        harness.watermark(99);
        assertThat(harness.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isZero();

        harness.watermark(100);
        assertThat(harness.released())
                .containsExactly(Row.ofKind(RowKind.INSERT, 1L, "before", 0L));
        assertThat(harness.counter(DecodeMetrics.DDL_EVENTS_SKIPPED)).isEqualTo(1);
        assertThat(harness.counter(CommitOrderOperator.DUPLICATES_DROPPED)).isEqualTo(2);
    }

    /** {@code ddl = fail} fails at the DDL's release, once the rows committed before it are out. */
    @Test
    void underDdlFailTheRowsBeforeTheDdlLeaveFirst() throws Exception {
        Harness failing = new Harness(null, DdlHandling.FAIL);
        failing.process(row(tso(100, 1), RowKind.INSERT, 1, "before", 0));
        failing.process(Envelopes.ddl("DROP TABLE orders", tso(100, 5)));
        failing.process(row(tso(100, 9), RowKind.INSERT, 2, "after", 1));

        assertThatThrownBy(() -> failing.watermark(100))
                .hasMessageContaining("the option 'ddl' is 'fail': DROP TABLE orders");
        assertThat(failing.released())
                .containsExactly(Row.ofKind(RowKind.INSERT, 1L, "before", 0L));
    }

    /** The state backend of the operator; null for the harness's (heap) one. */
    StateBackend stateBackend() throws Exception {
        return null;
    }

    /** The envelope of a row {@code (id, v, kafka_offset)} of {@code shop.orders}. */
    private static RowData row(long commitTs, RowKind kind, long id, String v, long offset)
            throws IOException {
        return Envelopes.row(
                GenericRowData.ofKind(kind, id, StringData.fromString(v), offset), commitTs);
    }

    /** One operator in its harness, with its metrics, opened empty or from a snapshot. */
    private final class Harness {
        final KeyedOneInputStreamOperatorTestHarness<String, RowData, RowData> harness;
        private final OperatorMetrics metrics = new OperatorMetrics();
        private final MockEnvironment environment;

        Harness(OperatorSubtaskState restoreFrom) throws Exception {
            this(restoreFrom, DdlHandling.SKIP);
        }

        Harness(OperatorSubtaskState restoreFrom, DdlHandling ddl) throws Exception {
            environment = new MockEnvironmentBuilder().setMetricGroup(metrics).build();
            harness =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new CommitOrderOperator(ROW_TYPE, PHYSICAL_FIELDS, ddl, ALL_FIELDS),
                            new EnvelopeTable(),
                            Types.STRING,
                            environment);
            harnesses.add(this);
            StateBackend backend = stateBackend();
            if (backend != null) {
                harness.setStateBackend(backend);
            }
            harness.setup(new RowDataSerializer(ROW_TYPE));
            if (restoreFrom != null) {
                harness.initializeState(restoreFrom);
            }
            harness.open();
        }

        /** Processes an envelope with the timestamp the source's assigner gives it. */
        void process(RowData envelope) throws Exception {
            harness.processElement(envelope, Tso.physicalMillis(ChangeEnvelope.tso(envelope)));
        }

        void watermark(long watermark) throws Exception {
            harness.processWatermark(watermark);
        }

        /** The rows released since the last call, as rows of their kind. */
        List<Row> released() {
            List<Row> rows =
                    harness.extractOutputValues().stream()
                            .map(
                                    r ->
                                            Row.ofKind(
                                                    r.getRowKind(),
                                                    r.getLong(0),
                                                    r.getString(1).toString(),
                                                    r.getLong(2)))
                            .collect(Collectors.toList());
            harness.getOutput().clear();
            return rows;
        }

        /**
         * How many (table, commit millisecond) lists of waiting rows the state backend holds, on
         * any backend.
         */
        long bufferedEntries() {
            return bufferedMillis().size();
        }

        /** The commit milliseconds of those lists. */
        List<Long> bufferedMillis() {
            KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
            try (Stream<Tuple2<String, Long>> lists =
                    backend.getKeysAndNamespaces("ticdc-rows-by-commit-millis")) {
                return lists.map(list -> list.f1).collect(Collectors.toList());
            }
        }

        long counter(String name) {
            return ((Counter) metrics.operator.get(name)).getCount();
        }

        OperatorSubtaskState snapshot() throws Exception {
            return harness.snapshot(1L, 1L);
        }

        void close() throws Exception {
            harness.close();
            environment.close();
        }
    }

    /**
     * A task's metric group that gives its operator a group that keeps what is registered. Both
     * signatures of {@code getOrAddOperator}: Flink 1.20 has the first, Flink 2 the second.
     */
    private static final class OperatorMetrics
            extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
        final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

        public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
            return operator;
        }

        public InternalOperatorMetricGroup getOrAddOperator(
                OperatorID id, String name, Map<String, String> additionalVariables) {
            return operator;
        }
    }
}
