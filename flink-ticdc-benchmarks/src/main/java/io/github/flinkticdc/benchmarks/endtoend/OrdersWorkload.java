package io.github.flinkticdc.benchmarks.endtoend;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The transactions an order system commits to {@link OrdersTable}: 1 to 4 row changes each, 70%
 * inserts of new orders, 20% updates and 10% deletes of orders that exist. Seeded, so every run
 * writes the same topics.
 *
 * <p>A transaction changes a row at most once, as TiDB merges what one transaction does to a row.
 * It counts what it made, so that a job's output can be checked against it.
 */
final class OrdersWorkload {

    private static final int MAX_ROWS_PER_TRANSACTION = 4;
    private static final int TRIES_FOR_AN_UNTOUCHED_ROW = 8;

    private final Random random = new Random(20_260_101L);
    private final List<Long> liveIds = new ArrayList<>();
    private final Map<RowChange.Kind, Long> counts = new EnumMap<>(RowChange.Kind.class);
    private long nextId = 1_000_000L;
    private long transactions;

    /**
     * From now on, updates and deletes pick only rows inserted after this call: the next changes go
     * to a new changefeed, whose model of the table holds none of the rows before.
     */
    void forgetRows() {
        liveIds.clear();
    }

    /** The changes of the next transaction: at least one, at most {@code maxRows}. */
    List<RowChange> nextTransaction(int maxRows) {
        transactions++;
        int size = Math.min(maxRows, 1 + random.nextInt(MAX_ROWS_PER_TRANSACTION));
        List<RowChange> changes = new ArrayList<>(size);
        Set<Long> touched = new HashSet<>();
        for (int i = 0; i < size; i++) {
            RowChange change = nextChange(touched);
            counts.merge(change.kind, 1L, Long::sum);
            changes.add(change);
        }
        return changes;
    }

    /** How many row changes of this kind were made. */
    long count(RowChange.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    private RowChange nextChange(Set<Long> touched) {
        int dice = random.nextInt(10);
        if (dice >= 7) {
            int index = untouchedLiveIndex(touched);
            if (index >= 0) {
                long id = liveIds.get(index);
                touched.add(id);
                if (dice < 9) {
                    return RowChange.update(id, OrdersTable.changes(transactions, random));
                }
                // Swap-remove keeps a delete O(1); the order of liveIds does not matter.
                liveIds.set(index, liveIds.get(liveIds.size() - 1));
                liveIds.remove(liveIds.size() - 1);
                return RowChange.delete(id);
            }
        }
        long id = nextId++;
        liveIds.add(id);
        touched.add(id);
        return RowChange.insert(OrdersTable.newRow(id, transactions, random));
    }

    /** A random live row this transaction has not changed yet; -1 if none was found. */
    private int untouchedLiveIndex(Set<Long> touched) {
        for (int t = 0; t < TRIES_FOR_AN_UNTOUCHED_ROW && !liveIds.isEmpty(); t++) {
            int index = random.nextInt(liveIds.size());
            if (!touched.contains(liveIds.get(index))) {
                return index;
            }
        }
        return -1;
    }
}
