package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.protocol.DdlEvent;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;

import java.util.List;

/**
 * A decoded TiCDC event on its way from the source to the commit-order operator, as a {@link
 * RowData} of a fixed shape, so that Flink's own row serializer carries it over the network and
 * into state: {@code (kind, row kind, commit TSO, table, changelog row, DDL type, DDL statement)}.
 * A progress event has only its resolved ts, in the TSO field; a DDL has no changelog row.
 */
@Internal
public final class ChangeEnvelope {

    /** A changelog row of a row change. */
    static final byte ROW = 0;

    /** TiCDC's progress in the record's partition. */
    static final byte PROGRESS = 1;

    /** A DDL of a table that is read. */
    static final byte DDL = 2;

    private static final int KIND = 0;
    private static final int ROW_KIND = 1;
    private static final int TSO = 2;
    private static final int TABLE = 3;
    private static final int PAYLOAD = 4;
    private static final int DDL_TYPE = 5;
    private static final int QUERY = 6;
    private static final int ARITY = 7;

    private ChangeEnvelope() {}

    /** The envelope of changelog rows of type {@code payload}. */
    public static RowType rowType(RowType payload) {
        return new RowType(
                List.of(
                        new RowType.RowField("kind", new TinyIntType(false)),
                        new RowType.RowField("row_kind", new TinyIntType(false)),
                        new RowType.RowField("tso", new BigIntType(false)),
                        new RowType.RowField("table", new VarCharType(VarCharType.MAX_LENGTH)),
                        new RowType.RowField("row", payload),
                        new RowType.RowField("ddl_type", new VarCharType(VarCharType.MAX_LENGTH)),
                        new RowType.RowField("query", new VarCharType(VarCharType.MAX_LENGTH))));
    }

    /**
     * @param table the row's {@code database.table}
     */
    static RowData row(RowData row, StringData table, long commitTs) {
        GenericRowData envelope = envelope(ROW, commitTs, table);
        envelope.setField(ROW_KIND, row.getRowKind().toByteValue());
        envelope.setField(PAYLOAD, row);
        return envelope;
    }

    static RowData progress(long resolvedTs) {
        return envelope(PROGRESS, resolvedTs, null);
    }

    /**
     * @param table the DDL's {@code database.table}
     */
    static RowData ddl(DdlEvent ddl, StringData table, long commitTs) {
        GenericRowData envelope = envelope(DDL, commitTs, table);
        envelope.setField(DDL_TYPE, StringData.fromString(ddl.ddlType()));
        envelope.setField(QUERY, StringData.fromString(ddl.query()));
        return envelope;
    }

    private static GenericRowData envelope(byte kind, long tso, StringData table) {
        GenericRowData envelope = new GenericRowData(ARITY);
        envelope.setField(KIND, kind);
        envelope.setField(ROW_KIND, RowKind.INSERT.toByteValue());
        envelope.setField(TSO, tso);
        envelope.setField(TABLE, table);
        return envelope;
    }

    static byte kind(RowData envelope) {
        return envelope.getByte(KIND);
    }

    /** The commit TSO of a row, the resolved ts of a progress event. */
    static long tso(RowData envelope) {
        return envelope.getLong(TSO);
    }

    /** The table of a row ({@code database.table}); empty for a progress event. */
    static String table(RowData envelope) {
        return envelope.isNullAt(TABLE) ? "" : envelope.getString(TABLE).toString();
    }

    /**
     * Where a change stands among the changes of one transaction, as TiCDC orders them: deletes,
     * then updates (or upserts), then inserts, then DDL. So a DELETE that TiCDC split from an
     * update comes before its INSERT even when the two came through different partitions.
     */
    static int rankInTransaction(RowData envelope) {
        if (kind(envelope) == DDL) {
            return 3;
        }
        switch (RowKind.fromByteValue(envelope.getByte(ROW_KIND))) {
            case DELETE:
                return 0;
            case INSERT:
                return 2;
            default:
                return 1;
        }
    }

    /** The kind of DDL of a DDL envelope, as its protocol names it. */
    static String ddlType(RowData envelope) {
        return envelope.getString(DDL_TYPE).toString();
    }

    /** The statement of a DDL envelope. */
    static String query(RowData envelope) {
        return envelope.getString(QUERY).toString();
    }

    /** The changelog row, with its row kind. */
    static RowData payload(RowData envelope, int arity) {
        RowData row = envelope.getRow(PAYLOAD, arity);
        row.setRowKind(RowKind.fromByteValue(envelope.getByte(ROW_KIND)));
        return row;
    }
}
