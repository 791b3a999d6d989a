package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;

import java.time.ZoneId;
import java.util.List;

/**
 * Verifies a simple-protocol row against the checksums TiCDC's integrity check sent with it ({@code
 * checksum.verify}): a row TiCDC marked corrupted, or an image whose recomputed checksum differs
 * from TiCDC's, is a bad message. A row can go unverified: without its table's schema (it arrived
 * before the table's BOOTSTRAP), or when TiCDC sent no checksum for it (TiDB wrote none: its
 * session had {@code tidb_enable_row_level_checksum} off, or the row was restored by BR), which
 * TiCDC writes as a missing object or as 0.
 */
final class SimpleChecksumVerifier {

    /** Column names an error lists at most. */
    private static final int NAMED_COLUMNS = 32;

    private final SimpleImageChecksum images;

    /**
     * @param localZone the zone of a TIMESTAMP whose location is {@code Local}
     */
    SimpleChecksumVerifier(ZoneId localZone) {
        this.images = new SimpleImageChecksum(localZone);
    }

    /**
     * @param schema the row's table schema, or null when it has not arrived
     * @param bytes the message the images lie in
     * @return whether at least one image was verified
     * @throws MalformedMessageException if TiCDC marked the row corrupted, a checksum does not
     *     match, or an image cannot be hashed
     */
    boolean verify(
            SimpleChecksum checksum,
            SimpleTableSchema schema,
            byte[] bytes,
            SimpleImage data,
            SimpleImage old)
            throws MalformedMessageException {
        if (checksum.corrupted) {
            throw new MalformedMessageException(
                    "TiCDC marked the row corrupted ('checksum.corrupted' is true): the values it"
                            + " read from TiKV did not match the checksum TiDB wrote");
        }
        if (schema == null || !checksum.present) {
            return false;
        }
        boolean current = verify(schema, bytes, data, checksum.current, "current");
        boolean previous = verify(schema, bytes, old, checksum.previous, "previous");
        return current || previous;
    }

    private boolean verify(
            SimpleTableSchema schema, byte[] bytes, SimpleImage image, long expected, String name)
            throws MalformedMessageException {
        if (expected == 0 || !image.present) {
            return false;
        }
        long computed = images.compute(schema, bytes, image.start, image.end, image.field);
        if (computed != expected) {
            throw new MalformedMessageException(
                    "row checksum mismatch in '"
                            + image.field
                            + "' of "
                            + schema.describe()
                            + ": TiCDC sent checksum."
                            + name
                            + " = "
                            + expected
                            + ", the values give "
                            + computed
                            + " (CRC-32 over the columns "
                            + names(schema.columns())
                            + " in this order, NULL or absent ones adding nothing): the row"
                            + " changed after TiDB wrote it, or the changefeed leaves columns out"
                            + " (column selectors)");
        }
        return true;
    }

    private static String names(List<SimpleColumn> columns) {
        StringBuilder names = new StringBuilder();
        int named = Math.min(columns.size(), NAMED_COLUMNS);
        for (int i = 0; i < named; i++) {
            names.append(i == 0 ? "" : ", ")
                    .append(MessageExcerpt.truncate(columns.get(i).name(), 64));
        }
        if (columns.size() > named) {
            names.append(" and ").append(columns.size() - named).append(" more");
        }
        return names.toString();
    }
}
