package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The decoding format of a value-only TiCDC protocol ({@code ticdc-canal} and its siblings):
 * projection, metadata and the changelog it emits, the same for every protocol.
 */
@Internal
public final class TiCdcDecodingFormat
        implements ProjectableDecodingFormat<DeserializationSchema<RowData>> {

    private final TiCdcProtocol protocol;
    private final Set<TiCdcMetadata> readableMetadata;
    private final Function<RowType, DecoderBuilder<?, ? extends TiCdcDeserializationSchema>>
            builders;
    private final DecoderOptions options;

    private List<String> metadataKeys = Collections.emptyList();

    /**
     * @param readableMetadata the metadata the protocol's messages carry
     * @param builders the protocol's schema builder for a physical row type
     */
    public TiCdcDecodingFormat(
            TiCdcProtocol protocol,
            Set<TiCdcMetadata> readableMetadata,
            Function<RowType, DecoderBuilder<?, ? extends TiCdcDeserializationSchema>> builders,
            DecoderOptions options) {
        this.protocol = Objects.requireNonNull(protocol);
        this.readableMetadata = Objects.requireNonNull(readableMetadata);
        this.builders = Objects.requireNonNull(builders);
        this.options = Objects.requireNonNull(options);
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
        DataType projected = Projection.of(projections).project(physicalDataType);
        List<TiCdcMetadata> metadata = new ArrayList<>();
        List<DataTypes.Field> fields = new ArrayList<>(DataType.getFields(projected));
        for (String key : metadataKeys) {
            TiCdcMetadata m = TiCdcMetadata.ofKey(key);
            metadata.add(m);
            fields.add(DataTypes.FIELD(key, m.dataType()));
        }
        TypeInformation<RowData> producedTypeInfo =
                context.createTypeInformation(
                        DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).notNull());
        return builders.apply((RowType) projected.getLogicalType())
                .setFormatOptions(options)
                .setReadableMetadata(metadata)
                .setProducedTypeInfo(producedTypeInfo)
                .build();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.newBuilder()
                .addContainedKind(RowKind.INSERT)
                .addContainedKind(RowKind.UPDATE_BEFORE)
                .addContainedKind(RowKind.UPDATE_AFTER)
                .addContainedKind(RowKind.DELETE)
                .build();
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        return TiCdcMetadata.types(readableMetadata);
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
    }

    /** Equal formats read the same protocol with the same options and metadata. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TiCdcDecodingFormat)) {
            return false;
        }
        TiCdcDecodingFormat that = (TiCdcDecodingFormat) o;
        return protocol == that.protocol
                && options.equals(that.options)
                && metadataKeys.equals(that.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, options, metadataKeys);
    }
}
