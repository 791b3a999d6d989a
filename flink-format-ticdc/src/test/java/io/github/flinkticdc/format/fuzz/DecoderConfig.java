package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.table.types.logical.RowType;

import java.util.List;

/**
 * One decoder configuration a seed is read with. Both protocols' builders share {@link
 * DecoderBuilder}, so one configuration builds either decoder, strict or lenient, with the same
 * settings.
 */
final class DecoderConfig {

    final RowType rowType;
    final List<TiCdcMetadata> metadata;
    final Compression compression;

    /** {@code .*} database and table filters: they match everything, but run the filter code. */
    final boolean wildcardFilters;

    /** {@code checksum.verify} (simple protocol only). */
    final boolean checksumVerify;

    DecoderConfig(
            RowType rowType,
            List<TiCdcMetadata> metadata,
            Compression compression,
            boolean wildcardFilters) {
        this(rowType, metadata, compression, wildcardFilters, false);
    }

    private DecoderConfig(
            RowType rowType,
            List<TiCdcMetadata> metadata,
            Compression compression,
            boolean wildcardFilters,
            boolean checksumVerify) {
        this.rowType = rowType;
        this.metadata = metadata;
        this.compression = compression;
        this.wildcardFilters = wildcardFilters;
        this.checksumVerify = checksumVerify;
    }

    /** This configuration with {@code checksum.verify} on. */
    DecoderConfig verifyingChecksums() {
        return new DecoderConfig(rowType, metadata, compression, wildcardFilters, true);
    }

    /**
     * @param builder a fresh builder over {@link #rowType}
     */
    <B extends DecoderBuilder<B, T>, T> T build(B builder, boolean ignoreParseErrors) {
        builder.setReadableMetadata(metadata)
                .setCompression(compression)
                .setTimestampZone(TypedTable.TIMESTAMP_ZONE)
                .setIgnoreParseErrors(ignoreParseErrors);
        if (wildcardFilters) {
            builder.setDatabaseInclude(".*").setTableInclude(".*");
        }
        return builder.setChecksumVerify(checksumVerify).build();
    }
}
