package io.github.flinkticdc.connector.ordering;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinkticdc.connector.ordering.Envelopes.tso;
import static org.assertj.core.api.Assertions.assertThat;

/** Event time and watermarks of one Kafka partition from TiCDC's progress events. */
class ResolvedTsWatermarksTest {

    private final ResolvedTsWatermarks strategy = new ResolvedTsWatermarks();
    private final WatermarkGenerator<RowData> partition = strategy.createWatermarkGenerator(null);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    emitted.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    /**
     * Resolved ts {@code W} gives the watermark {@code (W >> 18) - 1}: rows still to come commit at
     * {@code W} or later, possibly in W's own millisecond.
     */
    @Test
    void theWatermarkOfResolvedTsIsTheMillisecondBeforeIt() throws IOException {
        progress(tso(1_000, 7));

        assertThat(emitted).containsExactly(999L);
    }

    /**
     * A lower resolved ts after a higher one (TiCDC's replay of an old watermark after a restart)
     * does not move the watermark back, nor does one in the same millisecond; a higher one does.
     */
    @Test
    void aLowerResolvedTsDoesNotMoveTheWatermarkBack() throws IOException {
        progress(tso(2_000, 1));
        progress(tso(1_000, 1));
        progress(tso(2_000, 5));
        progress(tso(2_001, 0));

        assertThat(emitted).containsExactly(1_999L, 2_000L);
    }

    /**
     * A row's event time is its commit millisecond; rows move no watermark, and a progress event
     * keeps its record timestamp.
     */
    @Test
    void rowsHaveTheirCommitMillisecondAsEventTimeAndMoveNoWatermark() throws IOException {
        TimestampAssigner<RowData> assigner = strategy.createTimestampAssigner(null);
        RowData row = Envelopes.row(GenericRowData.of(1L), tso(1_500, 3));
        RowData progress = Envelopes.progress(tso(1_600, 0));

        partition.onEvent(row, assigner.extractTimestamp(row, 42L), output);

        assertThat(assigner.extractTimestamp(row, 42L)).isEqualTo(1_500L);
        assertThat(assigner.extractTimestamp(progress, 42L)).isEqualTo(42L);
        assertThat(emitted).isEmpty();
    }

    private void progress(long resolvedTs) throws IOException {
        partition.onEvent(Envelopes.progress(resolvedTs), 0L, output);
    }
}
