package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.common.TiCdcValueFormatFactory;

import org.apache.flink.annotation.Internal;

/**
 * Factory of the {@code ticdc-debezium} format ({@code 'format' = 'ticdc-debezium'}): TiCDC's
 * {@code protocol=debezium}, read as a changelog with TiDB's commit timestamp.
 */
@Internal
public class TiCdcDebeziumFormatFactory extends TiCdcValueFormatFactory {

    /** The format's identifier in {@code 'format' = '...'}. */
    public static final String IDENTIFIER = "ticdc-debezium";

    public TiCdcDebeziumFormatFactory() {
        super(
                IDENTIFIER,
                TiCdcProtocol.DEBEZIUM,
                TiCdcMetadata.DEBEZIUM,
                TiCdcDebeziumDeserializationSchema::builder);
    }
}
