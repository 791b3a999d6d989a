package io.github.flinkticdc.format.protocol;

import java.util.Objects;

/**
 * What a claim-check message says of its row (table, commit TSO, kind), kept to check that the
 * fetched object holds that very event: a location that names another event's object, by mistake or
 * on purpose, must not put that event in this one's place in the stream.
 */
public final class AnnouncedRow {

    private final String location;
    private final String database;
    private final String table;
    private final Long commitTs;
    private final ChangeKind kind;

    /**
     * @param location the claim-check location the message names
     * @param announced the row change of the message, copied: readers reuse it
     */
    public AnnouncedRow(String location, RowChange announced) {
        this.location = location;
        this.database = announced.database();
        this.table = announced.table();
        this.commitTs = announced.commitTs();
        this.kind = announced.kind();
    }

    /**
     * @param isRow whether the object holds a row change event at all
     * @param incomplete whether the object's row is itself handle-key-only or claim-check
     * @param fetched the row change the object holds
     * @throws MalformedMessageException if the object's event is not the announced one
     */
    public void requireSame(boolean isRow, boolean incomplete, RowChange fetched)
            throws MalformedMessageException {
        if (!isRow) {
            throw mismatch("does not hold a row change event");
        }
        if (incomplete) {
            throw mismatch("holds a handle-key-only or claim-check message itself, not a full row");
        }
        if (!database.equals(fetched.database())
                || !table.equals(fetched.table())
                || !Objects.equals(commitTs, fetched.commitTs())
                || kind != fetched.kind()) {
            throw mismatch(
                    "holds "
                            + describe(
                                    fetched.database(),
                                    fetched.table(),
                                    fetched.commitTs(),
                                    fetched.kind())
                            + ", but its message announced "
                            + describe(this.database, this.table, this.commitTs, this.kind));
        }
    }

    private MalformedMessageException mismatch(String what) {
        return new MalformedMessageException(
                "the claim-check object '"
                        + ClaimCheckLocation.printable(location)
                        + "' "
                        + what
                        + "; the location does not name this message's event");
    }

    private static String describe(String database, String table, Long commitTs, ChangeKind kind) {
        return kind + " of " + database + "." + table + " at commit TSO " + commitTs;
    }
}
