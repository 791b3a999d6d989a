package io.github.flinkticdc.format.protocol;

/** The two row images of a TiCDC row event. */
public enum RowImage {
    /**
     * The row after an INSERT or UPDATE, the deleted row of a DELETE (canal-json {@code data[0]},
     * open protocol {@code u} / {@code d}).
     */
    NEW,
    /**
     * {@code old[0]} of an UPDATE: the row before it. It holds every column by default, or only the
     * changed ones (TiCDC's {@code only-output-updated-columns}); a column it lacks had the value
     * it has in the new image. A JSON null in it is a real NULL, not "unchanged".
     */
    OLD
}
