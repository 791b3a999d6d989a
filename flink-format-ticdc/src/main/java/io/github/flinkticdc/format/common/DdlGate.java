package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.DdlEvent;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Lets DDL events pass as no row (counted), or fails the job on one, per the {@code ddl} option.
 * DDLs of tables the filters exclude never fail the job.
 */
@Internal
public final class DdlGate {

    private final DdlHandling handling;
    private final TableFilter filter;
    private final DecodeMetrics metrics;

    public DdlGate(DdlHandling handling, TableFilter filter, DecodeMetrics metrics) {
        this.handling = handling;
        this.filter = filter;
        this.metrics = metrics;
    }

    /** Whether the DDL concerns a table that is read; one that is not is counted as filtered. */
    public boolean accepts(DdlEvent ddl) {
        if (filter.accepts(ddl.database(), ddl.table())) {
            return true;
        }
        metrics.eventFiltered();
        return false;
    }

    /**
     * Applies the {@code ddl} option to a DDL of a read table: counts it as skipped.
     *
     * @param origin where the message came from, or null
     * @throws IOException under {@code ddl = fail}, naming the statement
     */
    public void apply(DdlEvent ddl, Supplier<String> origin) throws IOException {
        if (handling == DdlHandling.FAIL) {
            throw failure(
                    ddl.ddlType(),
                    ddl.database() + "." + ddl.table(),
                    ddl.commitTs(),
                    origin == null ? "" : ", at " + origin.get(),
                    ddl.query());
        }
        metrics.ddlEventSkipped();
    }

    /**
     * The failure {@code ddl = fail} asks for.
     *
     * @param where where the DDL was read, starting with a comma, or empty
     */
    public static IOException failure(
            String type, String qualifiedTable, Long commitTs, String where, String query) {
        return new IOException(
                String.format(
                        "TiCDC DDL event (%s on %s, commitTs %s%s) and the option 'ddl' is"
                                + " 'fail': %s",
                        type, qualifiedTable, commitTs, where, query));
    }
}
