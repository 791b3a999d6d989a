package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.connector.ordering.ChangeEnvelope;
import io.github.flinkticdc.connector.ordering.EnvelopeOutput;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;

/**
 * Decodes TiCDC records with a {@link TiCdcRecordDeserializationSchema} into {@link
 * ChangeEnvelope}s: its rows with their commit TSO and table, and TiCDC's progress events, which
 * the source's watermark generator reads.
 */
@Internal
public final class TiCdcEnvelopeDeserializationSchema
        implements KafkaRecordDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final TiCdcRecordDeserializationSchema rows;
    private final RowType envelopeType;

    private transient EnvelopeOutput output;

    /**
     * @param rows the decoder of the rows
     * @param rowType the type of the rows it produces
     */
    public TiCdcEnvelopeDeserializationSchema(
            TiCdcRecordDeserializationSchema rows, RowType rowType) {
        this.rows = rows;
        this.envelopeType = ChangeEnvelope.rowType(rowType);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        rows.open(context);
        output = new EnvelopeOutput();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out)
            throws IOException {
        rows.deserialize(record, output.to(out));
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(envelopeType);
    }
}
