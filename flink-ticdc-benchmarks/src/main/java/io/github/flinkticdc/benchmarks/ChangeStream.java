package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.testing.CanalJsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic stream of row events on one table, so that every run and every decoder sees the
 * same changes. Commit TSOs increase as TiDB's do: transactions of one to four rows share one, a
 * few milliseconds apart, with a logical part. Updates and deletes pick a random row that is in the
 * table: one the stream inserted or one of the rows there before it began.
 */
final class ChangeStream {

    /** 2026-03-01T00:00:00Z: physical time of the first commit. */
    private static final long START_MILLIS = 1_772_323_200_000L;

    /** Rows in the table when the stream begins, so that updates spread over many keys. */
    private static final int ROWS_BEFORE = 256;

    private ChangeStream() {}

    static List<Change> generate(BenchTable table, EventMix mix, int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, String>> live = new ArrayList<>();
        long nextId = 1_000_000;
        while (live.size() < ROWS_BEFORE) {
            live.add(table.newRow(random, nextId++));
        }
        long physical = START_MILLIS;
        long commitTs = 0;
        int leftInTransaction = 0;
        List<Change> changes = new ArrayList<>(count);
        while (changes.size() < count) {
            if (leftInTransaction == 0) {
                physical += 1 + random.nextInt(5);
                commitTs = CanalJsonWriter.tso(physical, random.nextInt(1 << 18));
                leftInTransaction = 1 + random.nextInt(4);
            }
            leftInTransaction--;
            Change.Type type = mix.next(random);
            if (live.isEmpty()) {
                // A stream of deletes only has emptied the table: TiDB's workload refills it.
                live.add(table.newRow(random, nextId++));
            }
            switch (type) {
                case INSERT:
                    Map<String, String> row = table.newRow(random, nextId++);
                    live.add(row);
                    changes.add(new Change(type, commitTs, null, row));
                    break;
                case UPDATE:
                    int index = random.nextInt(live.size());
                    Map<String, String> before = live.get(index);
                    Map<String, String> after = table.updated(random, before);
                    live.set(index, after);
                    changes.add(new Change(type, commitTs, before, after));
                    break;
                default:
                    Map<String, String> deleted = live.remove(random.nextInt(live.size()));
                    changes.add(new Change(type, commitTs, null, deleted));
            }
        }
        return changes;
    }
}
