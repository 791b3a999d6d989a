package io.github.flinkticdc.format.protocol.canal;

import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.MalformedMessageException;

/**
 * Receives the columns of one canal-json row event as {@link CanalJsonParser} reads them.
 *
 * <p>For each message the parser first reports the column types of the requested columns, then the
 * values of the old image (if any) and of the new image. Columns are addressed by a slot the
 * listener hands out, so that columns it does not need are skipped without being read.
 */
public interface CanalJsonListener {

    /**
     * Called once per row event when its header is known; returning false skips the row images (for
     * example for a table the consumer filters out).
     */
    boolean acceptRows(CanalJsonMessage header);

    /** The listener's slot for a column, or a negative number when the column is not needed. */
    int columnSlot(String column);

    /** The TiDB type of the column in {@code slot}, from {@code mysqlType}. */
    void onColumnType(int slot, ColumnType type);

    /**
     * One value of a row image.
     *
     * @param text the value as TiCDC wrote it, or null for SQL NULL
     */
    void onValue(RowImage image, int slot, String text) throws MalformedMessageException;
}
