package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.ColumnType;

import org.apache.flink.table.data.GenericArrayData;

/** ARRAY&lt;FLOAT&gt; from TiDB's VECTOR(FLOAT32) text {@code [1,2.5,3]}. */
final class VectorConverter implements ValueConverter {

    static final VectorConverter INSTANCE = new VectorConverter();

    private VectorConverter() {}

    @Override
    public Object convert(CharSequence text, ColumnType type) throws ValueConversionException {
        String trimmed = text.toString().trim();
        if (trimmed.length() < 2
                || trimmed.charAt(0) != '['
                || trimmed.charAt(trimmed.length() - 1) != ']') {
            throw new ValueConversionException("not a vector; expected [v1,v2,...]");
        }
        String body = trimmed.substring(1, trimmed.length() - 1).trim();
        if (body.isEmpty()) {
            return new GenericArrayData(new float[0]);
        }
        String[] parts = body.split(",", -1);
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = FloatConverters.parseFloat(parts[i].trim());
            } catch (ValueConversionException e) {
                throw new ValueConversionException(
                        "vector element " + i + " '" + parts[i].trim() + "' is " + e.getMessage());
            }
        }
        return new GenericArrayData(values);
    }
}
