package io.github.flinkticdc.format;

import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.Changelog;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.SimpleWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbRowChecksum;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A realistic TiDB table (mixed types, primary key) replicated by TiCDC into a two-partition topic:
 * inserts, updates (full {@code old}, values to and from NULL), key-changing updates split into
 * DELETE + INSERT, multi-row transactions, deletes, DDLs and watermarks interleaved. For each
 * value-only format, on the same workload as its protocol writes it, read by Flink's {@code kafka}
 * connector: the changelog, the table it materializes to, a {@code GROUP BY} over it and the
 * metadata columns must all agree with the model of the source table the changefeed keeps.
 *
 * <p>The simple protocol is read also with TiCDC's row checksums, verified.
 *
 * <p>TiCDC runs in Asia/Shanghai, so every TIMESTAMP is an instant read back through {@code
 * timestamp.time-zone}.
 */
class ValueFormatChangelogITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final ZoneId TICDC_ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** A value-only format, with the writer of its protocol and what that protocol cannot carry. */
    private enum Variant {
        CANAL_JSON("ticdc-canal", Set.of(), ""),
        /**
         * With TiCDC's integrity check, whose row checksums the format verifies: reading them
         * unverified is the same reading less the check (the unit tests read both ways).
         */
        SIMPLE_CHECKSUMS("ticdc-simple", Set.of(), " 'ticdc-simple.checksum.verify' = 'true',"),
        // TiCDC's debezium encoder writes a BIGINT UNSIGNED above 2^63 - 1 wrapped (read as an
        // error), and the test writer has no ENUM labels to write.
        DEBEZIUM("ticdc-debezium", Set.of("big_amount", "status"), ""),
        DEBEZIUM_WITHOUT_SCHEMA("ticdc-debezium", Set.of("big_amount", "status"), "");

        final String format;
        final Set<String> unsupportedColumns;
        final String options;

        Variant(String format, Set<String> unsupportedColumns, String options) {
            this.format = format;
            this.unsupportedColumns = unsupportedColumns;
            this.options = options;
        }

        TiCdcChangefeed changefeed(String topic) {
            long start = 1_720_000_000_000L;
            switch (this) {
                case CANAL_JSON:
                    return new TiCdcChangefeed(topic, 2, CanalJsonWriter.create(), start);
                case SIMPLE_CHECKSUMS:
                    return new TiCdcChangefeed(topic, 2, simpleWriter().withChecksums(), start);
                default:
                    return new TiCdcChangefeed(
                            topic,
                            2,
                            DebeziumWriter.create()
                                    .withSchema(this == DEBEZIUM)
                                    .withTimeZone(TICDC_ZONE),
                            start);
            }
        }

        List<Col> columns() {
            return COLUMNS.stream()
                    .filter(c -> !unsupportedColumns.contains(c.name))
                    .collect(Collectors.toList());
        }

        String table() {
            return "orders_" + name().toLowerCase(Locale.ROOT);
        }

        private static SimpleWriter simpleWriter() {
            return SimpleWriter.create().withTimestampLocation(TICDC_ZONE.getId());
        }
    }

    /**
     * Column: TiDB type, Flink type, a generator of TiCDC's text and its expected Flink value, and
     * where debezium without its schema reads it otherwise.
     */
    private static final class Col {
        final String name;
        final String tidbType;
        final String flinkType;
        final Function<Random, String> text;
        final Function<String, Object> flinkValue;
        final String typeWithoutSchema;
        final Function<String, Object> valueWithoutSchema;

        Col(
                String name,
                String tidbType,
                String flinkType,
                Function<Random, String> text,
                Function<String, Object> flinkValue) {
            this(name, tidbType, flinkType, text, flinkValue, flinkType, flinkValue);
        }

        private Col(
                String name,
                String tidbType,
                String flinkType,
                Function<Random, String> text,
                Function<String, Object> flinkValue,
                String typeWithoutSchema,
                Function<String, Object> valueWithoutSchema) {
            this.name = name;
            this.tidbType = tidbType;
            this.flinkType = flinkType;
            this.text = text;
            this.flinkValue = flinkValue;
            this.typeWithoutSchema = typeWithoutSchema;
            this.valueWithoutSchema = valueWithoutSchema;
        }

        Col withoutSchema(String type, Function<String, Object> value) {
            return new Col(name, tidbType, flinkType, text, flinkValue, type, value);
        }

        String flinkType(Variant variant) {
            return variant == Variant.DEBEZIUM_WITHOUT_SCHEMA ? typeWithoutSchema : flinkType;
        }

        Object flinkValue(Variant variant, String text) {
            return variant == Variant.DEBEZIUM_WITHOUT_SCHEMA
                    ? valueWithoutSchema.apply(text)
                    : flinkValue.apply(text);
        }
    }

    private static final List<Col> COLUMNS =
            List.of(
                    new Col("id", "bigint", "BIGINT", null, Long::valueOf),
                    new Col(
                            "customer_id",
                            "int",
                            "INT",
                            r -> String.valueOf(1 + r.nextInt(20)),
                            Integer::valueOf),
                    new Col(
                            "sku",
                            "varchar",
                            "STRING",
                            r -> "SKU-" + r.nextInt(1000) + (r.nextBoolean() ? " «ü»" : ""),
                            s -> s),
                    new Col(
                            "qty",
                            "smallint",
                            "INT",
                            r -> String.valueOf(1 + r.nextInt(50)),
                            Integer::valueOf),
                    new Col(
                            "price",
                            "decimal",
                            "DECIMAL(10, 2)",
                            r -> r.nextInt(100_000) / 100 + "." + (10 + r.nextInt(90)),
                            BigDecimal::new),
                    new Col(
                            "weight",
                            "double",
                            "DOUBLE",
                            r -> String.valueOf(r.nextInt(5000) / 8.0),
                            Double::valueOf),
                    new Col(
                            "paid",
                            "tinyint",
                            "BOOLEAN",
                            r -> r.nextBoolean() ? "1" : "0",
                            s -> !"0".equals(s)),
                    new Col(
                            "status",
                            "enum",
                            "INT",
                            r -> String.valueOf(1 + r.nextInt(4)),
                            Integer::valueOf),
                    new Col(
                                    "created_at",
                                    "datetime",
                                    "TIMESTAMP(6)",
                                    r -> MICROS.format(dateTime(r)),
                                    s -> LocalDateTime.parse(s, MICROS))
                            // Without the schema a DATETIME is only readable as its epoch number.
                            .withoutSchema(
                                    "BIGINT", s -> epochMicros(LocalDateTime.parse(s, MICROS))),
                    new Col(
                            "updated_at",
                            "timestamp",
                            "TIMESTAMP_LTZ(3)",
                            r -> MILLIS.format(dateTime(r).withNano(r.nextInt(1000) * 1_000_000)),
                            s -> LocalDateTime.parse(s, MILLIS).atZone(TICDC_ZONE).toInstant()),
                    new Col(
                            "ship_date",
                            "date",
                            "DATE",
                            r ->
                                    LocalDate.of(2024, 1 + r.nextInt(12), 1 + r.nextInt(28))
                                            .toString(),
                            LocalDate::parse),
                    new Col(
                            "note",
                            "text",
                            "STRING",
                            r -> r.nextInt(3) == 0 ? null : "note <" + r.nextInt(99) + "> & \"x\"",
                            s -> s),
                    new Col(
                            "payload",
                            "blob",
                            "BYTES",
                            r -> {
                                byte[] bytes = new byte[1 + r.nextInt(6)];
                                r.nextBytes(bytes);
                                return new String(bytes, StandardCharsets.ISO_8859_1);
                            },
                            s -> s.getBytes(StandardCharsets.ISO_8859_1)),
                    new Col(
                            "big_amount",
                            "bigint unsigned",
                            "DECIMAL(20, 0)",
                            r ->
                                    r.nextBoolean()
                                            ? "18446744073709551" + (100 + r.nextInt(515))
                                            : String.valueOf(r.nextInt(1000)),
                            BigDecimal::new),
                    new Col(
                                    "flags",
                                    "bit",
                                    "BIGINT",
                                    r -> String.valueOf(r.nextInt(65536)),
                                    Long::valueOf)
                            // Without the schema a BIT is its little-endian bytes.
                            .withoutSchema("BYTES", DebeziumWriter::bitBytes),
                    new Col(
                            "yr",
                            "year",
                            "INT",
                            r -> String.valueOf(1990 + r.nextInt(40)),
                            Integer::valueOf));

    /** Columns the workload may set to NULL (the others feed the aggregate or the key). */
    private static final Set<String> NULLABLE =
            Set.of("note", "payload", "ship_date", "updated_at", "flags", "big_amount");

    /** A variant's changefeed and the source table it replicated. */
    private static final class Replicated {
        final TiCdcChangefeed feed;
        final TiDbTable table;

        Replicated(TiCdcChangefeed feed, TiDbTable table) {
            this.feed = feed;
            this.table = table;
        }
    }

    private static final Map<Variant, Replicated> REPLICATED = new EnumMap<>(Variant.class);
    private static TableEnvironment tEnv;

    @BeforeAll
    static void replicateAWorkload() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (Variant variant : Variant.values()) {
            List<Col> columns = variant.columns();
            TiDbTable table = TiDbTable.of("shop", "orders").pk("id", "bigint");
            for (Col c : columns.subList(1, columns.size())) {
                table = table.column(c.name, c.tidbType);
            }
            String topic = "tidb-shop-orders-" + variant.name().toLowerCase(Locale.ROOT);
            KAFKA.broker().createTopic(topic, 2);
            TiCdcChangefeed feed = variant.changefeed(topic);
            TiDbTable replicated = runWorkload(feed, table, columns, new Random(20240611));
            feed.sendTo(KAFKA.broker());
            REPLICATED.put(variant, new Replicated(feed, replicated));
            tEnv.executeSql(createOrdersTable(variant, variant.table(), topic));
        }
    }

    /** Changes the table as an application would, in ~60 transactions. */
    private static TiDbTable runWorkload(
            TiCdcChangefeed feed, TiDbTable table, List<Col> columns, Random random) {
        feed.schemaDdl("shop", CanalDdlType.QUERY, "CREATE DATABASE shop");
        TiDbTable current =
                feed.ddl(table, table, CanalDdlType.CREATE, "CREATE TABLE shop.orders (...)");
        long nextId = 1;
        for (int step = 0; step < 60; step++) {
            List<List<String>> keys =
                    feed.rows(current).stream().map(current::keyOf).collect(Collectors.toList());
            int action = keys.size() < 5 ? 0 : random.nextInt(10);
            TiDbTable t = current;
            if (action <= 3) {
                long id = nextId++;
                feed.insert(t, randomRow(t, columns, id, random));
            } else if (action <= 6) {
                List<String> key = keys.get(random.nextInt(keys.size()));
                feed.update(t, key, randomChanges(columns, random));
            } else if (action == 7) {
                List<String> key = keys.get(random.nextInt(keys.size()));
                feed.update(t, key, Map.of("id", String.valueOf(1000 + nextId++)));
            } else if (action == 8) {
                feed.delete(t, keys.get(random.nextInt(keys.size())));
            } else {
                // One transaction touching several rows: TiCDC orders them delete, update, insert.
                long id = nextId++;
                List<String> updated = keys.get(0);
                List<String> deleted = keys.get(keys.size() - 1);
                feed.transaction(
                        tx -> {
                            tx.insert(t, randomRow(t, columns, id, random));
                            tx.update(t, updated, randomChanges(columns, random));
                            tx.delete(t, deleted);
                        });
            }
            if (step % 7 == 6) {
                feed.watermark();
            }
            if (step == 25) {
                current =
                        feed.ddl(
                                t,
                                t.column("coupon", "varchar"),
                                CanalDdlType.ALTER,
                                "ALTER TABLE shop.orders ADD COLUMN coupon VARCHAR(16)");
            } else if (step == 40) {
                feed.ddl(
                        t,
                        t,
                        CanalDdlType.CINDEX,
                        "CREATE INDEX idx_customer ON shop.orders (customer_id)");
            }
        }
        feed.watermark();
        return current;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void changelogAndMetadataMatchTheChangefeed(Variant variant) {
        Replicated replicated = REPLICATED.get(variant);
        List<Row> changelog =
                CollectionUtil.iteratorToList(
                        tEnv.executeSql("SELECT * FROM " + variant.table()).collect());

        List<Row> expectedData = new ArrayList<>();
        List<Row> expectedMetadata = new ArrayList<>();
        for (TiCdcChangefeed.Event e : replicated.feed.events()) {
            if (!e.isRow()) {
                continue;
            }
            switch (e.type()) {
                case "INSERT":
                    add(expectedData, expectedMetadata, variant, RowKind.INSERT, e.after(), e);
                    break;
                case "UPDATE":
                    add(
                            expectedData,
                            expectedMetadata,
                            variant,
                            RowKind.UPDATE_BEFORE,
                            e.before(),
                            e);
                    add(
                            expectedData,
                            expectedMetadata,
                            variant,
                            RowKind.UPDATE_AFTER,
                            e.after(),
                            e);
                    break;
                default:
                    add(expectedData, expectedMetadata, variant, RowKind.DELETE, e.after(), e);
            }
        }
        assertThat(expectedData).hasSizeGreaterThan(60);
        int physical = variant.columns().size();
        assertThat(changelog)
                .map(r -> project(r, 0, physical))
                .containsExactlyElementsOf(expectedData);
        assertThat(changelog)
                .map(r -> project(r, physical, r.getArity()))
                .containsExactlyElementsOf(expectedMetadata);

        List<Row> sourceTable = new ArrayList<>();
        for (Map<String, String> row : replicated.feed.rows(replicated.table)) {
            sourceTable.add(flinkRow(variant, RowKind.INSERT, row));
        }
        assertThat(Changelog.materialize(expectedData))
                .as("the test's own expectation")
                .containsExactlyInAnyOrderElementsOf(sourceTable);
        assertThat(
                        Changelog.materialize(
                                changelog.stream()
                                        .map(r -> project(r, 0, physical))
                                        .collect(Collectors.toList())))
                .containsExactlyInAnyOrderElementsOf(sourceTable);
    }

    /**
     * Flink's planner folds the changelog into an aggregate. One format is enough: they all share
     * one decoding format and its changelog mode, and each one's changelog is checked above.
     */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "CANAL_JSON")
    void aggregateEqualsTheSourceTable(Variant variant) {
        Replicated replicated = REPLICATED.get(variant);
        List<Row> changes =
                CollectionUtil.iteratorToList(
                        tEnv.executeSql(
                                        "SELECT paid, COUNT(*), SUM(qty), SUM(price) FROM "
                                                + variant.table()
                                                + " GROUP BY paid")
                                .collect());

        Map<Boolean, Object[]> expected = new HashMap<>();
        for (Map<String, String> row : replicated.feed.rows(replicated.table)) {
            Object[] agg =
                    expected.computeIfAbsent(
                            !"0".equals(row.get("paid")),
                            s -> new Object[] {0L, 0, BigDecimal.ZERO.setScale(2)});
            agg[0] = (Long) agg[0] + 1;
            agg[1] = (Integer) agg[1] + Integer.parseInt(row.get("qty"));
            agg[2] = ((BigDecimal) agg[2]).add(new BigDecimal(row.get("price")));
        }
        List<Row> expectedRows = new ArrayList<>();
        expected.forEach((paid, agg) -> expectedRows.add(Row.of(paid, agg[0], agg[1], agg[2])));

        assertThat(expectedRows).hasSize(2);
        assertThat(Changelog.materialize(changes))
                .containsExactlyInAnyOrderElementsOf(expectedRows);
    }

    /**
     * Verification is on, not only harmless: a row whose value changed after TiDB wrote it fails
     * the job, naming the checksum TiCDC sent and the one the values give.
     */
    @Test
    void aRowChangedOnItsWayFailsTheVerifyingJob() {
        String topic = "tidb-shop-orders-changed";
        KAFKA.broker().createTopic(topic, 1);
        SimpleWriter writer = Variant.simpleWriter().withChecksums();
        TiDbTable orders = REPLICATED.get(Variant.SIMPLE_CHECKSUMS).table;
        Map<String, String> row =
                randomRow(orders, Variant.SIMPLE_CHECKSUMS.columns(), 1, new Random(7));
        row.put("qty", "7");
        String insert = new String(writer.insert(orders, 1L << 18, row), StandardCharsets.UTF_8);
        assertThat(insert).contains("\"qty\":\"7\"");
        KAFKA.broker()
                .produce(
                        topic,
                        0,
                        List.of(
                                writer.bootstrap(orders),
                                insert.replace("\"qty\":\"7\"", "\"qty\":\"8\"")
                                        .getBytes(StandardCharsets.UTF_8)));
        tEnv.executeSql(createOrdersTable(Variant.SIMPLE_CHECKSUMS, "orders_changed", topic));

        assertThatThrownBy(
                        () ->
                                CollectionUtil.iteratorToList(
                                        tEnv.executeSql("SELECT * FROM orders_changed").collect()))
                .hasStackTraceContaining("row checksum mismatch in 'data' of shop.orders")
                .hasStackTraceContaining(
                        "TiCDC sent checksum.current = "
                                + TiDbRowChecksum.of(orders, row, TICDC_ZONE.getId()));
    }

    private static void add(
            List<Row> data,
            List<Row> metadata,
            Variant variant,
            RowKind kind,
            Map<String, String> image,
            TiCdcChangefeed.Event e) {
        data.add(flinkRow(variant, kind, image));
        metadata.add(
                Row.ofKind(
                        kind,
                        e.commitTs(),
                        Instant.ofEpochMilli(CanalJsonWriter.physicalMillis(e.commitTs())),
                        e.table().database(),
                        e.table().name(),
                        e.type(),
                        e.partition(),
                        e.offset()));
    }

    private static Row flinkRow(Variant variant, RowKind kind, Map<String, String> image) {
        List<Col> columns = variant.columns();
        Row row = new Row(kind, columns.size());
        for (int i = 0; i < columns.size(); i++) {
            String text = image.get(columns.get(i).name);
            row.setField(i, text == null ? null : columns.get(i).flinkValue(variant, text));
        }
        return row;
    }

    private static Row project(Row row, int from, int to) {
        Row projected = new Row(row.getKind(), to - from);
        for (int i = from; i < to; i++) {
            projected.setField(i - from, row.getField(i));
        }
        return projected;
    }

    private static Map<String, String> randomRow(
            TiDbTable table, List<Col> columns, long id, Random random) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", String.valueOf(id));
        for (Col c : columns.subList(1, columns.size())) {
            row.put(c.name, c.text.apply(random));
        }
        for (TiDbTable.Column c : table.columns()) {
            row.putIfAbsent(c.name(), random.nextBoolean() ? null : "C" + random.nextInt(9));
        }
        return row;
    }

    private static Map<String, String> randomChanges(List<Col> columns, Random random) {
        Map<String, String> changes = new HashMap<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Col c = columns.get(1 + random.nextInt(columns.size() - 1));
            boolean toNull = NULLABLE.contains(c.name) && random.nextInt(3) == 0;
            changes.put(c.name, toNull ? null : c.text.apply(random));
        }
        return changes;
    }

    private static LocalDateTime dateTime(Random random) {
        return LocalDateTime.of(2024, 6, 1, 0, 0)
                .plusSeconds(random.nextInt(30 * 24 * 3600))
                .plusNanos(random.nextInt(1_000_000) * 1_000L);
    }

    private static long epochMicros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1_000;
    }

    private static String createOrdersTable(Variant variant, String table, String topic) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (Col c : variant.columns()) {
            ddl.append('`').append(c.name).append("` ").append(c.flinkType(variant)).append(", ");
        }
        return ddl.append("commit_ts BIGINT METADATA FROM 'value.commit-ts' VIRTUAL,")
                .append(" commit_time TIMESTAMP_LTZ(3) METADATA FROM 'value.commit-time' VIRTUAL,")
                .append(" db STRING METADATA FROM 'value.database' VIRTUAL,")
                .append(" tbl STRING METADATA FROM 'value.table' VIRTUAL,")
                .append(" event_type STRING METADATA FROM 'value.event-type' VIRTUAL,")
                .append(" kafka_partition INT METADATA FROM 'partition' VIRTUAL,")
                .append(" kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL")
                .append(") WITH ('connector' = 'kafka', 'topic' = '")
                .append(topic)
                .append("', 'properties.bootstrap.servers' = '")
                .append(KAFKA.bootstrapServers())
                .append("', 'properties.group.id' = 'changelog-it',")
                .append(" 'scan.startup.mode' = 'earliest-offset',")
                .append(" 'scan.bounded.mode' = 'latest-offset',")
                .append(variant.options)
                .append(" 'format' = '")
                .append(variant.format)
                .append("', '")
                .append(variant.format)
                .append(".timestamp.time-zone' = '")
                .append(TICDC_ZONE.getId())
                .append("')")
                .toString();
    }
}
