package io.github.flinkticdc.benchmarks.endtoend;

import java.util.EnumMap;
import java.util.Map;

/** What {@link TopicFiller} wrote: the row changes, and each topic's records and bytes. */
final class FilledTopics {

    /** Row changes (INSERT, UPDATE, DELETE events) in each topic. */
    final long rowEvents;

    final long inserts;
    final long updates;
    final long deletes;

    /** TiCDC watermarks (Open Protocol: resolved events) in each topic. */
    final long watermarks;

    private final Map<TiCdcTopic, Long> records;
    private final Map<TiCdcTopic, Long> bytes;

    FilledTopics(
            OrdersWorkload workload,
            long watermarks,
            Map<TiCdcTopic, Long> records,
            Map<TiCdcTopic, Long> bytes) {
        this.inserts = workload.count(RowChange.Kind.INSERT);
        this.updates = workload.count(RowChange.Kind.UPDATE);
        this.deletes = workload.count(RowChange.Kind.DELETE);
        this.rowEvents = inserts + updates + deletes;
        this.watermarks = watermarks;
        this.records = new EnumMap<>(records);
        this.bytes = new EnumMap<>(bytes);
    }

    /** Kafka records in the topic, which is also its end offset (one partition). */
    long records(TiCdcTopic topic) {
        return records.get(topic);
    }

    /** Bytes of the events' keys and values in the topic (without Open Protocol's framing). */
    long bytes(TiCdcTopic topic) {
        return bytes.get(topic);
    }
}
