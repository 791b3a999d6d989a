package io.github.flinkticdc.connector.source;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Turns one Kafka record of a TiCDC topic into changelog rows: the format module's decoder of the
 * topic's protocol, given the parts of the record that protocol uses.
 */
interface RecordDecoder extends Serializable {

    /** Prepares the decoder in its task. */
    void open(DeserializationSchema.InitializationContext context) throws Exception;

    /**
     * @param origin where the record was read, named in errors
     */
    void decode(byte[] key, byte[] value, Collector<RowData> out, Supplier<String> origin)
            throws IOException;
}
