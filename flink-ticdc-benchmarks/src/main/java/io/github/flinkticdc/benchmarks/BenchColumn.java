package io.github.flinkticdc.benchmarks;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.util.Objects;
import java.util.Random;

/**
 * One column of a benchmark table: its TiDB name and type, the Flink type a job declares for it,
 * how its values are made, whether an UPDATE changes it, and whether Flink's {@code canal-json}
 * reads TiCDC's text for it into the same value as {@code ticdc-canal} (when it does not, the
 * column is left out of Flink's declared row, since a race between decoders that disagree measures
 * nothing). Immutable.
 */
final class BenchColumn {

    /** The text (or {@code byte[]}, or null) TiDB holds for row {@code id}. */
    @FunctionalInterface
    interface Values {
        Object next(Random random, long id);
    }

    private final String name;
    private final String mysqlType;
    private final DataType type;
    private final Values values;
    private final boolean flinkReadsAlike;
    private final boolean changedByUpdate;

    private BenchColumn(
            String name,
            String mysqlType,
            DataType type,
            Values values,
            boolean flinkReadsAlike,
            boolean changedByUpdate) {
        this.name = Objects.requireNonNull(name);
        this.mysqlType = Objects.requireNonNull(mysqlType);
        this.type = Objects.requireNonNull(type);
        this.values = Objects.requireNonNull(values);
        this.flinkReadsAlike = flinkReadsAlike;
        this.changedByUpdate = changedByUpdate;
    }

    /** A column that both canal-json decoders read alike and an UPDATE leaves as it is. */
    static BenchColumn of(String name, String mysqlType, DataType type, Values values) {
        return new BenchColumn(name, mysqlType, type, values, true, false);
    }

    /** This column with a new value in every UPDATE. */
    BenchColumn changedByUpdates() {
        return new BenchColumn(name, mysqlType, type, values, flinkReadsAlike, true);
    }

    /** This column left out of Flink's declared row: Flink's canal-json reads it differently. */
    BenchColumn notReadAlikeByFlink() {
        return new BenchColumn(name, mysqlType, type, values, false, changedByUpdate);
    }

    /** This column NULL in about one row in {@code n}. */
    BenchColumn nullOneIn(int n) {
        Values notNull = values;
        return new BenchColumn(
                name,
                mysqlType,
                type.nullable(),
                (random, id) -> random.nextInt(n) == 0 ? null : notNull.next(random, id),
                flinkReadsAlike,
                changedByUpdate);
    }

    String name() {
        return name;
    }

    String mysqlType() {
        return mysqlType;
    }

    DataTypes.Field field() {
        return DataTypes.FIELD(name, type);
    }

    Object nextValue(Random random, long id) {
        return values.next(random, id);
    }

    boolean flinkReadsAlike() {
        return flinkReadsAlike;
    }

    boolean isChangedByUpdate() {
        return changedByUpdate;
    }
}
