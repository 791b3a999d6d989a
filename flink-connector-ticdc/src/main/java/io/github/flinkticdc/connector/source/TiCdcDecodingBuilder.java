package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.format.common.ChangelogDecoder;
import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.DecoderSettings;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings both the {@link TiCdcRecordDeserializationSchema} and the {@link TiCdcSource}
 * builders take: the format's (from {@link DecoderBuilder}), the protocol, the Kafka metadata
 * columns and upsert mode.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <T> what it builds
 */
@PublicEvolving
public abstract class TiCdcDecodingBuilder<B extends TiCdcDecodingBuilder<B, T>, T>
        extends DecoderBuilder<B, T> {

    private List<KafkaMetadata> kafkaMetadata = List.of();

    TiCdcDecodingBuilder(TiCdcProtocol protocol, RowType physicalRowType) {
        super(protocol, physicalRowType);
    }

    /** Kafka metadata columns, appended after the TiCDC metadata columns in this order. */
    public B setKafkaMetadata(List<KafkaMetadata> kafkaMetadata) {
        this.kafkaMetadata = List.copyOf(kafkaMetadata);
        return self();
    }

    /**
     * For TiCDC's Open Protocol with {@code output-old-value=false}: emit rows as upserts (+U, -D)
     * by primary key. Default: false.
     */
    public B setUpsert(boolean upsert) {
        setUpsertMode(upsert);
        return self();
    }

    /** The record schema for {@code settings}. */
    final TiCdcRecordDeserializationSchema recordSchema(DecoderSettings settings) {
        return new TiCdcRecordDeserializationSchema(
                new ChangelogDecoder(settings), kafkaMetadata, settings.producedTypeInfo());
    }

    /** The format's row followed by the Kafka metadata columns. */
    @Override
    protected RowType producedRowType() {
        List<RowType.RowField> fields = new ArrayList<>(super.producedRowType().getFields());
        for (KafkaMetadata m : kafkaMetadata) {
            fields.add(new RowType.RowField(m.key(), m.dataType().getLogicalType()));
        }
        return new RowType(fields);
    }
}
