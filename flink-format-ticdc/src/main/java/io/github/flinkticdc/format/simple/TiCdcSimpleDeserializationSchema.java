package io.github.flinkticdc.format.simple;

import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

/**
 * Decodes TiCDC simple-protocol messages ({@code protocol=simple}, JSON; one Kafka record value
 * each) into a Flink changelog: INSERT becomes +I, UPDATE -U and +U, DELETE -D; DDL, WATERMARK and
 * BOOTSTRAP messages emit no row (BOOTSTRAP and DDL schemas are kept to check the rows' columns).
 * The requested metadata columns follow the physical ones.
 *
 * <pre>{@code
 * TiCdcSimpleDeserializationSchema schema = TiCdcSimpleDeserializationSchema.builder(rowType)
 *         .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class TiCdcSimpleDeserializationSchema extends TiCdcDeserializationSchema {

    private static final long serialVersionUID = 1L;

    private TiCdcSimpleDeserializationSchema(DecoderSettings settings) {
        super(settings);
    }

    /** A builder for a schema whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    /** Builds a {@link TiCdcSimpleDeserializationSchema}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcSimpleDeserializationSchema> {

        private Builder(RowType physicalRowType) {
            super(TiCdcProtocol.SIMPLE, physicalRowType);
        }

        @Override
        protected TiCdcSimpleDeserializationSchema build(DecoderSettings settings) {
            return new TiCdcSimpleDeserializationSchema(settings);
        }
    }
}
