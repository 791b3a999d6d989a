package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a TiCDC decoder is configured with: the protocol, the rows it produces and the format
 * options. Immutable and serializable; built by {@link DecoderBuilder}.
 */
@Internal
public final class DecoderSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TiCdcProtocol protocol;
    private final RowType physicalRowType;
    private final List<TiCdcMetadata> metadata;
    private final TypeInformation<RowData> producedTypeInfo;
    private final boolean upsert;
    private final DecoderOptions options;

    DecoderSettings(
            TiCdcProtocol protocol,
            RowType physicalRowType,
            List<TiCdcMetadata> metadata,
            TypeInformation<RowData> producedTypeInfo,
            boolean upsert,
            DecoderOptions options) {
        this.protocol = protocol;
        this.physicalRowType = physicalRowType;
        this.metadata = List.copyOf(metadata);
        this.producedTypeInfo = producedTypeInfo;
        this.upsert = upsert;
        this.options = options;
    }

    public TiCdcProtocol protocol() {
        return protocol;
    }

    public RowType physicalRowType() {
        return physicalRowType;
    }

    /** The TiCDC metadata columns, after the physical ones. */
    public List<TiCdcMetadata> metadata() {
        return metadata;
    }

    public TypeInformation<RowData> producedTypeInfo() {
        return producedTypeInfo;
    }

    /** Whether updates arrive without the row before, so that rows are emitted as upserts. */
    public boolean upsert() {
        return upsert;
    }

    public DecoderOptions options() {
        return options;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DecoderSettings)) {
            return false;
        }
        DecoderSettings that = (DecoderSettings) o;
        return protocol == that.protocol
                && upsert == that.upsert
                && physicalRowType.equals(that.physicalRowType)
                && metadata.equals(that.metadata)
                && producedTypeInfo.equals(that.producedTypeInfo)
                && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, physicalRowType, metadata, producedTypeInfo, upsert, options);
    }

    @Override
    public String toString() {
        return protocol + (upsert ? " (upsert)" : "") + ", " + options;
    }
}
