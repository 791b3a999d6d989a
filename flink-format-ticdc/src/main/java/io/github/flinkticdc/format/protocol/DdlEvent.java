package io.github.flinkticdc.format.protocol;

/**
 * One DDL statement as a protocol reader decoded it. Readers reuse one instance for every event:
 * copy what must outlive the event.
 */
public interface DdlEvent {

    /** The database the statement changes; empty when the message names none. */
    String database();

    /** The table the statement changes; empty or null for a database-level statement. */
    String table();

    /** The commit TSO of the DDL, or null when the message has none. */
    Long commitTs();

    /**
     * The kind of DDL as the protocol names it, for messages: a canal DDL type such as {@code
     * CREATE}, or {@code action type 3} for TiDB's action code.
     */
    String ddlType();

    /** The statement as TiDB ran it. */
    String query();
}
