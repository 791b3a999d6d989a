package io.github.flinkticdc.format.debezium;

import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.Changelog;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.KafkaBrokerExtension;
import io.github.flinkticdc.testing.MiniClusters;
import io.github.flinkticdc.testing.TiCdcChangefeed;
import io.github.flinkticdc.testing.TiDbTable;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's {@code kafka} connector with {@code 'format' = 'ticdc-debezium'} on a topic TiCDC writes
 * with {@code protocol=debezium} (two partitions; inserts, updates, key-changing updates,
 * transactions, deletes, DDLs and watermarks), with the embedded schema and without it ({@code
 * debezium-disable-schema=true}): the changelog and its metadata are the changefeed's events, and
 * the table they materialize to is the source table. TiCDC's server zone is Asia/Shanghai, so
 * TIMESTAMP values are instants read back through {@code timestamp.time-zone}.
 */
class TiCdcDebeziumChangelogITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

    private static final ZoneId TICDC_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /**
     * Column: TiDB type, Flink type and expected value with the schema and without it, and a
     * generator of TiCDC's canonical text.
     */
    private static final class Col {
        final String name;
        final String tidbType;
        final String[] flinkType;
        final Function<Random, String> text;
        final BiFunction<String, Boolean, Object> flinkValue;

        Col(
                String name,
                String tidbType,
                String withSchema,
                String withoutSchema,
                Function<Random, String> text,
                BiFunction<String, Boolean, Object> flinkValue) {
            this.name = name;
            this.tidbType = tidbType;
            this.flinkType = new String[] {withSchema, withoutSchema};
            this.text = text;
            this.flinkValue = flinkValue;
        }

        Col(
                String name,
                String tidbType,
                String flinkType,
                Function<Random, String> text,
                Function<String, Object> flinkValue) {
            this(name, tidbType, flinkType, flinkType, text, (s, schema) -> flinkValue.apply(s));
        }
    }

    private static final List<Col> COLUMNS =
            List.of(
                    new Col("id", "bigint", "BIGINT", null, Long::valueOf),
                    new Col(
                            "qty",
                            "smallint",
                            "INT",
                            r -> "" + (1 + r.nextInt(50)),
                            Integer::valueOf),
                    new Col(
                            "sku",
                            "varchar",
                            "STRING",
                            r -> "SKU-" + r.nextInt(99) + " «ü»",
                            s -> s),
                    new Col(
                            "price",
                            "decimal",
                            "DECIMAL(10, 2)",
                            r -> r.nextInt(1_000_000) / 100 + "." + (10 + r.nextInt(90)),
                            BigDecimal::new),
                    new Col(
                            "weight",
                            "double",
                            "DOUBLE",
                            r -> "" + r.nextInt(5000) / 8.0,
                            Double::valueOf),
                    new Col(
                            "paid",
                            "tinyint",
                            "BOOLEAN",
                            r -> r.nextBoolean() ? "1" : "0",
                            s -> !"0".equals(s)),
                    new Col(
                            "created_at",
                            "datetime",
                            "TIMESTAMP(6)",
                            // Without the schema a DATETIME is only readable as its epoch number.
                            "BIGINT",
                            r -> MICROS.format(dateTime(r)),
                            (s, schema) ->
                                    schema
                                            ? LocalDateTime.parse(s, MICROS)
                                            : epochMicros(LocalDateTime.parse(s, MICROS))),
                    new Col(
                            "updated_at",
                            "timestamp",
                            "TIMESTAMP_LTZ(3)",
                            r -> MILLIS.format(dateTime(r)),
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
                            r -> r.nextInt(3) == 0 ? null : "n<" + r.nextInt(9) + ">",
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
                            "flags",
                            "bit",
                            "BIGINT",
                            // Without the schema a BIT is its little-endian bytes.
                            "BYTES",
                            r -> String.valueOf(r.nextInt(65536)),
                            (s, schema) ->
                                    schema ? (Object) Long.valueOf(s) : DebeziumWriter.bitBytes(s)),
                    new Col(
                            "yr",
                            "year",
                            "INT",
                            r -> "" + (1990 + r.nextInt(40)),
                            Integer::valueOf));

    private static final Map<Boolean, TiCdcChangefeed> FEEDS = new HashMap<>();
    private static TiDbTable orders;

    @BeforeAll
    static void replicateAWorkload() {
        TiDbTable table = TiDbTable.of("shop", "orders").pk("id", "bigint");
        for (Col c : COLUMNS.subList(1, COLUMNS.size())) {
            table = table.column(c.name, c.tidbType);
        }
        for (boolean schema : new boolean[] {true, false}) {
            TiCdcChangefeed feed =
                    new TiCdcChangefeed(
                            topic(schema),
                            2,
                            DebeziumWriter.create().withSchema(schema).withTimeZone(TICDC_ZONE),
                            1_720_000_000_000L);
            KAFKA.broker().createTopic(feed.topic(), 2);
            orders = runWorkload(feed, table, new Random(20261201));
            feed.sendTo(KAFKA.broker());
            FEEDS.put(schema, feed);
        }
    }

    @ParameterizedTest(name = "with the schema: {0}")
    @ValueSource(booleans = {true, false})
    void changelogAndMetadataMatchTheChangefeed(boolean schema) {
        TiCdcChangefeed feed = FEEDS.get(schema);
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(createTable(schema));
        List<Row> changelog =
                CollectionUtil.iteratorToList(tEnv.executeSql("SELECT * FROM orders").collect());

        List<Row> expected = new ArrayList<>();
        for (TiCdcChangefeed.Event e : feed.events()) {
            if (!e.isRow()) {
                continue;
            }
            switch (e.type()) {
                case "INSERT":
                    expected.add(row(RowKind.INSERT, e.after(), e, schema));
                    break;
                case "UPDATE":
                    expected.add(row(RowKind.UPDATE_BEFORE, e.before(), e, schema));
                    expected.add(row(RowKind.UPDATE_AFTER, e.after(), e, schema));
                    break;
                default:
                    expected.add(row(RowKind.DELETE, e.after(), e, schema));
            }
        }
        assertThat(expected).hasSizeGreaterThan(60);
        assertThat(changelog).containsExactlyElementsOf(expected);

        int physical = COLUMNS.size();
        List<Row> source = new ArrayList<>();
        for (Map<String, String> r : feed.rows(orders)) {
            source.add(project(row(RowKind.INSERT, r, null, schema), physical));
        }
        assertThat(
                        Changelog.materialize(
                                changelog.stream()
                                        .map(r -> project(r, physical))
                                        .collect(Collectors.toList())))
                .containsExactlyInAnyOrderElementsOf(source);
    }

    private static TiDbTable runWorkload(TiCdcChangefeed feed, TiDbTable table, Random random) {
        feed.schemaDdl("shop", CanalDdlType.QUERY, "CREATE DATABASE shop");
        TiDbTable t = feed.ddl(table, table, CanalDdlType.CREATE, "CREATE TABLE shop.orders (...)");
        long nextId = 1;
        for (int step = 0; step < 50; step++) {
            List<List<String>> keys =
                    feed.rows(t).stream().map(t::keyOf).collect(Collectors.toList());
            int action = keys.size() < 5 ? 0 : random.nextInt(9);
            if (action <= 3) {
                feed.insert(t, randomRow(nextId++, random));
            } else if (action <= 5) {
                feed.update(t, keys.get(random.nextInt(keys.size())), randomChanges(random));
            } else if (action == 6) {
                feed.update(
                        t,
                        keys.get(random.nextInt(keys.size())),
                        Map.of("id", String.valueOf(1000 + nextId++)));
            } else if (action == 7) {
                feed.delete(t, keys.get(random.nextInt(keys.size())));
            } else {
                long id = nextId++;
                List<String> updated = keys.get(0);
                List<String> deleted = keys.get(keys.size() - 1);
                TiDbTable tx = t;
                feed.transaction(
                        x -> {
                            x.insert(tx, randomRow(id, random));
                            x.update(tx, updated, randomChanges(random));
                            x.delete(tx, deleted);
                        });
            }
            if (step % 7 == 6) {
                feed.watermark();
            }
            if (step == 30) {
                feed.ddl(t, t, CanalDdlType.CINDEX, "CREATE INDEX idx_qty ON shop.orders (qty)");
            }
        }
        feed.watermark();
        return t;
    }

    private static Row row(
            RowKind kind, Map<String, String> image, TiCdcChangefeed.Event e, boolean schema) {
        Row row = new Row(kind, COLUMNS.size() + 5);
        for (int i = 0; i < COLUMNS.size(); i++) {
            String text = image.get(COLUMNS.get(i).name);
            row.setField(i, text == null ? null : COLUMNS.get(i).flinkValue.apply(text, schema));
        }
        if (e != null) {
            int m = COLUMNS.size();
            row.setField(m, e.commitTs());
            row.setField(m + 1, Instant.ofEpochMilli(e.commitTs() >>> 18));
            row.setField(m + 2, e.table().database());
            row.setField(m + 3, e.table().name());
            row.setField(m + 4, e.type());
        }
        return row;
    }

    private static Row project(Row row, int arity) {
        Row projected = new Row(row.getKind(), arity);
        for (int i = 0; i < arity; i++) {
            projected.setField(i, row.getField(i));
        }
        return projected;
    }

    private static Map<String, String> randomRow(long id, Random random) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", String.valueOf(id));
        for (Col c : COLUMNS.subList(1, COLUMNS.size())) {
            row.put(c.name, c.text.apply(random));
        }
        return row;
    }

    private static Map<String, String> randomChanges(Random random) {
        Map<String, String> changes = new HashMap<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            Col c = COLUMNS.get(1 + random.nextInt(COLUMNS.size() - 1));
            boolean toNull = random.nextInt(4) == 0 && !c.name.equals("paid");
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

    private static String topic(boolean schema) {
        return schema ? "tidb-debezium" : "tidb-debezium-no-schema";
    }

    private static String createTable(boolean schema) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE orders (");
        for (Col c : COLUMNS) {
            ddl.append('`')
                    .append(c.name)
                    .append("` ")
                    .append(c.flinkType[schema ? 0 : 1])
                    .append(", ");
        }
        return ddl.append("commit_ts BIGINT METADATA FROM 'value.commit-ts' VIRTUAL,")
                .append(" commit_time TIMESTAMP_LTZ(3) METADATA FROM 'value.commit-time' VIRTUAL,")
                .append(" db STRING METADATA FROM 'value.database' VIRTUAL,")
                .append(" tbl STRING METADATA FROM 'value.table' VIRTUAL,")
                .append(" event_type STRING METADATA FROM 'value.event-type' VIRTUAL")
                .append(") WITH ('connector' = 'kafka', 'topic' = '")
                .append(topic(schema))
                .append("', 'properties.bootstrap.servers' = '")
                .append(KAFKA.bootstrapServers())
                .append("', 'properties.group.id' = 'debezium-it',")
                .append(" 'scan.startup.mode' = 'earliest-offset',")
                .append(" 'scan.bounded.mode' = 'latest-offset',")
                .append(" 'format' = 'ticdc-debezium',")
                .append(" 'ticdc-debezium.timestamp.time-zone' = 'Asia/Shanghai')")
                .toString();
    }
}
