package io.github.flinkticdc.format.protocol;

/**
 * Receives the columns of one TiCDC row event as a protocol parser reads them.
 *
 * <p>The type of a column is reported before its values. Columns are addressed by a slot the
 * listener hands out, so that columns it does not need are skipped without being read.
 */
public interface RowEventListener {

    /**
     * Called once per row event, before its images, when its table is known; returning false skips
     * the images (for a table the consumer filters out).
     */
    boolean acceptRows(String database, String table);

    /**
     * Forgets the images reported for the current event, whose reading starts over: a reader calls
     * it when it replaces a claim-check message (the handle key alone) by the full message.
     */
    void restartRow();

    /** The listener's slot for a column, or a negative number when the column is not needed. */
    int columnSlot(String column);

    /**
     * Whether the listener reads the TiDB type of the column in {@code slot}; a parser may skip
     * reporting the type of the others.
     */
    boolean needsColumnType(int slot);

    /**
     * How the consumer declares the column in {@code slot}, or null when it does not say. Asked by
     * the protocols whose values say too little by themselves (see {@link DeclaredType}); the
     * others do not ask.
     */
    default DeclaredType declaration(int slot) {
        return null;
    }

    /** What the message says of the TiDB type of the column in {@code slot}. */
    void onColumnType(int slot, ColumnType type);

    /**
     * One value of a row image.
     *
     * @param text the value as text (binary values one char per byte, ISO-8859-1), or null for SQL
     *     NULL; valid only during the call, as readers reuse it (see {@link ValueText})
     */
    void onValue(RowImage image, int slot, CharSequence text) throws MalformedMessageException;
}
