package io.github.flinkticdc.format.protocol;

/**
 * TiDB timestamps (TSO): the physical Unix time in milliseconds in the upper 46 bits, a logical
 * counter in the lower 18.
 */
public final class Tso {

    private static final int LOGICAL_BITS = 18;

    private Tso() {}

    /** The physical part of a TSO: Unix epoch milliseconds. */
    public static long physicalMillis(long tso) {
        return tso >>> LOGICAL_BITS;
    }
}
