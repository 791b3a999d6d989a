package io.github.flinkticdc.connector.testutil;

import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.Changelog;
import io.github.flinkticdc.testing.TiCdcChangefeed;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Flink must read from a shop table through the {@code ticdc} connector: its changelog with
 * every metadata column, built from the changefeed's events, and the table it materializes to.
 */
public final class ShopChangelog {

    /**
     * The metadata columns the ITCases declare, in a different order than the connector lists them
     * (the planner reorders): Kafka offset first.
     */
    public static final String METADATA_COLUMNS =
            "kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL,"
                    + " commit_ts BIGINT METADATA FROM 'commit-ts' VIRTUAL,"
                    + " commit_time TIMESTAMP_LTZ(3) METADATA FROM 'commit-time' VIRTUAL,"
                    + " db STRING METADATA FROM 'database' VIRTUAL,"
                    + " tbl STRING METADATA FROM 'table' VIRTUAL,"
                    + " event_type STRING METADATA FROM 'event-type' VIRTUAL,"
                    + " ptn BIGINT METADATA FROM 'table-partition-id' VIRTUAL,"
                    + " kafka_topic STRING METADATA FROM 'topic' VIRTUAL,"
                    + " kafka_partition INT METADATA FROM 'partition' VIRTUAL,"
                    + " kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'kafka-timestamp' VIRTUAL";

    private static final int METADATA_COUNT = 10;

    private ShopChangelog() {}

    /**
     * Checks {@code SELECT *} of a shop table: physical columns and metadata row by row in TiCDC's
     * order (a table's rows share one partition), and the table it materializes to.
     *
     * @param withPartitionIds whether the protocol carries {@code ptn} (Open Protocol)
     * @param sentMillis the wall-clock range the records were produced in, for kafka-timestamp
     */
    public static void assertSelectAll(
            ShopWorkload shop,
            String table,
            List<Row> actual,
            boolean withPartitionIds,
            long[] sentMillis) {
        List<Row> expectedData = new ArrayList<>();
        List<Row> expectedMetadata = new ArrayList<>();
        for (TiCdcChangefeed.Event e : shop.rowEvents(table)) {
            switch (e.type()) {
                case "INSERT":
                    add(
                            shop,
                            table,
                            expectedData,
                            expectedMetadata,
                            RowKind.INSERT,
                            e.after(),
                            e,
                            withPartitionIds);
                    break;
                case "UPDATE":
                    add(
                            shop,
                            table,
                            expectedData,
                            expectedMetadata,
                            RowKind.UPDATE_BEFORE,
                            e.before(),
                            e,
                            withPartitionIds);
                    add(
                            shop,
                            table,
                            expectedData,
                            expectedMetadata,
                            RowKind.UPDATE_AFTER,
                            e.after(),
                            e,
                            withPartitionIds);
                    break;
                default:
                    add(
                            shop,
                            table,
                            expectedData,
                            expectedMetadata,
                            RowKind.DELETE,
                            e.after(),
                            e,
                            withPartitionIds);
            }
        }
        int physical = ShopWorkload.columns(table).size();
        assertThat(expectedData).as("row events of %s", table).hasSizeGreaterThan(20);
        assertThat(actual)
                .map(r -> project(r, 0, physical))
                .containsExactlyElementsOf(expectedData);
        assertThat(actual)
                .map(r -> project(r, physical, physical + METADATA_COUNT - 1))
                .containsExactlyElementsOf(expectedMetadata);
        assertThat(actual)
                .map(r -> (Instant) r.getField(physical + METADATA_COUNT - 1))
                .allSatisfy(
                        ts ->
                                assertThat(ts.toEpochMilli())
                                        .isBetween(sentMillis[0], sentMillis[1]));
        assertMaterializesToTheSourceTable(
                shop,
                table,
                actual.stream().map(r -> project(r, 0, physical)).collect(Collectors.toList()));
    }

    /** The changelog, applied, gives what the TiDB table holds at the end. */
    public static void assertMaterializesToTheSourceTable(
            ShopWorkload shop, String table, List<Row> physicalChangelog) {
        assertThat(shop.sourceRows(table)).as("rows left in %s", table).hasSizeGreaterThan(3);
        assertThat(Changelog.materialize(physicalChangelog))
                .containsExactlyInAnyOrderElementsOf(shop.sourceRows(table));
    }

    private static void add(
            ShopWorkload shop,
            String table,
            List<Row> data,
            List<Row> metadata,
            RowKind kind,
            Map<String, String> image,
            TiCdcChangefeed.Event e,
            boolean withPartitionIds) {
        data.add(ShopWorkload.flinkRow(table, kind, image));
        metadata.add(
                Row.ofKind(
                        kind,
                        e.offset(),
                        e.commitTs(),
                        Instant.ofEpochMilli(CanalJsonWriter.physicalMillis(e.commitTs())),
                        "shop",
                        table,
                        e.type(),
                        withPartitionIds ? e.table().partitionIdOf(image) : null,
                        shop.feed().topic(),
                        e.partition()));
    }

    /** Fields {@code from} (inclusive) to {@code to} (exclusive), keeping the row kind. */
    public static Row project(Row row, int from, int to) {
        Row projected = new Row(row.getKind(), to - from);
        for (int i = from; i < to; i++) {
            projected.setField(i - from, row.getField(i));
        }
        return projected;
    }
}
