package io.github.flinkticdc.format.protocol;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a TiCDC message says about a column's TiDB type, reduced to what changes how its value text
 * is read: whether the bytes are binary, and the element labels of an ENUM or SET when the message
 * lists them.
 */
public final class ColumnType implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The groups of TiDB types whose value text needs a rule of its own. */
    public enum Kind {
        /** A value whose text is used as it is (numbers, temporal values, text, JSON, ...). */
        PLAIN,
        /** BINARY, VARBINARY and BLOB columns: every char of the text is one byte (ISO-8859-1). */
        BINARY,
        /** ENUM: the text is the 1-based index of the element. */
        ENUM,
        /** SET: the text is a bitmask, bit i standing for element i + 1. */
        SET
    }

    /** A column the message says nothing about. */
    public static final ColumnType UNKNOWN = new ColumnType("unknown", Kind.PLAIN, List.of());

    private final String name;
    private final Kind kind;
    private final List<String> elements;

    public ColumnType(String name, Kind kind, List<String> elements) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.elements = Collections.unmodifiableList(Objects.requireNonNull(elements));
    }

    /** The type as TiCDC wrote it, for error messages. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * ENUM or SET element labels in definition order; empty when the message does not list them.
     */
    public List<String> elements() {
        return elements;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ColumnType)) {
            return false;
        }
        ColumnType that = (ColumnType) o;
        return name.equals(that.name) && kind == that.kind && elements.equals(that.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, elements);
    }

    @Override
    public String toString() {
        return name + (elements.isEmpty() ? "" : Arrays.toString(elements.toArray()));
    }
}
