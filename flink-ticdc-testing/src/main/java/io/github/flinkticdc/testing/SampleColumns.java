package io.github.flinkticdc.testing;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Flink row to decode a sample into so that its values compare with the expectation file's
 * text: every column the expected rows name, STRING, or BYTES where the expectation gives raw bytes
 * ({@code hex:...}).
 */
public final class SampleColumns {

    /** The column declared when no expected row names one (DDL, watermark and empty samples). */
    public static final String PLACEHOLDER = "placeholder";

    private SampleColumns() {}

    /** The expected rows of an expectation ({@code rows}) or of each of its {@code events}. */
    public static List<JsonNode> expectedRows(JsonNode expect) {
        List<JsonNode> rows = new ArrayList<>();
        expect.path("rows").forEach(rows::add);
        for (JsonNode event : expect.path("events")) {
            event.path("rows").forEach(rows::add);
        }
        return rows;
    }

    /**
     * @param withBinary whether to declare the raw-bytes columns (as BYTES) or leave them out
     */
    public static RowType of(List<JsonNode> expectedRows, boolean withBinary) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> binary = new LinkedHashSet<>();
        for (JsonNode row : expectedRows) {
            row.get("values")
                    .fields()
                    .forEachRemaining(
                            e -> {
                                columns.add(e.getKey());
                                if (e.getValue().asText().startsWith("hex:")) {
                                    binary.add(e.getKey());
                                }
                            });
        }
        if (!withBinary) {
            columns.removeAll(binary);
        }
        if (columns.isEmpty()) {
            columns.add(PLACEHOLDER);
        }
        List<DataTypes.Field> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(
                    DataTypes.FIELD(
                            column,
                            binary.contains(column) ? DataTypes.BYTES() : DataTypes.STRING()));
        }
        return (RowType) DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).getLogicalType();
    }
}
