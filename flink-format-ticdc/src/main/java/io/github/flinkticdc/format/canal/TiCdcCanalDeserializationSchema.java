package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

/**
 * Decodes TiCDC canal-json messages (one Kafka record value each) into a Flink changelog: INSERT
 * becomes +I, UPDATE -U and +U, DELETE -D; DDL and WATERMARK events emit no row. The requested
 * metadata columns follow the physical ones.
 *
 * <p>For DataStream jobs, build one with {@link #builder(RowType)}:
 *
 * <pre>{@code
 * RowType rowType = (RowType) DataTypes.ROW(
 *         DataTypes.FIELD("id", DataTypes.BIGINT()),
 *         DataTypes.FIELD("name", DataTypes.STRING())).getLogicalType();
 * TiCdcCanalDeserializationSchema schema = TiCdcCanalDeserializationSchema.builder(rowType)
 *         .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *         .setTableInclude("orders")
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class TiCdcCanalDeserializationSchema extends TiCdcDeserializationSchema {

    private static final long serialVersionUID = 1L;

    private TiCdcCanalDeserializationSchema(DecoderSettings settings) {
        super(settings);
    }

    /** A builder for a schema whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    /** Builds a {@link TiCdcCanalDeserializationSchema}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcCanalDeserializationSchema> {

        private Builder(RowType physicalRowType) {
            super(TiCdcProtocol.CANAL_JSON, physicalRowType);
        }

        @Override
        protected TiCdcCanalDeserializationSchema build(DecoderSettings settings) {
            return new TiCdcCanalDeserializationSchema(settings);
        }
    }
}
