package io.github.flinkticdc.format.protocol.canal;

/** The two row images of a canal-json row event. */
public enum RowImage {
    /** {@code data[0]}: the row after an INSERT or UPDATE, the deleted row of a DELETE. */
    NEW,
    /**
     * {@code old[0]} of an UPDATE: the row before it. It holds every column by default, or only the
     * changed ones (TiCDC's {@code only-output-updated-columns}); a column it lacks had the value
     * it has in the new image. A JSON null in it is a real NULL, not "unchanged".
     */
    OLD
}
