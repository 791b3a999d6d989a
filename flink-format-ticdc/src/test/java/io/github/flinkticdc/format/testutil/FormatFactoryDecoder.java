package io.github.flinkticdc.format.testutil;

import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.apache.flink.table.runtime.connector.source.ScanRuntimeProviderContext;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime decoder of any table format, built through its factory the way the planner builds it
 * for a {@code kafka} table (format options, metadata keys, physical row type), opened with a real
 * initialization context, and producing {@link Row}s so that the output of two different formats
 * can be compared with {@code equals} (row kind and every field, including metadata).
 */
public final class FormatFactoryDecoder {

    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DecoderHarness<byte[]> harness;
    private final DataStructureConverter<Object, Object> toRow;

    private FormatFactoryDecoder(
            DecodingFormat<DeserializationSchema<RowData>> format,
            DecoderHarness<byte[]> harness,
            DataStructureConverter<Object, Object> toRow) {
        this.format = format;
        this.harness = harness;
        this.toRow = toRow;
    }

    /**
     * @param formatOptions the format's options without the {@code <identifier>.} prefix
     * @param metadataKeys metadata columns appended after the physical ones, in this order
     */
    public static FormatFactoryDecoder create(
            DeserializationFormatFactory factory,
            Map<String, String> formatOptions,
            DataType physicalDataType,
            List<String> metadataKeys)
            throws Exception {
        List<Column> columns = new ArrayList<>();
        for (DataTypes.Field field : DataType.getFields(physicalDataType)) {
            columns.add(Column.physical(field.getName(), field.getDataType()));
        }
        DecodingFormat<DeserializationSchema<RowData>> format =
                factory.createDecodingFormat(
                        FactoryMocks.createTableContext(ResolvedSchema.of(columns), Map.of()),
                        Configuration.fromMap(formatOptions));
        Map<String, DataType> readable = format.listReadableMetadata();
        List<DataTypes.Field> produced = new ArrayList<>(DataType.getFields(physicalDataType));
        for (String key : metadataKeys) {
            if (!readable.containsKey(key)) {
                throw new IllegalArgumentException(
                        factory.factoryIdentifier() + " has no metadata '" + key + "'");
            }
            produced.add(DataTypes.FIELD(key, readable.get(key)));
        }
        format.applyReadableMetadata(metadataKeys);
        DeserializationSchema<RowData> schema =
                format.createRuntimeDecoder(ScanRuntimeProviderContext.INSTANCE, physicalDataType);
        DataStructureConverter<Object, Object> toRow =
                DataStructureConverters.getConverter(
                        DataTypes.ROW(produced.toArray(new DataTypes.Field[0])));
        toRow.open(FormatFactoryDecoder.class.getClassLoader());
        return new FormatFactoryDecoder(format, DecoderHarness.of(schema), toRow);
    }

    /** The rows one message decodes to, with their row kinds. */
    public List<Row> decode(byte[] message) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (RowData row : harness.decode(message)) {
            rows.add((Row) toRow.toExternal(row));
        }
        return rows;
    }

    /** The metadata keys the format offers. */
    public Map<String, DataType> readableMetadata() {
        return format.listReadableMetadata();
    }

    /** The current value of a counter the decoder registered. */
    public long counter(String name) {
        return harness.counter(name);
    }
}
