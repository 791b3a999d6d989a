package io.github.flinkticdc.testing;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Plays TiDB plus a TiCDC changefeed (canal-json, Open Protocol or simple) into one Kafka topic,
 * and keeps a model of what the source tables hold, so a test can compare what Flink reads with the
 * truth.
 *
 * <p>It follows TiCDC's rules (spec §1): every transaction gets a new, increasing commit TSO shared
 * by all its rows; within a transaction deletes come before updates before inserts; an UPDATE that
 * changes the primary key is split into a DELETE of the old row and an INSERT of the new one; all
 * rows of a table go to one partition (the {@code table} dispatcher, unless {@link
 * #dispatchByIndexValue}); DDLs go to partition 0 (canal-json) or to every partition (Open
 * Protocol, simple) and are followed by a watermark; watermarks (Open Protocol: resolved events) go
 * to every partition. Open Protocol records batch consecutive row events of a partition (see {@link
 * OpenProtocolWriter#withMaxBatchSize}).
 *
 * <p>Messages are collected until {@link #sendTo(KafkaBroker)}, which records each event's offset
 * (the events of one Open Protocol record share it).
 */
public final class TiCdcChangefeed {

    private final String topic;
    private final int partitions;
    private FeedProtocol protocol;
    private final Map<TiDbTable, Map<List<String>, Map<String, String>>> model =
            new LinkedHashMap<>();
    private final Map<String, TiDbTable> tables = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Event> unsent = new ArrayList<>();
    private long physicalMillis;
    private int transactions;
    private long lastCommitTs;
    private boolean dispatchByIndexValue;

    /**
     * @param startMillis physical time of the first commit (epoch ms); later commits advance it
     */
    public TiCdcChangefeed(String topic, int partitions, CanalJsonWriter writer, long startMillis) {
        this(topic, partitions, new CanalJsonFeed(writer), startMillis);
    }

    /**
     * A changefeed with {@code protocol=open-protocol}.
     *
     * @param startMillis physical time of the first commit (epoch ms); later commits advance it
     */
    public TiCdcChangefeed(
            String topic, int partitions, OpenProtocolWriter writer, long startMillis) {
        this(topic, partitions, new OpenProtocolFeed(writer), startMillis);
    }

    /**
     * A changefeed with {@code protocol=simple}.
     *
     * @param startMillis physical time of the first commit (epoch ms); later commits advance it
     */
    public TiCdcChangefeed(String topic, int partitions, SimpleWriter writer, long startMillis) {
        this(topic, partitions, new SimpleFeed(writer), startMillis);
    }

    /**
     * A changefeed with {@code protocol=debezium}.
     *
     * @param startMillis physical time of the first commit (epoch ms); later commits advance it
     */
    public TiCdcChangefeed(String topic, int partitions, DebeziumWriter writer, long startMillis) {
        this(topic, partitions, new DebeziumFeed(writer), startMillis);
    }

    private TiCdcChangefeed(String topic, int partitions, FeedProtocol protocol, long startMillis) {
        this.topic = topic;
        this.partitions = partitions;
        this.protocol = protocol;
        this.physicalMillis = startMillis;
    }

    public String topic() {
        return topic;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * Dispatches rows as TiCDC's {@code index-value} dispatcher does, by the hash of their primary
     * key, instead of by table: the rows of one table spread over the partitions, and the DELETE
     * and INSERT of an update that changes the key may go to different ones.
     *
     * @return this
     */
    public TiCdcChangefeed dispatchByIndexValue() {
        this.dispatchByIndexValue = true;
        return this;
    }

    /**
     * Sends every n-th row event as TiCDC's {@code large-message-handle-option = claim-check} does
     * an event too large for Kafka: the full event as an object in {@code storage}, the topic a
     * handle-key-only message naming it. Call before the first event.
     *
     * @return this
     */
    public TiCdcChangefeed withClaimCheck(ClaimCheckStorage storage, int everyNthRow) {
        if (!events.isEmpty()) {
            throw new IllegalStateException("claim-check must be set before the first event");
        }
        this.protocol = new ClaimCheckFeed(protocol, storage, everyNthRow);
        return this;
    }

    /** The partition TiCDC's {@code table} dispatcher gives every row of the table. */
    public int partitionOf(TiDbTable table) {
        return Math.floorMod(table.qualifiedName().hashCode(), partitions);
    }

    /** Runs one TiDB transaction; everything done through {@code tx} shares one commit TSO. */
    public long transaction(Consumer<Transaction> body) {
        long commitTs = nextCommitTs();
        Transaction tx = new Transaction(commitTs);
        body.accept(tx);
        // TiCDC's txnRows order: deletes, then updates, then inserts (stable otherwise).
        tx.rows.sort(Comparator.comparingInt(e -> e.kindOrder));
        for (Event e : tx.rows) {
            emit(e);
        }
        return commitTs;
    }

    /** One INSERT in its own transaction. */
    public long insert(TiDbTable table, Map<String, String> row) {
        return transaction(tx -> tx.insert(table, row));
    }

    /** One UPDATE in its own transaction; see {@link Transaction#update}. */
    public long update(TiDbTable table, List<String> key, Map<String, String> changes) {
        return transaction(tx -> tx.update(table, key, changes));
    }

    /** One DELETE in its own transaction. */
    public long delete(TiDbTable table, List<String> key) {
        return transaction(tx -> tx.delete(table, key));
    }

    /**
     * A table-level DDL. When {@code after} differs from {@code before} (e.g. a column was added or
     * dropped) the model's rows follow it; new columns are NULL. Returns the table to use from now
     * on.
     */
    public TiDbTable ddl(TiDbTable before, TiDbTable after, CanalDdlType type, String sql) {
        long commitTs = nextCommitTs();
        emitDdl(before, protocol.tableDdl(before, after, type, sql, commitTs), commitTs);
        Map<List<String>, Map<String, String>> rows = model.remove(before);
        if (rows != null) {
            for (Map<String, String> row : rows.values()) {
                row.keySet()
                        .removeIf(c -> after.columns().stream().noneMatch(a -> a.name().equals(c)));
                for (TiDbTable.Column c : after.columns()) {
                    row.putIfAbsent(c.name(), null);
                }
            }
            model.put(after, rows);
        }
        tables.put(after.qualifiedName(), after);
        watermark();
        return after;
    }

    /** A schema-level DDL ({@code CREATE DATABASE} and the like): table is empty. */
    public void schemaDdl(String database, CanalDdlType type, String sql) {
        long commitTs = nextCommitTs();
        emitDdl(
                TiDbTable.of(database, ""),
                protocol.ddl(database, "", type, sql, commitTs),
                commitTs);
        watermark();
    }

    private void emitDdl(TiDbTable table, FeedProtocol.Encoded ddl, long commitTs) {
        int copies = protocol.ddlToEveryPartition() ? partitions : 1;
        for (int p = 0; p < copies; p++) {
            emit(new Event(table, "DDL", commitTs, p, null, null, ddl));
        }
    }

    /**
     * A watermark (Open Protocol: a resolved event) at the last commit TSO, to every partition;
     * nothing for canal-json without the TiDB extension (TiCDC sends none then).
     */
    public void watermark() {
        FeedProtocol.Encoded watermark = protocol.watermark(lastCommitTs);
        if (watermark == null) {
            return;
        }
        for (int p = 0; p < partitions; p++) {
            emit(new Event(null, "WATERMARK", lastCommitTs, p, null, null, watermark));
        }
    }

    /**
     * TiCDC restarts the changefeed from its checkpoint {@code checkpointTs} (after a TiCDC
     * restart, a table moving to another capture, a Kafka producer error): every event after it is
     * written again, rows, DDLs and watermarks, in the order first written, each to the partition
     * of its first copy. The model does not change; the copies are {@link Event#isReplay()
     * replays}.
     *
     * @return how many events are written again
     */
    public int restartFrom(long checkpointTs) {
        List<Event> again = new ArrayList<>();
        for (Event e : events) {
            if (!e.replay && e.commitTs > checkpointTs) {
                again.add(e.replayed());
            }
        }
        again.forEach(this::emit);
        return again.size();
    }

    /** Writes every message not yet sent and records its offset. */
    public void sendTo(KafkaBroker broker) {
        Map<Integer, List<Event>> byPartition = new TreeMap<>();
        for (Event e : unsent) {
            byPartition.computeIfAbsent(e.partition, p -> new ArrayList<>()).add(e);
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<List<Event>> eventsOfRecord = new ArrayList<>();
        byPartition.forEach(
                (partition, events) -> {
                    int next = 0;
                    for (FeedProtocol.Record r : protocol.records(events)) {
                        records.add(new ProducerRecord<>(topic, partition, r.key, r.value));
                        eventsOfRecord.add(events.subList(next, next + r.events));
                        next += r.events;
                    }
                });
        List<RecordMetadata> metadata = broker.produce(records);
        for (int i = 0; i < records.size(); i++) {
            for (Event e : eventsOfRecord.get(i)) {
                e.offset = metadata.get(i).offset();
            }
        }
        unsent.clear();
    }

    /** Every message so far, in the order written. */
    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    /** Messages written since the last {@link #sendTo}. */
    public List<Event> unsentEvents() {
        return Collections.unmodifiableList(unsent);
    }

    /** What the table holds now: rows (column name to text) in insertion order of their keys. */
    public List<Map<String, String>> rows(TiDbTable table) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row :
                model.getOrDefault(current(table), Collections.emptyMap()).values()) {
            rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        return rows;
    }

    private TiDbTable current(TiDbTable table) {
        return tables.getOrDefault(table.qualifiedName(), table);
    }

    private Map<List<String>, Map<String, String>> rowsOf(TiDbTable table) {
        TiDbTable current = current(table);
        if (!current.equals(table)) {
            throw new IllegalArgumentException(
                    "Stale table "
                            + table
                            + ": after its DDL use the table ddl() returned, "
                            + current);
        }
        tables.putIfAbsent(table.qualifiedName(), table);
        return model.computeIfAbsent(table, t -> new LinkedHashMap<>());
    }

    private long nextCommitTs() {
        transactions++;
        // A few ms apart with a non-zero logical part, like TSOs of a busy TiDB.
        physicalMillis += 3 + transactions % 5;
        lastCommitTs = CanalJsonWriter.tso(physicalMillis, transactions % 7);
        return lastCommitTs;
    }

    private void emit(Event event) {
        events.add(event);
        unsent.add(event);
    }

    /** The rows of one transaction; only valid inside {@link #transaction}. */
    public final class Transaction {
        private final long commitTs;
        private final List<Event> rows = new ArrayList<>();

        private Transaction(long commitTs) {
            this.commitTs = commitTs;
        }

        public long commitTs() {
            return commitTs;
        }

        /** Inserts a new row; its key must not exist. */
        public void insert(TiDbTable table, Map<String, String> row) {
            Map<String, String> copy = new LinkedHashMap<>(table.row(values(table, row)));
            List<String> key = table.keyOf(copy);
            if (rowsOf(table).putIfAbsent(key, copy) != null) {
                throw new IllegalArgumentException(
                        "Duplicate key " + key + " in " + table.qualifiedName());
            }
            rows.add(dml(table, "INSERT", null, copy));
        }

        /**
         * Updates the row with this key by the given column values. When the primary key changes
         * the event is split into DELETE and INSERT, as TiCDC does by default.
         */
        public void update(TiDbTable table, List<String> key, Map<String, String> changes) {
            Map<List<String>, Map<String, String>> tableRows = rowsOf(table);
            Map<String, String> before = existing(table, key);
            Map<String, String> after = new LinkedHashMap<>(before);
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (!after.containsKey(change.getKey())) {
                    throw new IllegalArgumentException(
                            table.qualifiedName() + " has no column " + change.getKey());
                }
                after.put(change.getKey(), change.getValue());
            }
            List<String> newKey = table.keyOf(after);
            if (newKey.equals(key)) {
                tableRows.put(key, after);
                rows.add(dml(table, "UPDATE", before, after));
                return;
            }
            if (tableRows.containsKey(newKey)) {
                throw new IllegalArgumentException(
                        "Duplicate key " + newKey + " in " + table.qualifiedName());
            }
            tableRows.remove(key);
            tableRows.put(newKey, after);
            rows.add(dml(table, "DELETE", null, before));
            rows.add(dml(table, "INSERT", null, after));
        }

        /** Deletes the row with this key. */
        public void delete(TiDbTable table, List<String> key) {
            Map<String, String> before = existing(table, key);
            rowsOf(table).remove(key);
            rows.add(dml(table, "DELETE", null, before));
        }

        private Map<String, String> existing(TiDbTable table, List<String> key) {
            Map<String, String> row = rowsOf(table).get(key);
            if (row == null) {
                throw new IllegalArgumentException(
                        "No row with key " + key + " in " + table.qualifiedName());
            }
            return row;
        }

        private Event dml(
                TiDbTable table,
                String type,
                Map<String, String> before,
                Map<String, String> after) {
            FeedProtocol.Encoded value;
            switch (type) {
                case "INSERT":
                    value = protocol.insert(table, commitTs, after);
                    break;
                case "UPDATE":
                    value = protocol.update(table, commitTs, before, after);
                    break;
                default:
                    value = protocol.delete(table, commitTs, after);
            }
            return new Event(
                    table,
                    type,
                    commitTs,
                    dispatchByIndexValue
                            ? Math.floorMod(table.keyOf(after).hashCode(), partitions)
                            : partitionOf(table),
                    before == null ? null : new LinkedHashMap<>(before),
                    new LinkedHashMap<>(after),
                    value);
        }

        private Object[] values(TiDbTable table, Map<String, String> row) {
            List<Object> values = new ArrayList<>();
            for (TiDbTable.Column c : table.columns()) {
                if (!row.containsKey(c.name())) {
                    throw new IllegalArgumentException("Row has no value for column " + c.name());
                }
                values.add(row.get(c.name()));
            }
            return values.toArray();
        }
    }

    /**
     * One event of the changefeed: a row event ({@code INSERT}, {@code UPDATE}, {@code DELETE}), a
     * {@code DDL} or a {@code WATERMARK} (Open Protocol: resolved), with where it went. A DDL or
     * watermark sent to several partitions is one event per partition.
     */
    public static final class Event {
        private final TiDbTable table;
        private final String type;
        private final long commitTs;
        private final int partition;
        private final Map<String, String> before;
        private final Map<String, String> after;
        private final byte[] key;
        private final byte[] value;
        private final int kindOrder;
        private final boolean replay;
        private long offset = -1;

        Event(
                TiDbTable table,
                String type,
                long commitTs,
                int partition,
                Map<String, String> before,
                Map<String, String> after,
                FeedProtocol.Encoded encoded) {
            this(
                    table,
                    type,
                    commitTs,
                    partition,
                    before,
                    after,
                    encoded.key,
                    encoded.value,
                    false);
        }

        private Event(
                TiDbTable table,
                String type,
                long commitTs,
                int partition,
                Map<String, String> before,
                Map<String, String> after,
                byte[] key,
                byte[] value,
                boolean replay) {
            this.table = table;
            this.type = type;
            this.commitTs = commitTs;
            this.partition = partition;
            this.before = before;
            this.after = after;
            this.key = key;
            this.value = value;
            this.kindOrder = "DELETE".equals(type) ? 0 : "UPDATE".equals(type) ? 1 : 2;
            this.replay = replay;
        }

        /** A second copy of this event, as TiCDC writes it after a restart. */
        private Event replayed() {
            return new Event(table, type, commitTs, partition, before, after, key, value, true);
        }

        /** Whether this is a copy TiCDC wrote again after a restart ({@link #restartFrom}). */
        public boolean isReplay() {
            return replay;
        }

        /** The table; {@code null} for a watermark. */
        public TiDbTable table() {
            return table;
        }

        /** {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code DDL} or {@code WATERMARK}. */
        public String type() {
            return type;
        }

        public boolean isRow() {
            return kindOrder < 2 || "INSERT".equals(type);
        }

        /** Commit TSO (watermark TSO for a watermark). */
        public long commitTs() {
            return commitTs;
        }

        public int partition() {
            return partition;
        }

        /** Kafka offset, once sent; -1 before. */
        public long offset() {
            return offset;
        }

        /** The old image of an UPDATE; {@code null} otherwise. */
        public Map<String, String> before() {
            return before;
        }

        /** The new image (INSERT, UPDATE) or the deleted row (DELETE); {@code null} otherwise. */
        public Map<String, String> after() {
            return after;
        }

        /**
         * The event's value: the Kafka record value for canal-json, the event's entry in its
         * record's value for Open Protocol (compressed if so configured).
         */
        public byte[] value() {
            return value;
        }

        /** The Open Protocol event key JSON; null for canal-json. */
        public byte[] key() {
            return key;
        }

        @Override
        public String toString() {
            return type
                    + (table == null ? "" : " " + table.qualifiedName())
                    + " @"
                    + commitTs
                    + " p"
                    + partition
                    + "/"
                    + offset
                    + (after == null ? "" : " " + after)
                    + (replay ? " (replay)" : "");
        }
    }
}
