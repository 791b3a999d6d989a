package io.github.flinkticdc.examples;

import io.github.flinkticdc.testing.Changelog;
import io.github.flinkticdc.testing.KafkaBroker;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The flink-ticdc demo.
 *
 * <p>Without arguments it starts a Kafka broker, writes a TiCDC canal-json changefeed of a small
 * shop to it, and shows with Flink SQL and {@code 'format' = 'ticdc-canal'} the changelog of the
 * orders (with commit TSO and commit time) and a revenue per customer that updates as the changes
 * arrive; then it stops the broker and exits.
 *
 * <p>With {@code --bootstrap-servers <host:port> --topic <topic>} it reads a real TiCDC topic
 * (canal-json with {@code enable-tidb-extension=true}) and prints every decoded change until
 * stopped. Optional: {@code --columns "<Flink column list>"} for the row values (default: only
 * where each change comes from), {@code --database <regex>}, {@code --table <regex>}, {@code
 * --startup-mode earliest-offset|latest-offset} (default latest-offset), {@code --compression
 * none|lz4|snappy}, {@code --timestamp-time-zone <zone>}, {@code --ignore-parse-errors}.
 */
public final class TiCdcDemo {

    private static final String TOPIC = "tidb-shop";
    private static final int PARTITIONS = 2;

    private final PrintStream out;
    private final long started = System.nanoTime();

    TiCdcDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        TiCdcDemo demo = new TiCdcDemo(System.out);
        if (options.containsKey("bootstrap-servers") || options.containsKey("topic")) {
            demo.followRealTopic(options);
        } else {
            boolean matches = demo.runEmbedded();
            System.exit(matches ? 0 : 1);
        }
    }

    /** The embedded tour; returns whether Flink's revenue equals what the shop's tables hold. */
    boolean runEmbedded() throws Exception {
        out.println("flink-ticdc demo: TiDB -> TiCDC (canal-json) -> Kafka -> Flink SQL");
        out.println();
        step(1, "Starting a real Kafka broker (KRaft, in a child JVM)...");
        try (KafkaBroker broker = KafkaBroker.start()) {
            out.printf("      ready at %s after %s%n", broker.bootstrapServers(), elapsed());

            step(2, "Writing what TiCDC would write for shop.customers and shop.orders...");
            broker.createTopic(TOPIC, PARTITIONS);
            ShopChangefeed shop = ShopChangefeed.write(TOPIC, PARTITIONS);
            shop.feed().sendTo(broker);
            out.printf(
                    "      %d messages to topic '%s' (%d partitions): %s%n",
                    shop.feed().events().size(),
                    TOPIC,
                    PARTITIONS,
                    shop.messageCounts().entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")));

            TableEnvironment tEnv = tableEnvironment();
            String source = kafkaOptions(broker.bootstrapServers(), TOPIC, "earliest-offset", true);
            String ordersDdl =
                    "CREATE TABLE orders (\n"
                            + "  id BIGINT, customer_id INT, amount DECIMAL(10, 2), status STRING,\n"
                            + "  created_at TIMESTAMP(3),\n"
                            + "  commit_ts BIGINT METADATA FROM 'value.commit-ts' VIRTUAL,\n"
                            + "  commit_time TIMESTAMP_LTZ(3) METADATA FROM 'value.commit-time'"
                            + " VIRTUAL\n"
                            + ") WITH (\n"
                            + source
                            + ",\n  'ticdc-canal.table.include' = 'orders')";
            tEnv.executeSql(ordersDdl);
            tEnv.executeSql(
                    "CREATE TABLE customers (id INT, name STRING, city STRING, vip BOOLEAN)"
                            + " WITH ("
                            + source
                            + ", 'ticdc-canal.table.include' = 'customers')");

            step(3, "Flink SQL reads the orders as a changelog:");
            out.println(indent(ordersDdl));
            out.println();
            out.printf("      %-3s %-20s %-24s %s%n", "op", "commit TSO", "commit time", "row");
            int changes = 0;
            try (CloseableIterator<Row> rows =
                    tEnv.executeSql(
                                    "SELECT commit_ts, commit_time, id, customer_id, amount,"
                                            + " status, created_at FROM orders")
                            .collect()) {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    changes++;
                    out.printf(
                            "      %-3s %-20s %-24s order %s of customer %s: %s %s, created %s%n",
                            row.getKind().shortString(),
                            row.getField(0),
                            row.getField(1),
                            row.getField(2),
                            row.getField(3),
                            row.getField(4),
                            row.getField(5),
                            row.getField(6));
                }
            }
            out.printf("      %d changes (after %s)%n", changes, elapsed());

            step(4, "Revenue per customer, updated as the changes arrive:");
            String revenueSql =
                    "SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS revenue"
                            + " FROM orders AS o JOIN customers AS c ON o.customer_id = c.id"
                            + " GROUP BY c.name";
            out.println("      " + revenueSql);
            List<Row> revenueChanges = new ArrayList<>();
            try (CloseableIterator<Row> rows = tEnv.executeSql(revenueSql).collect()) {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    revenueChanges.add(row);
                    out.printf(
                            "      %-3s %-8s %2s orders %10s%n",
                            row.getKind().shortString(),
                            row.getField(0),
                            row.getField(1),
                            row.getField(2));
                }
            }
            List<Row> revenue = Changelog.materialize(revenueChanges);
            out.println("      Final revenue per customer:");
            for (Row row : revenue) {
                out.printf(
                        "        %-8s %2s orders %10s%n",
                        row.getField(0), row.getField(1), row.getField(2));
            }
            boolean matches =
                    revenue.stream()
                            .collect(Collectors.toMap(r -> (String) r.getField(0), r -> r))
                            .equals(shop.expectedRevenue());
            out.println(
                    matches
                            ? "      = what the shop's TiDB tables hold now."
                            : "      DIFFERS from the shop's TiDB tables: "
                                    + shop.expectedRevenue().values());
            out.println();
            out.println("Stopping the broker...");
            return matches;
        } finally {
            out.printf("Done after %s.%n", elapsed());
        }
    }

    /** Follows a real TiCDC topic until the process is stopped. */
    void followRealTopic(Map<String, String> options) throws Exception {
        String servers = required(options, "bootstrap-servers");
        String topic = required(options, "topic");
        String columns = options.getOrDefault("columns", "");
        StringBuilder with =
                new StringBuilder(
                        kafkaOptions(
                                servers,
                                topic,
                                options.getOrDefault("startup-mode", "latest-offset"),
                                false));
        addFormatOption(with, options, "database", "database.include");
        addFormatOption(with, options, "table", "table.include");
        addFormatOption(with, options, "compression", "compression");
        addFormatOption(with, options, "timestamp-time-zone", "timestamp.time-zone");
        if (options.containsKey("ignore-parse-errors")) {
            with.append(",\n  'ticdc-canal.ignore-parse-errors' = 'true'");
        }
        String ddl =
                "CREATE TABLE changes (\n"
                        + (columns.isEmpty() ? "" : "  " + columns + ",\n")
                        + "  db STRING METADATA FROM 'value.database' VIRTUAL,\n"
                        + "  tbl STRING METADATA FROM 'value.table' VIRTUAL,\n"
                        + "  event_type STRING METADATA FROM 'value.event-type' VIRTUAL,\n"
                        + "  commit_ts BIGINT METADATA FROM 'value.commit-ts' VIRTUAL,\n"
                        + "  commit_time TIMESTAMP_LTZ(3) METADATA FROM 'value.commit-time'"
                        + " VIRTUAL,\n"
                        + "  kafka_partition INT METADATA FROM 'partition' VIRTUAL,\n"
                        + "  kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL\n"
                        + ") WITH (\n"
                        + with
                        + ")";
        out.println("flink-ticdc: reading TiCDC canal-json from " + servers + ", topic " + topic);
        out.println(indent(ddl));
        out.println("Waiting for changes (Ctrl-C to stop)...");
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(ddl);
        long count = 0;
        try (CloseableIterator<Row> rows = tEnv.executeSql("SELECT * FROM changes").collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                int m = row.getArity() - 7;
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    values.add(row.getField(i));
                }
                count++;
                out.printf(
                        "#%d %-3s %s.%s %-6s commitTs=%s (%s) p%s@%s%s%n",
                        count,
                        row.getKind().shortString(),
                        row.getField(m),
                        row.getField(m + 1),
                        row.getField(m + 2),
                        row.getField(m + 3),
                        row.getField(m + 4),
                        row.getField(m + 5),
                        row.getField(m + 6),
                        m == 0 ? "" : " " + values);
            }
        }
    }

    private void step(int number, String what) {
        out.println();
        out.printf("[%d/4] %s%n", number, what);
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }

    private static TableEnvironment tableEnvironment() {
        Configuration conf = new Configuration();
        // One reader for both partitions keeps the printed changelog in commit order.
        conf.setString("parallelism.default", "1");
        return TableEnvironment.create(
                EnvironmentSettings.newInstance()
                        .inStreamingMode()
                        .withConfiguration(conf)
                        .build());
    }

    private static String kafkaOptions(
            String servers, String topic, String startupMode, boolean bounded) {
        return "  'connector' = 'kafka',\n"
                + "  'topic' = '"
                + topic
                + "',\n"
                + "  'properties.bootstrap.servers' = '"
                + servers
                + "',\n"
                + "  'properties.group.id' = 'flink-ticdc-demo',\n"
                + "  'scan.startup.mode' = '"
                + startupMode
                + "',\n"
                + (bounded ? "  'scan.bounded.mode' = 'latest-offset',\n" : "")
                + "  'format' = 'ticdc-canal'";
    }

    private static void addFormatOption(
            StringBuilder with, Map<String, String> options, String arg, String key) {
        if (options.containsKey(arg)) {
            with.append(",\n  'ticdc-canal.")
                    .append(key)
                    .append("' = '")
                    .append(options.get(arg).replace("'", "''"))
                    .append('\'');
        }
    }

    private static String indent(String text) {
        return "      " + text.replace("\n", "\n      ");
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** {@code --name value} pairs; a flag without value maps to "true". */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(name, hasValue ? args[++i] : "true");
        }
        return options;
    }
}
