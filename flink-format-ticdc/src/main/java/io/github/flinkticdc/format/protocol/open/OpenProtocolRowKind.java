package io.github.flinkticdc.format.protocol.open;

/**
 * What an Open Protocol row event is, judged from the images its value holds (spec §3.3).
 *
 * <p>With TiCDC's {@code output-old-value=false} an UPDATE carries only its new image and is read
 * as {@link #INSERT}; classic TiCDC does the same for an update that changed no column under {@code
 * only-output-updated-columns}. A consumer must therefore treat an INSERT as an upsert of the row's
 * key, never as proof that the key was absent before.
 */
public enum OpenProtocolRowKind {
    /** Only {@code u}: the new row (or an update whose old image was not sent). */
    INSERT,
    /** {@code u} and {@code p}, even an empty {@code "p":{}}: the new row and the row before. */
    UPDATE,
    /** {@code d}: the deleted row, reported as the {@code NEW} image. */
    DELETE
}
