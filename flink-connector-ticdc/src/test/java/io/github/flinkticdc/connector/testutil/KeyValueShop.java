package io.github.flinkticdc.connector.testutil;

import io.github.flinkticdc.testing.KafkaBroker;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Three TiDB tables of {@code (id BIGINT, v VARCHAR)}, {@code shop.orders}, {@code shop.items} and
 * {@code shop.payments}, changed by random transactions: inserts, updates of a value or of the key
 * (which TiCDC splits into DELETE and INSERT) and deletes; ids are unique over the three tables.
 * And the changelog TiDB committed, as a Flink table {@code (id, v, commit_ts)} reads it.
 */
public final class KeyValueShop {

    public static final List<TiDbTable> TABLES =
            List.of(table("orders"), table("items"), table("payments"));

    private final Random random;
    private final Map<TiDbTable, List<Long>> ids = new LinkedHashMap<>();
    private long nextId = 1;

    /** A shop whose transactions follow from {@code seed}. */
    public KeyValueShop(long seed) {
        random = new Random(seed);
        TABLES.forEach(t -> ids.put(t, new ArrayList<>()));
    }

    private static TiDbTable table(String name) {
        return TiDbTable.of("shop", name).pk("id", "bigint").column("v", "varchar");
    }

    /**
     * One transaction of one to three random changes; returns its commit TSO. Like TiDB, a
     * transaction changes each row at most once (TiKV keeps only a key's last version in it).
     */
    public long transaction(TiCdcChangefeed feed) {
        Set<Long> touched = new HashSet<>();
        return feed.transaction(
                tx -> {
                    for (int op = 0; op < 1 + random.nextInt(3); op++) {
                        change(tx, touched);
                    }
                });
    }

    /**
     * Plays {@code transactions} random transactions into {@code feed}, a watermark after every
     * fourth, and after each transaction listed in {@code restartAfter} a TiCDC restart from the
     * watermark two before its newest; then a last watermark, and sends it all to {@code broker}.
     */
    public static TiCdcChangefeed replicate(
            TiCdcChangefeed feed,
            KafkaBroker broker,
            long seed,
            int transactions,
            int... restartAfter) {
        broker.createTopic(feed.topic(), feed.partitions());
        KeyValueShop shop = new KeyValueShop(seed);
        List<Long> watermarks = new ArrayList<>();
        for (int tx = 1; tx <= transactions; tx++) {
            shop.transaction(feed);
            if (tx % 4 == 0) {
                feed.watermark();
                watermarks.add(feed.events().get(feed.events().size() - 1).commitTs());
            }
            for (int restart : restartAfter) {
                if (tx == restart && feed.restartFrom(watermarks.get(watermarks.size() - 3)) <= 0) {
                    throw new IllegalStateException("the restart after " + tx + " replays nothing");
                }
            }
        }
        feed.watermark();
        feed.sendTo(broker);
        return feed;
    }

    /** The id of a row that {@code table} holds now. */
    public long liveId(TiDbTable table) {
        return ids.get(table).get(0);
    }

    /**
     * One insert, update (of a value or of the key) or delete in a random table, of a row the
     * transaction has not {@code touched} yet.
     */
    private void change(TiCdcChangefeed.Transaction tx, Set<Long> touched) {
        TiDbTable table = TABLES.get(random.nextInt(TABLES.size()));
        List<Long> live = ids.get(table);
        List<Long> untouched = new ArrayList<>(live);
        untouched.removeAll(touched);
        int action = untouched.isEmpty() ? 0 : random.nextInt(4);
        if (action == 0) {
            long id = nextId++;
            tx.insert(table, table.row(id, "v" + id));
            live.add(id);
            touched.add(id);
            return;
        }
        Long id = untouched.get(random.nextInt(untouched.size()));
        touched.add(id);
        switch (action) {
            case 1:
                tx.update(table, TiDbTable.key(id), Map.of("v", "u" + random.nextInt(1000)));
                break;
            case 2:
                long newId = nextId++;
                touched.add(newId);
                tx.update(table, TiDbTable.key(id), Map.of("id", String.valueOf(newId)));
                live.set(live.indexOf(id), newId);
                break;
            default:
                tx.delete(table, TiDbTable.key(id));
                live.remove(id);
        }
    }

    /** The rows each first copy of a row event of {@code table} gives, in the order written. */
    public static List<Row> committed(TiCdcChangefeed feed, TiDbTable table) {
        List<Row> rows = new ArrayList<>();
        for (TiCdcChangefeed.Event e : feed.events()) {
            if (e.isReplay() || !e.isRow() || !table.equals(e.table())) {
                continue;
            }
            switch (e.type()) {
                case "INSERT":
                    rows.add(row(RowKind.INSERT, e.after(), e.commitTs()));
                    break;
                case "UPDATE":
                    rows.add(row(RowKind.UPDATE_BEFORE, e.before(), e.commitTs()));
                    rows.add(row(RowKind.UPDATE_AFTER, e.after(), e.commitTs()));
                    break;
                default:
                    rows.add(row(RowKind.DELETE, e.after(), e.commitTs()));
            }
        }
        return rows;
    }

    /** The rows of every table; see {@link #committed(TiCdcChangefeed, TiDbTable)}. */
    public static List<Row> committed(TiCdcChangefeed feed) {
        List<Row> rows = new ArrayList<>();
        TABLES.forEach(t -> rows.addAll(committed(feed, t)));
        return rows;
    }

    /** A row {@code (id, v, commit_ts)} of the given kind. */
    public static Row row(RowKind kind, Map<String, String> image, long commitTs) {
        return Row.ofKind(kind, Long.parseLong(image.get("id")), image.get("v"), commitTs);
    }

    /** Each key's changes in the order they come. */
    public static Map<Object, List<Row>> byKey(List<Row> changelog) {
        Map<Object, List<Row>> byKey = new TreeMap<>();
        for (Row row : changelog) {
            byKey.computeIfAbsent(row.getField(0), k -> new ArrayList<>()).add(row);
        }
        return byKey;
    }
}
