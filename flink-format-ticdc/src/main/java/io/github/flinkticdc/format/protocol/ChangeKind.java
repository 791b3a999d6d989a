package io.github.flinkticdc.format.protocol;

/**
 * The row change a TiCDC row event describes, in the same terms for every protocol.
 *
 * <p>A protocol that may send an update without the row before it (Open Protocol with TiCDC's
 * {@code output-old-value=false}, or an update that changed no column under {@code
 * only-output-updated-columns}) reports such an update as {@link #INSERT}: a consumer must treat an
 * INSERT as an upsert of the row's key there, never as proof that the key was absent before.
 */
public enum ChangeKind {
    /** A new row: its image is {@link RowImage#NEW}. */
    INSERT,
    /** A changed row: {@link RowImage#NEW} after, {@link RowImage#OLD} before. */
    UPDATE,
    /** A deleted row, reported as the {@link RowImage#NEW} image. */
    DELETE
}
