package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.convert.ValueConverters;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;

/**
 * The objects one decoder instance works with once its task has started: the row collector, the
 * metrics, and the handling of bad messages, DDLs and changelog rows.
 */
@Internal
public final class DecoderRuntime {

    private final RowImageCollector rows;
    private final DecodeMetrics metrics;
    private final BadMessageHandler badMessages;
    private final DdlGate ddlGate;
    private final ChangelogEmitter emitter;

    DecoderRuntime(
            DecoderSettings settings, MetricGroup metricGroup, String protocol, boolean upsert) {
        int physicalArity = settings.physicalRowType().getFieldCount();
        rows =
                new RowImageCollector(
                        settings.physicalRowType(),
                        ValueConverters.forRow(
                                settings.physicalRowType(), settings.timestampZone()),
                        settings.metadata().size(),
                        settings.filter());
        metrics = new DecodeMetrics(metricGroup);
        badMessages = new BadMessageHandler(protocol, settings.ignoreParseErrors(), metrics);
        ddlGate = new DdlGate(settings.ddl(), settings.filter(), metrics);
        emitter = new ChangelogEmitter(physicalArity, settings.metadata(), upsert);
    }

    public RowImageCollector rows() {
        return rows;
    }

    public DecodeMetrics metrics() {
        return metrics;
    }

    public BadMessageHandler badMessages() {
        return badMessages;
    }

    public DdlGate ddlGate() {
        return ddlGate;
    }

    public ChangelogEmitter emitter() {
        return emitter;
    }
}
