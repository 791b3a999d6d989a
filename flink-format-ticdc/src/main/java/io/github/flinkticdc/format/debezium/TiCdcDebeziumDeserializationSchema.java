package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcDeserializationSchema;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

/**
 * Decodes TiCDC's {@code protocol=debezium} messages (one Kafka record value each) into a Flink
 * changelog: op {@code c} becomes +I, {@code u} -U and +U, {@code d} -D; DDL and watermark ({@code
 * m}) messages emit no row. The requested metadata columns follow the physical ones.
 *
 * <p>For DataStream jobs, build one with {@link #builder(RowType)}:
 *
 * <pre>{@code
 * RowType rowType = (RowType) DataTypes.ROW(
 *         DataTypes.FIELD("id", DataTypes.BIGINT()),
 *         DataTypes.FIELD("name", DataTypes.STRING())).getLogicalType();
 * TiCdcDebeziumDeserializationSchema schema = TiCdcDebeziumDeserializationSchema.builder(rowType)
 *         .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
 *         .setTableInclude("orders")
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class TiCdcDebeziumDeserializationSchema extends TiCdcDeserializationSchema {

    private static final long serialVersionUID = 1L;

    private TiCdcDebeziumDeserializationSchema(DecoderSettings settings) {
        super(settings);
    }

    /** A builder for a schema whose physical columns are the fields of {@code physicalRowType}. */
    public static Builder builder(RowType physicalRowType) {
        return new Builder(physicalRowType);
    }

    /** Builds a {@link TiCdcDebeziumDeserializationSchema}; every setting has a default. */
    public static final class Builder
            extends DecoderBuilder<Builder, TiCdcDebeziumDeserializationSchema> {

        private Builder(RowType physicalRowType) {
            super(TiCdcProtocol.DEBEZIUM, physicalRowType);
        }

        @Override
        protected TiCdcDebeziumDeserializationSchema build(DecoderSettings settings) {
            return new TiCdcDebeziumDeserializationSchema(settings);
        }
    }
}
