package io.github.flinkticdc.format.canal;

import io.github.flinkticdc.format.common.DecoderOptions;
import io.github.flinkticdc.format.common.TiCdcMetadata;

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

/** The {@code ticdc-canal} decoding format: projection, metadata and the changelog it emits. */
@Internal
public class TiCdcCanalDecodingFormat
        implements ProjectableDecodingFormat<DeserializationSchema<RowData>> {

    private final DecoderOptions options;

    private List<String> metadataKeys = Collections.emptyList();

    public TiCdcCanalDecodingFormat(DecoderOptions options) {
        this.options = options;
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
        return TiCdcCanalDeserializationSchema.builder((RowType) projected.getLogicalType())
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
        return TiCdcMetadata.types(TiCdcMetadata.CANAL_JSON);
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TiCdcCanalDecodingFormat that = (TiCdcCanalDecodingFormat) o;
        return options.equals(that.options) && metadataKeys.equals(that.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, metadataKeys);
    }
}
