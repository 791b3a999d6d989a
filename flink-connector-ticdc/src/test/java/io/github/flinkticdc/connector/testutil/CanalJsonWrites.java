package io.github.flinkticdc.connector.testutil;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.util.ArrayList;
import java.util.List;

/** What a reader gets of a changelog that the {@code ticdc-canal} encoding wrote. */
public final class CanalJsonWrites {

    private CanalJsonWrites() {}

    /** Each -U as the DELETE it was written as, each +U as an INSERT, the rest as they are. */
    public static List<Row> asRead(List<Row> changelog) {
        List<Row> rows = new ArrayList<>();
        for (Row r : changelog) {
            Row copy = Row.copy(r);
            if (r.getKind() == RowKind.UPDATE_BEFORE) {
                copy.setKind(RowKind.DELETE);
            } else if (r.getKind() == RowKind.UPDATE_AFTER) {
                copy.setKind(RowKind.INSERT);
            }
            rows.add(copy);
        }
        return rows;
    }
}
