package io.github.flinkticdc.examples;

import io.github.flinkticdc.testing.Changelog;
import io.github.flinkticdc.testing.KafkaBroker;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flink-ticdc demo.
 *
 * <p>Without arguments it starts a Kafka broker, writes a TiCDC canal-json changefeed of a small
 * shop to it, with one TiCDC restart in the middle that writes the changes after TiCDC's checkpoint
 * a second time, and reads it with Flink SQL and the {@code ticdc} connector ({@code 'consistency'
 * = 'exactly-once'}, the default): the changelog of the orders (with commit TSO and commit time),
 * each change once, and a revenue per customer that updates as the changes arrive and ends equal to
 * the shop's tables. Then it shows what the same query makes of the same topic with {@code
 * 'consistency' = 'at-least-once'}, stops the broker and exits: 0 if the exactly-once revenue
 * equals the tables, 1 if not.
 *
 * <p>With {@code --bootstrap-servers <host:port> --topic <topic>} it reads a real TiCDC topic
 * (canal-json with {@code enable-tidb-extension=true}) with the {@code ticdc} connector and prints
 * every change until stopped. Optional: {@code --table <regex>} with {@code --columns "<Flink
 * column list>"} for the row values of that table (default: only where each change comes from),
 * {@code --database <regex>}, {@code --startup-mode earliest-offset|latest-offset} (default
 * latest-offset), {@code --consistency exactly-once|at-least-once} (default exactly-once), {@code
 * --compression none|lz4|snappy}, {@code --timestamp-time-zone <zone>}, {@code
 * --ignore-parse-errors}.
 */
public final class TiCdcDemo {

    /**
     * Set by the Maven profile, which points {@code java.io.tmpdir} at a directory of the demo's
     * own under {@code target/}.
     */
    static final String OWNS_TMPDIR = "flinkticdc.demo.ownsTmpdir";

    private static final String TOPIC = "tidb-shop";
    private static final int PARTITIONS = 2;
    private static final int STEPS = 5;
    private static final String AT_LEAST_ONCE = "'consistency' = 'at-least-once'";
    private static final String SAME_AS_THE_TABLES =
            "      = what the shop's TiDB tables hold now.";
    private static final String REVENUE_SQL =
            "SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS revenue"
                    + " FROM orders AS o JOIN customers AS c ON o.customer_id = c.id"
                    + " GROUP BY c.name";

    private final PrintStream out;
    private final long started = System.nanoTime();

    TiCdcDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean(OWNS_TMPDIR)) {
            emptyDirectory(Path.of(System.getProperty("java.io.tmpdir")));
        }
        Map<String, String> options;
        try {
            options = DemoArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flink-ticdc demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        TiCdcDemo demo = new TiCdcDemo(System.out);
        if (options.containsKey("bootstrap-servers") || options.containsKey("topic")) {
            demo.followRealTopic(options);
        } else {
            boolean matches = demo.runEmbedded();
            System.exit(matches ? 0 : 1);
        }
    }

    /**
     * The embedded tour; returns whether Flink's exactly-once revenue equals what the shop's tables
     * hold.
     */
    boolean runEmbedded() throws Exception {
        out.println("flink-ticdc demo: TiDB -> TiCDC (canal-json) -> Kafka -> Flink SQL");
        out.println();
        step(1, "Starting a real Kafka broker (KRaft, in a child JVM)...");
        try (KafkaBroker broker = KafkaBroker.start()) {
            out.printf("      ready at %s after %s%n", broker.bootstrapServers(), elapsed());
            ShopChangefeed shop = writeShop(broker);
            String servers = broker.bootstrapServers();

            TableEnvironment exactlyOnce = shopTables(servers, "");
            step(3, "Flink SQL reads the orders as a changelog (exactly-once, the default):");
            out.println(indent(ordersDdl(servers, "")));
            printChangelog(exactlyOnce);

            boolean matches = exactlyOnceRevenue(exactlyOnce, shop);
            atLeastOnceRevenue(servers, shop);
            out.println();
            out.println("Stopping the broker...");
            return matches;
        } finally {
            out.printf("Done after %s.%n", elapsed());
        }
    }

    /** Step 2: the shop's changefeed, with TiCDC's restart, in the topic. */
    private ShopChangefeed writeShop(KafkaBroker broker) {
        step(2, "Writing what TiCDC would write for shop.customers and shop.orders...");
        broker.createTopic(TOPIC, PARTITIONS);
        ShopChangefeed shop = ShopChangefeed.write(TOPIC, PARTITIONS);
        shop.feed().sendTo(broker);
        out.printf(
                "      %d messages to topic '%s' (%d partitions): %s%n",
                shop.feed().events().size(), TOPIC, PARTITIONS, shop.messageCounts());
        out.printf(
                "      TiCDC restarted in the middle: %d messages written again, all"
                        + " after its checkpoint %d%n",
                shop.replayedMessages(), shop.restartCheckpointTs());
        out.println(
                "      (rows below and above its newest watermark, the ALTER TABLE, old"
                        + " watermarks)");
        return shop;
    }

    /** Step 3's changelog: one line per change, in the order Flink emits them. */
    private void printChangelog(TableEnvironment tEnv) throws Exception {
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
        out.printf(
                "      %d changes, each once: TiCDC's replays dropped (after %s)%n",
                changes, elapsed());
    }

    /** Step 4: the revenue as it updates; returns whether it ends as the shop's tables. */
    private boolean exactlyOnceRevenue(TableEnvironment tEnv, ShopChangefeed shop)
            throws Exception {
        step(4, "Revenue per customer, updated as the changes arrive:");
        out.println("      " + REVENUE_SQL);
        List<Row> revenue = revenue(tEnv, this::printRevenueChange);
        out.println("      Final revenue per customer:");
        printRevenue(revenue);
        boolean matches = holdsWhatTheTablesHold(revenue, shop);
        out.println(
                matches
                        ? SAME_AS_THE_TABLES
                        : "      DIFFERS from the shop's TiDB tables: "
                                + shop.expectedRevenue().values());
        return matches;
    }

    /** Step 5: only the end of the same query on the topic as it is, TiCDC's replays included. */
    private void atLeastOnceRevenue(String servers, ShopChangefeed shop) throws Exception {
        step(5, "The same query on tables with " + AT_LEAST_ONCE + " would end with:");
        List<Row> revenue = revenue(shopTables(servers, AT_LEAST_ONCE), row -> {});
        printRevenue(revenue);
        out.println(
                holdsWhatTheTablesHold(revenue, shop)
                        ? SAME_AS_THE_TABLES
                        : "      WRONG: TiCDC's replayed changes are counted again.");
    }

    /** Runs the revenue query to its end; returns the revenue it ends with. */
    private static List<Row> revenue(TableEnvironment tEnv, Consumer<Row> eachChange)
            throws Exception {
        List<Row> changes = new ArrayList<>();
        try (CloseableIterator<Row> rows = tEnv.executeSql(REVENUE_SQL).collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                changes.add(row);
                eachChange.accept(row);
            }
        }
        return Changelog.materialize(changes);
    }

    private void printRevenueChange(Row row) {
        out.printf(
                "      %-3s %-8s %2s orders %10s%n",
                row.getKind().shortString(), row.getField(0), row.getField(1), row.getField(2));
    }

    private void printRevenue(List<Row> revenue) {
        for (Row row : revenue) {
            out.printf(
                    "        %-8s %2s orders %10s%n",
                    row.getField(0), row.getField(1), row.getField(2));
        }
    }

    private static boolean holdsWhatTheTablesHold(List<Row> revenue, ShopChangefeed shop) {
        return revenue.stream()
                .collect(Collectors.toMap(r -> (String) r.getField(0), r -> r))
                .equals(shop.expectedRevenue());
    }

    /** Follows a real TiCDC topic until the process is stopped. */
    void followRealTopic(Map<String, String> options) throws Exception {
        String ddl = realTopicDdl(options);
        String servers = options.get("bootstrap-servers");
        String topic = options.get("topic");
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

    /** The table over a real topic: the declared columns, where each change comes from. */
    static String realTopicDdl(Map<String, String> options) {
        String columns = options.getOrDefault("columns", "");
        StringBuilder with =
                new StringBuilder(
                        ticdcOptions(
                                options.get("bootstrap-servers"),
                                options.get("topic"),
                                options.getOrDefault("startup-mode", "latest-offset"),
                                false));
        addOption(with, options, "database", "database.include");
        addOption(with, options, "table", "table.include");
        addOption(with, options, "consistency", "consistency");
        addOption(with, options, "compression", "compression");
        addOption(with, options, "timestamp-time-zone", "timestamp.time-zone");
        if (options.containsKey("ignore-parse-errors")) {
            with.append(",\n  'ignore-parse-errors' = 'true'");
        }
        return "CREATE TABLE changes (\n"
                + (columns.isEmpty() ? "" : "  " + columns + ",\n")
                + "  db STRING METADATA FROM 'database' VIRTUAL,\n"
                + "  tbl STRING METADATA FROM 'table' VIRTUAL,\n"
                + "  event_type STRING METADATA FROM 'event-type' VIRTUAL,\n"
                + "  commit_ts BIGINT METADATA FROM 'commit-ts' VIRTUAL,\n"
                + "  commit_time TIMESTAMP_LTZ(3) METADATA FROM 'commit-time' VIRTUAL,\n"
                + "  kafka_partition INT METADATA FROM 'partition' VIRTUAL,\n"
                + "  kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL\n"
                + ") WITH (\n"
                + with
                + ")";
    }

    private void step(int number, String what) {
        out.println();
        out.printf("[%d/%d] %s%n", number, STEPS, what);
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

    /**
     * The shop's orders and customers, each a Flink table over the topic; {@code option} is one
     * more option of both (empty for none).
     */
    private static TableEnvironment shopTables(String servers, String option) {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(ordersDdl(servers, option));
        tEnv.executeSql(
                "CREATE TABLE customers (id INT, name STRING, city STRING, vip BOOLEAN) WITH (\n"
                        + shopOptions(servers, "customers", option)
                        + ")");
        return tEnv;
    }

    private static String ordersDdl(String servers, String option) {
        return "CREATE TABLE orders (\n"
                + "  id BIGINT, customer_id INT, amount DECIMAL(10, 2), status STRING,\n"
                + "  created_at TIMESTAMP(3),\n"
                + "  commit_ts BIGINT METADATA FROM 'commit-ts' VIRTUAL,\n"
                + "  commit_time TIMESTAMP_LTZ(3) METADATA FROM 'commit-time' VIRTUAL\n"
                + ") WITH (\n"
                + shopOptions(servers, "orders", option)
                + ")";
    }

    /** One TiDB table of the embedded topic, read from its start to what it holds now. */
    private static String shopOptions(String servers, String table, String option) {
        return ticdcOptions(servers, TOPIC, "earliest-offset", true)
                + (option.isEmpty() ? "" : ",\n  " + option)
                + ",\n  'table.include' = '"
                + table
                + "'";
    }

    private static String ticdcOptions(
            String servers, String topic, String startupMode, boolean bounded) {
        return "  'connector' = 'ticdc',\n"
                + "  'protocol' = 'canal-json',\n"
                + "  'topic' = '"
                + topic
                + "',\n"
                + "  'properties.bootstrap.servers' = '"
                + servers
                + "',\n"
                + "  'properties.group.id' = 'flink-ticdc-demo',\n"
                + "  'scan.startup.mode' = '"
                + startupMode
                + "'"
                + (bounded ? ",\n  'scan.bounded.mode' = 'latest-offset'" : "");
    }

    private static void addOption(
            StringBuilder with, Map<String, String> options, String arg, String key) {
        if (options.containsKey(arg)) {
            with.append(",\n  '")
                    .append(key)
                    .append("' = '")
                    .append(options.get(arg).replace("'", "''"))
                    .append('\'');
        }
    }

    private static String indent(String text) {
        return "      " + text.replace("\n", "\n      ");
    }

    /**
     * Empties (or makes) the demo's own temporary directory, where an interrupted run left Flink's
     * files; only when the demo was started with {@link #OWNS_TMPDIR}, never the system's.
     */
    static void emptyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file :
                        files.sorted(Comparator.reverseOrder())
                                .filter(f -> !f.equals(directory))
                                .collect(Collectors.toList())) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
    }
}
