package io.github.flinkticdc.connector.sink;

import io.github.flinkticdc.format.canal.TableNames;
import io.github.flinkticdc.format.convert.ColumnEncoding;
import io.github.flinkticdc.format.convert.ColumnEncodings;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.apache.kafka.common.utils.Utils;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * Chooses each change's Kafka partition so that all changes of one row go to one partition, where a
 * reader gets them in the order they were written: the murmur2 hash (Kafka's, of keyed records) of
 * the row's TiDB database and table names and of its primary key columns' TiCDC text, the text the
 * message's {@code data} holds. A table without a primary key goes to one partition as a whole, as
 * TiCDC's {@code table} dispatcher sends it: nothing else tells which changes belong to one row.
 *
 * <p>The text, not Flink's binary row, is hashed, so that the partition of a key does not depend on
 * how Flink represents its value, and equal values of different Flink versions meet.
 */
@Internal
public final class ChangePartitioner implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowType physicalRowType;
    private final int[] keyColumns;
    private final ZoneId timestampZone;
    private final TableNames names;

    private transient RowData.FieldGetter[] getters;
    private transient ColumnEncoding[] encodings;

    /**
     * @param physicalRowType the physical columns, first in each row
     * @param keyColumns the positions of the primary key's columns; empty without one
     * @param timestampZone the zone TIMESTAMP_LTZ values are written in
     * @param names the TiDB database and table each row is written as
     */
    public ChangePartitioner(
            RowType physicalRowType, int[] keyColumns, ZoneId timestampZone, TableNames names) {
        this.physicalRowType = Objects.requireNonNull(physicalRowType);
        this.keyColumns = keyColumns.clone();
        this.timestampZone = Objects.requireNonNull(timestampZone);
        this.names = Objects.requireNonNull(names);
    }

    /**
     * @param partitions the topic's partitions
     * @return the partition of {@code row}, one of {@code partitions}
     */
    public int partition(RowData row, int[] partitions) {
        if (getters == null) {
            getters = new RowData.FieldGetter[keyColumns.length];
            encodings = new ColumnEncoding[keyColumns.length];
            for (int i = 0; i < keyColumns.length; i++) {
                int column = keyColumns[i];
                getters[i] = RowData.createFieldGetter(physicalRowType.getTypeAt(column), column);
                encodings[i] =
                        ColumnEncodings.forType(
                                physicalRowType.getFieldNames().get(column),
                                physicalRowType.getTypeAt(column),
                                timestampZone);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        append(bytes, names.database(row));
        append(bytes, names.table(row));
        for (int i = 0; i < keyColumns.length; i++) {
            Object value = getters[i].getFieldOrNull(row);
            append(bytes, value == null ? null : encodings[i].render(value));
        }
        int hash = Utils.toPositive(Utils.murmur2(bytes.toByteArray()));
        return partitions[hash % partitions.length];
    }

    /** Length-prefixed, so that no two different sequences of texts hash the same bytes. */
    private static void append(ByteArrayOutputStream bytes, String text) {
        if (text == null) {
            bytes.write(0xff);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write(utf8.length >>> shift);
        }
        bytes.write(utf8, 0, utf8.length);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChangePartitioner)) {
            return false;
        }
        ChangePartitioner that = (ChangePartitioner) o;
        return physicalRowType.equals(that.physicalRowType)
                && Arrays.equals(keyColumns, that.keyColumns)
                && timestampZone.equals(that.timestampZone)
                && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(physicalRowType, Arrays.hashCode(keyColumns), timestampZone, names);
    }
}
