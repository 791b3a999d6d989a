package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;

import java.io.IOException;

/**
 * Where a {@link ChangelogDecoder} sends what it decoded from one Kafka record, in the record's
 * order: the changelog rows with the row change they come from, and TiCDC's progress and DDL
 * events. The objects passed are valid only during the call.
 *
 * <p>A value-only format needs only the rows ({@link RowsOutput}); a consumer that orders rows or
 * drops TiCDC's replays also needs the change's commit TSO and the progress events.
 */
@Internal
public interface ChangelogOutput {

    /**
     * One changelog row: +I, -U, +U or -D with its metadata columns. An UPDATE gives two calls with
     * the same {@code change}, the row before first.
     */
    void row(RowData row, RowChange change) throws IOException;

    /**
     * TiCDC's progress in the record's partition: every row change committed before {@code
     * resolvedTs} has been written to the partition before this event. Default: nothing to do.
     */
    default void progress(long resolvedTs) throws IOException {}

    /**
     * A DDL of a table that is read: under {@code ddl = skip}, or any DDL when this output {@link
     * #defersDdlHandling() defers} the option. Default: nothing to do.
     */
    default void ddl(DdlEvent ddl) throws IOException {}

    /**
     * Whether this output applies the {@code ddl} option itself, later: e.g. once every row
     * committed before the DDL has been released, and once for all copies of it. The decoder then
     * passes each DDL of a read table on without failing or counting it. Default: false.
     */
    default boolean defersDdlHandling() {
        return false;
    }
}
