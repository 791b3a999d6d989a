package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.common.TiCdcValueFormatFactory;

import org.apache.flink.annotation.Internal;

/**
 * Factory of the {@code ticdc-canal} format ({@code 'format' = 'ticdc-canal'}): TiCDC's canal-json,
 * read as a changelog with TiDB's commit timestamp.
 */
@Internal
public class TiCdcCanalFormatFactory extends TiCdcValueFormatFactory {

    /** The format's identifier in {@code 'format' = '...'}. */
    public static final String IDENTIFIER = "ticdc-canal";

    public TiCdcCanalFormatFactory() {
        super(
                IDENTIFIER,
                TiCdcProtocol.CANAL_JSON,
                TiCdcMetadata.CANAL_JSON,
                TiCdcCanalDeserializationSchema::builder);
    }
}
