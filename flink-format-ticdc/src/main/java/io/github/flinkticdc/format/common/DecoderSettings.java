package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a TiCDC decoder is configured with, whatever the protocol: the rows it produces and the
 * format options. Immutable and serializable; built by {@link DecoderBuilder}.
 */
@Internal
public final class DecoderSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowType physicalRowType;
    private final List<TiCdcMetadata> metadata;
    private final TypeInformation<RowData> producedTypeInfo;
    private final boolean ignoreParseErrors;
    private final TableFilter filter;
    private final ZoneId timestampZone;
    private final DdlHandling ddl;
    private final Compression compression;

    DecoderSettings(
            RowType physicalRowType,
            List<TiCdcMetadata> metadata,
            TypeInformation<RowData> producedTypeInfo,
            boolean ignoreParseErrors,
            TableFilter filter,
            ZoneId timestampZone,
            DdlHandling ddl,
            Compression compression) {
        this.physicalRowType = physicalRowType;
        this.metadata = List.copyOf(metadata);
        this.producedTypeInfo = producedTypeInfo;
        this.ignoreParseErrors = ignoreParseErrors;
        this.filter = filter;
        this.timestampZone = timestampZone;
        this.ddl = ddl;
        this.compression = compression;
    }

    /** The per-task objects of a decoder for {@code protocol} (its name in messages). */
    public DecoderRuntime openRuntime(MetricGroup metricGroup, String protocol, boolean upsert) {
        return new DecoderRuntime(this, metricGroup, protocol, upsert);
    }

    public RowType physicalRowType() {
        return physicalRowType;
    }

    public List<TiCdcMetadata> metadata() {
        return metadata;
    }

    public TypeInformation<RowData> producedTypeInfo() {
        return producedTypeInfo;
    }

    public boolean ignoreParseErrors() {
        return ignoreParseErrors;
    }

    public TableFilter filter() {
        return filter;
    }

    public ZoneId timestampZone() {
        return timestampZone;
    }

    public DdlHandling ddl() {
        return ddl;
    }

    public Compression compression() {
        return compression;
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
        return ignoreParseErrors == that.ignoreParseErrors
                && physicalRowType.equals(that.physicalRowType)
                && metadata.equals(that.metadata)
                && producedTypeInfo.equals(that.producedTypeInfo)
                && filter.equals(that.filter)
                && timestampZone.equals(that.timestampZone)
                && ddl == that.ddl
                && compression == that.compression;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                physicalRowType,
                metadata,
                producedTypeInfo,
                ignoreParseErrors,
                filter,
                timestampZone,
                ddl,
                compression);
    }
}
