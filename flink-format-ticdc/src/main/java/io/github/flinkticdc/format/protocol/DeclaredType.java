package io.github.flinkticdc.format.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a column is declared as on the reading side, for the protocols whose values say too little
 * by themselves: a simple-protocol row before its table's schema does not say which columns are
 * binary, a debezium value without its embedded schema not what a JSON number or string stands for,
 * and a TIMESTAMP read into {@code TIMESTAMP_LTZ} can stay the exact instant these protocols carry.
 * Some rules (a DECIMAL written as a double) depend on the declared scale. Flink-free: the format
 * layer maps its types onto these.
 */
public final class DeclaredType implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The groups of declared types whose reading differs. */
    public enum Kind {
        BOOLEAN,
        INTEGER,
        DECIMAL,
        FLOAT,
        TEXT,
        BYTES,
        DATE,
        TIME,
        /** TIMESTAMP: the wall clock in the timestamp zone. */
        TIMESTAMP,
        /** TIMESTAMP_LTZ: an instant, exact where the message gives one. */
        TIMESTAMP_LTZ,
        OTHER
    }

    private final Kind kind;
    private final int scale;

    private DeclaredType(Kind kind, int scale) {
        this.kind = Objects.requireNonNull(kind);
        this.scale = scale;
    }

    /** A declared type of {@code kind} other than DECIMAL. */
    public static DeclaredType of(Kind kind) {
        if (kind == Kind.DECIMAL) {
            throw new IllegalArgumentException("DECIMAL needs its scale: use decimal(scale)");
        }
        return new DeclaredType(kind, 0);
    }

    /** A DECIMAL(p, {@code scale}). */
    public static DeclaredType decimal(int scale) {
        return new DeclaredType(Kind.DECIMAL, scale);
    }

    public Kind kind() {
        return kind;
    }

    /** The scale of a DECIMAL; 0 for other kinds. */
    public int scale() {
        return scale;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeclaredType)) {
            return false;
        }
        DeclaredType that = (DeclaredType) o;
        return kind == that.kind && scale == that.scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, scale);
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "DECIMAL(scale " + scale + ")" : kind.name();
    }
}
