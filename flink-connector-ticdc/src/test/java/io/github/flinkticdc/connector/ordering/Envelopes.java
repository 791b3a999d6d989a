package io.github.flinkticdc.connector.ordering;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.DdlEvent;
import io.github.flinkticdc.format.protocol.RowChange;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Envelopes of {@code shop.orders} as the source makes them, through {@link EnvelopeOutput}. */
final class Envelopes {

    private Envelopes() {}

    /** A TSO: physical milliseconds in the upper 46 bits, a logical counter in the lower 18. */
    static long tso(long millis, int logical) {
        return millis << 18 | logical;
    }

    /** The envelope of a changelog row of {@code shop.orders} committed at {@code commitTs}. */
    static RowData row(RowData row, long commitTs) throws IOException {
        List<RowData> out = new ArrayList<>();
        new EnvelopeOutput().to(new ListCollector<>(out)).row(row, new Orders(commitTs));
        return only(out);
    }

    /** The envelope of TiCDC's progress up to {@code resolvedTs}. */
    static RowData progress(long resolvedTs) throws IOException {
        List<RowData> out = new ArrayList<>();
        new EnvelopeOutput().to(new ListCollector<>(out)).progress(resolvedTs);
        return only(out);
    }

    /** The envelope of a DDL of {@code shop.orders} committed at {@code commitTs}. */
    static RowData ddl(String query, long commitTs) throws IOException {
        List<RowData> out = new ArrayList<>();
        new EnvelopeOutput().to(new ListCollector<>(out)).ddl(new OrdersDdl(query, commitTs));
        return only(out);
    }

    private static RowData only(List<RowData> out) {
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    /** An event of {@code shop.orders} committed at a given TSO. */
    private abstract static class OfOrders {
        private final long commitTs;

        OfOrders(long commitTs) {
            this.commitTs = commitTs;
        }

        public String database() {
            return "shop";
        }

        public String table() {
            return "orders";
        }

        public Long commitTs() {
            return commitTs;
        }
    }

    /** A DDL of {@code shop.orders}. */
    private static final class OrdersDdl extends OfOrders implements DdlEvent {
        private final String query;

        OrdersDdl(String query, long commitTs) {
            super(commitTs);
            this.query = query;
        }

        @Override
        public String ddlType() {
            return "ALTER";
        }

        @Override
        public String query() {
            return query;
        }
    }

    /** A row change of {@code shop.orders}; only its table and commit TSO matter here. */
    private static final class Orders extends OfOrders implements RowChange {
        Orders(long commitTs) {
            super(commitTs);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.INSERT;
        }

        @Override
        public Long tablePartitionId() {
            return null;
        }
    }
}
