package io.github.flinkticdc.format.simple;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.common.TiCdcValueFormatFactory;

import org.apache.flink.annotation.Internal;

/**
 * Factory of the {@code ticdc-simple} format ({@code 'format' = 'ticdc-simple'}): TiCDC's simple
 * protocol in JSON, read as a changelog with TiDB's commit timestamp.
 */
@Internal
public class TiCdcSimpleFormatFactory extends TiCdcValueFormatFactory {

    /** The format's identifier in {@code 'format' = '...'}. */
    public static final String IDENTIFIER = "ticdc-simple";

    public TiCdcSimpleFormatFactory() {
        super(
                IDENTIFIER,
                TiCdcProtocol.SIMPLE,
                TiCdcMetadata.SIMPLE,
                TiCdcSimpleDeserializationSchema::builder);
    }
}
