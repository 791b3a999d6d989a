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

    /**
     * @param origin where the message came from, or null
     * @return whether the DDL concerns a table that is read (and was counted as skipped)
     * @throws IOException under {@code ddl = fail}, naming the statement
     */
    public boolean pass(DdlEvent ddl, Supplier<String> origin) throws IOException {
        if (!filter.accepts(ddl.database(), ddl.table())) {
            metrics.eventFiltered();
            return false;
        }
        if (handling == DdlHandling.FAIL) {
            throw new IOException(
                    String.format(
                            "TiCDC DDL event (%s on %s.%s, commitTs %s%s) and the option 'ddl' is"
                                    + " 'fail': %s",
                            ddl.ddlType(),
                            ddl.database(),
                            ddl.table(),
                            ddl.commitTs(),
                            origin == null ? "" : ", at " + origin.get(),
                            ddl.query()));
        }
        metrics.ddlEventSkipped();
        return true;
    }
}
