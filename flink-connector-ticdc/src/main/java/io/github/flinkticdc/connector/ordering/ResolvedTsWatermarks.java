package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.protocol.Tso;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.table.data.RowData;

/**
 * Event time from TiCDC's own progress: the source's watermark in each Kafka partition follows the
 * highest resolved ts seen there (a lower one after a replay is ignored), and Flink keeps the
 * minimum over partitions. A row's timestamp is the physical time of its commit TSO.
 *
 * <p>The watermark of resolved ts {@code W} is {@code (W >> 18) - 1} ms: rows still to come have a
 * commit TSO of at least {@code W}, whose millisecond may be that of {@code W} itself.
 */
@Internal
public final class ResolvedTsWatermarks implements WatermarkStrategy<RowData> {

    private static final long serialVersionUID = 1L;

    /** The watermark that resolved ts {@code resolvedTs} allows. */
    static long watermarkOf(long resolvedTs) {
        return Tso.physicalMillis(resolvedTs) - 1;
    }

    @Override
    public WatermarkGenerator<RowData> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        return new PartitionProgress();
    }

    @Override
    public TimestampAssigner<RowData> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        return (envelope, recordTimestamp) ->
                ChangeEnvelope.kind(envelope) == ChangeEnvelope.ROW
                        ? Tso.physicalMillis(ChangeEnvelope.tso(envelope))
                        : recordTimestamp;
    }

    /** One partition's progress (Flink makes one generator per split). */
    private static final class PartitionProgress implements WatermarkGenerator<RowData> {

        private long watermark = Long.MIN_VALUE;

        @Override
        public void onEvent(RowData envelope, long eventTimestamp, WatermarkOutput output) {
            if (ChangeEnvelope.kind(envelope) != ChangeEnvelope.PROGRESS) {
                return;
            }
            long next = watermarkOf(ChangeEnvelope.tso(envelope));
            if (next > watermark) {
                watermark = next;
                output.emitWatermark(new Watermark(next));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
