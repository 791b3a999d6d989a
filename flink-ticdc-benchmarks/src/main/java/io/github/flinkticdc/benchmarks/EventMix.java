package io.github.flinkticdc.benchmarks;

import java.util.Random;

/** Which row events a case's stream holds. */
enum EventMix {
    INSERTS(10, 0),
    UPDATES(0, 10),
    DELETES(0, 0),
    /** 70% INSERT, 20% UPDATE, 10% DELETE: a shop's write pattern, as the earlier benchmark had. */
    MIXED(7, 2);

    private final int insertsInTen;
    private final int updatesInTen;

    EventMix(int insertsInTen, int updatesInTen) {
        this.insertsInTen = insertsInTen;
        this.updatesInTen = updatesInTen;
    }

    Change.Type next(Random random) {
        int draw = random.nextInt(10);
        if (draw < insertsInTen) {
            return Change.Type.INSERT;
        }
        return draw < insertsInTen + updatesInTen ? Change.Type.UPDATE : Change.Type.DELETE;
    }
}
