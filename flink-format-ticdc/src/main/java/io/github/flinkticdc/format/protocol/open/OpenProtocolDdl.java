package io.github.flinkticdc.format.protocol.open;

/**
 * The value of an Open Protocol DDL event (spec §3.6): the statement and TiDB's action type. One
 * instance is reused by its reader for every DDL event.
 */
public final class OpenProtocolDdl {

    String query;
    int actionType;

    /** The DDL statement as TiDB ran it ({@code q}). */
    public String query() {
        return query;
    }

    /**
     * TiDB's {@code ActionType} ({@code t}), e.g. 3 for CREATE TABLE; newer TiDB versions add
     * codes, so an unknown one means "some other DDL", not an error.
     */
    public int actionType() {
        return actionType;
    }

    @Override
    public String toString() {
        return "DDL(action " + actionType + "): " + query;
    }
}
