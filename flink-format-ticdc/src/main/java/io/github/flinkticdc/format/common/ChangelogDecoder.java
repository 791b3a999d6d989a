package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.convert.ValueConverters;
import io.github.flinkticdc.format.protocol.ClaimCheckStorageException;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.TiCdcRecordReader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one decode path of every TiCDC protocol: reads the events of a Kafka record with the
 * protocol's {@link TiCdcRecordReader} and turns them into changelog rows and events for a {@link
 * ChangelogOutput}.
 *
 * <p>What it does for every protocol alike: counts tombstones; treats each event as one unit, so
 * whatever decoding an event raises fails with what was wrong or, with {@code ignore-parse-errors},
 * skips and counts that event alone; counts the row changes of tables the filters exclude; applies
 * the {@code ddl} option (unless the output defers it); counts progress events; and emits the rows
 * with their metadata. What the output raises is not caught, and neither is the failure that {@code
 * ddl = fail} asks for.
 *
 * <p>Serializable with its settings; {@link #open} makes the per-task objects.
 */
@Internal
public final class ChangelogDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DecoderSettings settings;

    private transient TiCdcRecordReader reader;
    private transient RowImageCollector rows;
    private transient DecodeMetrics metrics;
    private transient BadMessageHandler badMessages;
    private transient DdlGate ddlGate;
    private transient ChangelogEmitter emitter;

    public ChangelogDecoder(DecoderSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public DecoderSettings settings() {
        return settings;
    }

    /** Prepares the decoder in its task, registering its metrics on {@code metricGroup}. */
    public void open(MetricGroup metricGroup) {
        DecoderOptions options = settings.options();
        TableFilter filter = options.filter();
        reader = settings.protocol().newReader(settings);
        rows =
                new RowImageCollector(
                        settings.physicalRowType(),
                        ValueConverters.forRow(settings.physicalRowType(), options.timestampZone()),
                        settings.metadata().size(),
                        filter);
        rows.setTypeNames(reader::declaredType);
        metrics = new DecodeMetrics(metricGroup);
        badMessages = new BadMessageHandler(settings.protocol().toString(), options, metrics);
        ddlGate = new DdlGate(options.ddl(), filter, metrics);
        emitter =
                new ChangelogEmitter(
                        settings.physicalRowType().getFieldCount(),
                        settings.metadata(),
                        settings.upsert());
    }

    /**
     * Decodes the events of one Kafka record.
     *
     * @param key the record key, or null
     * @param value the record value, or null
     * @param origin where the record came from (e.g. topic, partition and offset), asked only on an
     *     error; or null
     */
    public void decode(byte[] key, byte[] value, ChangelogOutput out, Supplier<String> origin)
            throws IOException {
        try {
            if (!reader.reset(key, value)) {
                metrics.tombstoneSkipped();
                return;
            }
        } catch (IOException | RuntimeException e) {
            badMessages.handle(BadMessageHandler.reason(e), reader.excerpt(), origin, e);
            return;
        }
        EventType event;
        while ((event = nextEvent(origin)) != null) {
            switch (event) {
                case ROW_CHANGE:
                    if (reader.rowsRead()) {
                        if (reader.rowChecksumUnverified()) {
                            metrics.checksumUnverified();
                        }
                        emitter.emit(reader.rowChange(), rows, out);
                    } else {
                        metrics.eventFiltered();
                    }
                    break;
                case PROGRESS:
                    metrics.watermarkEvent();
                    out.progress(reader.resolvedTs());
                    break;
                default:
                    DdlEvent ddl = reader.ddl();
                    if (ddlGate.accepts(ddl)) {
                        if (!out.defersDdlHandling()) {
                            ddlGate.apply(ddl, origin);
                        }
                        out.ddl(ddl);
                    }
            }
        }
    }

    /**
     * Reads the next event of the record that decodes, handling each bad one (which fails unless
     * parse errors are ignored); null after the last.
     */
    private EventType nextEvent(Supplier<String> origin) throws IOException {
        while (true) {
            try {
                rows.reset();
                return reader.next(rows);
            } catch (ClaimCheckStorageException e) {
                // The storage failed, not the message: a restart reads the row again.
                throw e;
            } catch (IOException | RuntimeException e) {
                badMessages.handle(
                        BadMessageHandler.reason(e) + reader.hint(), reader.excerpt(), origin, e);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangelogDecoder && settings.equals(((ChangelogDecoder) o).settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
