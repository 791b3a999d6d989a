package io.github.flinkticdc.benchmarks.endtoend;

import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.KafkaBroker;
import io.github.flinkticdc.testing.TiCdcChangefeed;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the {@link OrdersWorkload}'s transactions to both {@link TiCdcTopic}s as TiCDC would: the
 * same changes, commit TSOs and watermarks in each protocol.
 *
 * <p>TiCDC writes a watermark about once a second; a changefeed's commits are about 5 ms apart, so
 * that is every {@value #TRANSACTIONS_PER_WATERMARK} transactions, about 500 rows. The topics are
 * written in chunks of a new changefeed each, because a changefeed keeps every event it wrote: a
 * million of them, twice, would need gigabytes of heap. Each chunk starts after the last commit of
 * the one before, so the TSOs keep increasing over the topic.
 */
final class TopicFiller {

    private static final int TRANSACTIONS_PER_WATERMARK = 200;
    private static final int ROW_EVENTS_PER_CHUNK = 20_000;
    private static final long FIRST_COMMIT_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00Z

    private final KafkaBroker broker;
    private final OrdersWorkload workload = new OrdersWorkload();
    // Written by the sender thread; read after its last send has completed.
    private final Map<TiCdcTopic, Long> records = new EnumMap<>(TiCdcTopic.class);
    private final Map<TiCdcTopic, Long> bytes = new EnumMap<>(TiCdcTopic.class);
    private long watermarks;
    private long transactions;

    TopicFiller(KafkaBroker broker) {
        this.broker = broker;
    }

    /** Creates both topics and writes {@code rowEvents} row changes to each. */
    FilledTopics fill(long rowEvents) throws InterruptedException, ExecutionException {
        for (TiCdcTopic topic : TiCdcTopic.values()) {
            broker.createTopic(topic.name, TiCdcTopic.PARTITIONS);
        }
        // Encoding a chunk and waiting for the broker to take the one before take about as long
        // each, so they overlap: one chunk in the sender while the next is made.
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<?> sending = null;
            long written = 0;
            long lastCommitMillis = FIRST_COMMIT_MILLIS;
            while (written < rowEvents) {
                long chunkEnd = Math.min(rowEvents, written + ROW_EVENTS_PER_CHUNK);
                Map<TiCdcTopic, TiCdcChangefeed> feeds = new EnumMap<>(TiCdcTopic.class);
                for (TiCdcTopic topic : TiCdcTopic.values()) {
                    feeds.put(topic, topic.changefeed(lastCommitMillis));
                }
                workload.forgetRows();
                written = writeChunk(feeds, written, chunkEnd);
                lastCommitMillis = lastCommitMillis(feeds.get(TiCdcTopic.CANAL_JSON));
                if (sending != null) {
                    sending.get();
                }
                sending = sender.submit(() -> send(feeds));
            }
            sending.get();
        } finally {
            sender.shutdownNow();
        }
        return new FilledTopics(workload, watermarks, records, bytes);
    }

    /** The transactions up to {@code chunkEnd} row changes, and a watermark after the last. */
    private long writeChunk(Map<TiCdcTopic, TiCdcChangefeed> feeds, long written, long chunkEnd) {
        boolean watermarked = false;
        while (written < chunkEnd) {
            List<RowChange> changes =
                    workload.nextTransaction((int) Math.min(Integer.MAX_VALUE, chunkEnd - written));
            for (TiCdcChangefeed feed : feeds.values()) {
                feed.transaction(tx -> changes.forEach(c -> c.applyTo(tx)));
            }
            written += changes.size();
            watermarked = ++transactions % TRANSACTIONS_PER_WATERMARK == 0;
            if (watermarked) {
                watermark(feeds);
            }
        }
        if (!watermarked) {
            // Everything written is below a watermark, as when TiCDC's next one comes.
            watermark(feeds);
        }
        return written;
    }

    private void watermark(Map<TiCdcTopic, TiCdcChangefeed> feeds) {
        feeds.values().forEach(TiCdcChangefeed::watermark);
        watermarks++;
    }

    /** Sends each changefeed's events and counts its records and bytes. */
    private void send(Map<TiCdcTopic, TiCdcChangefeed> feeds) {
        for (Map.Entry<TiCdcTopic, TiCdcChangefeed> entry : feeds.entrySet()) {
            TiCdcChangefeed feed = entry.getValue();
            feed.sendTo(broker);
            List<TiCdcChangefeed.Event> events = feed.events();
            records.put(entry.getKey(), events.get(events.size() - 1).offset() + 1);
            long chunkBytes = 0;
            for (TiCdcChangefeed.Event e : events) {
                chunkBytes += e.value().length + (e.key() == null ? 0 : e.key().length);
            }
            bytes.merge(entry.getKey(), chunkBytes, Long::sum);
        }
    }

    private static long lastCommitMillis(TiCdcChangefeed feed) {
        List<TiCdcChangefeed.Event> events = feed.events();
        return CanalJsonWriter.physicalMillis(events.get(events.size() - 1).commitTs());
    }
}
