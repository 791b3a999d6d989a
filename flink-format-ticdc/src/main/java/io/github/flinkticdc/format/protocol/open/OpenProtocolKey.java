package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.ClaimCheckLocation;

/**
 * The key JSON of one Open Protocol event (spec §3.2). One instance is reused by its reader for
 * every event, so copy what must outlive the event.
 */
public final class OpenProtocolKey {

    long ts;
    String schema;
    String table;
    OpenProtocolEventType type;
    Long partitionId;
    boolean onlyHandleKey;
    String claimCheckLocation;

    void reset() {
        ts = 0;
        schema = "";
        table = "";
        type = null;
        partitionId = null;
        onlyHandleKey = false;
        claimCheckLocation = null;
    }

    /** {@code ts}: the commit TSO of a row or DDL event, the resolved TSO of a resolved event. */
    public long ts() {
        return ts;
    }

    /**
     * {@code scm}; empty when TiCDC omitted it (it omits empty names, e.g. for resolved events).
     */
    public String schema() {
        return schema;
    }

    /** {@code tbl}; empty when omitted (resolved events, schema-level DDL). */
    public String table() {
        return table;
    }

    /** {@code t}: row, DDL or resolved. */
    public OpenProtocolEventType type() {
        return type;
    }

    /** {@code ptn}: the physical partition id of a row of a partitioned table, else null. */
    public Long partitionId() {
        return partitionId;
    }

    /**
     * {@code ohk} as written, the last occurrence winning: new-architecture TiCDC writes the name
     * twice on claim-check events. Prefer {@link #isIncomplete()} to decide what to do with a row.
     */
    public boolean onlyHandleKey() {
        return onlyHandleKey;
    }

    /** {@code ccl}: where TiCDC stored the full event of a claim-check event, or null. */
    public String claimCheckLocation() {
        return claimCheckLocation;
    }

    /** Whether the full event lies in external storage ({@code ccl} present, whatever ohk says). */
    public boolean isClaimCheck() {
        return claimCheckLocation != null;
    }

    /**
     * Whether the value holds only the handle-key columns (handle-key-only or claim-check large
     * message): such a row must not be emitted as if it were complete.
     */
    public boolean isIncomplete() {
        return onlyHandleKey || claimCheckLocation != null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(type).append(" ts=").append(ts);
        if (!schema.isEmpty() || !table.isEmpty()) {
            s.append(' ').append(schema).append('.').append(table);
        }
        if (partitionId != null) {
            s.append(" ptn=").append(partitionId);
        }
        if (onlyHandleKey) {
            s.append(" ohk");
        }
        if (claimCheckLocation != null) {
            s.append(" ccl=").append(ClaimCheckLocation.printable(claimCheckLocation));
        }
        return s.toString();
    }
}
