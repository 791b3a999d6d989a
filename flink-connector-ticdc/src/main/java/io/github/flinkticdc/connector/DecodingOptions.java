package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.source.TiCdcDecodingBuilder;
import io.github.flinkticdc.format.common.DecoderOptions;
import io.github.flinkticdc.format.common.TiCdcProtocol;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;
import java.util.Objects;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.OPEN_PROTOCOL_OUTPUT_OLD_VALUE;

/**
 * What the format options of a {@code ticdc} table say about decoding, validated: the TiCDC format
 * options and, for the Open Protocol, upsert mode.
 */
final class DecodingOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DecoderOptions format;
    private final boolean upsert;

    private DecodingOptions(DecoderOptions format, boolean upsert) {
        this.format = format;
        this.upsert = upsert;
    }

    /**
     * @param hasPrimaryKey whether the table declares a primary key, which upserts need
     */
    static DecodingOptions from(
            ReadableConfig options, TiCdcProtocol protocol, boolean hasPrimaryKey) {
        return new DecodingOptions(
                DecoderOptions.from(options, ""), upsert(options, protocol, hasPrimaryKey));
    }

    private static boolean upsert(
            ReadableConfig options, TiCdcProtocol protocol, boolean hasPrimaryKey) {
        if (options.getOptional(OPEN_PROTOCOL_OUTPUT_OLD_VALUE).isEmpty()) {
            return false;
        }
        if (protocol != TiCdcProtocol.OPEN_PROTOCOL) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' is only for 'protocol' = 'open-protocol'; canal-json"
                                    + " always carries the row before an update.",
                            OPEN_PROTOCOL_OUTPUT_OLD_VALUE.key()));
        }
        boolean upsert = !options.get(OPEN_PROTOCOL_OUTPUT_OLD_VALUE);
        if (upsert && !hasPrimaryKey) {
            throw new ValidationException(
                    String.format(
                            "'%s' = 'false' needs a PRIMARY KEY: TiCDC then writes updates"
                                    + " without the row before, so the source emits upserts,"
                                    + " which Flink applies by key. Declare the TiDB table's"
                                    + " primary key, e.g. PRIMARY KEY (id) NOT ENFORCED.",
                            OPEN_PROTOCOL_OUTPUT_OLD_VALUE.key()));
        }
        return upsert;
    }

    /** Whether updates arrive without the row before, so rows are upserts. */
    boolean upsert() {
        return upsert;
    }

    /** Sets every format option on {@code builder}; returns it. */
    <B extends TiCdcDecodingBuilder<B, ?>> B applyTo(B builder) {
        return format.applyTo(builder).setUpsert(upsert);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DecodingOptions)) {
            return false;
        }
        DecodingOptions that = (DecodingOptions) o;
        return format.equals(that.format) && upsert == that.upsert;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, upsert);
    }
}
