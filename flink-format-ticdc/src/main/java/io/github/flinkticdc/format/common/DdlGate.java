package io.github.flinkticdc.format.common;

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
     * @param type the DDL's kind as the protocol names it (canal type, open protocol action)
     * @param origin where the message came from, or null
     * @throws IOException under {@code ddl = fail}, naming the statement
     */
    public void onDdl(
            String database,
            String table,
            String type,
            Long commitTs,
            String sql,
            Supplier<String> origin)
            throws IOException {
        if (!filter.accepts(database, table)) {
            metrics.eventFiltered();
            return;
        }
        if (handling == DdlHandling.FAIL) {
            throw new IOException(
                    String.format(
                            "TiCDC DDL event (%s on %s.%s, commitTs %s%s) and the option 'ddl' is"
                                    + " 'fail': %s",
                            type,
                            database,
                            table,
                            commitTs,
                            origin == null ? "" : ", at " + origin.get(),
                            sql));
        }
        metrics.ddlEventSkipped();
    }
}
