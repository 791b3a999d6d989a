package io.github.flinkticdc.benchmarks.endtoend;

/**
 * The six ways the benchmark reads a TiCDC topic with Flink SQL, each as the {@code WITH} options
 * that choose it: Flink's {@code kafka} connector with Flink's {@code canal-json} and with our
 * {@code ticdc-canal} format, and our {@code ticdc} connector for both protocols, at least once and
 * exactly once.
 */
enum BenchmarkCase {
    /**
     * The baseline. Flink's {@code canal-json} fails on TiCDC's {@code TIDB_WATERMARK} messages
     * ("Unknown "type" value"), so it needs {@code ignore-parse-errors}, which skips them (and
     * would skip real errors too).
     */
    KAFKA_CANAL_JSON(
            "`kafka` + `canal-json`",
            TiCdcTopic.CANAL_JSON,
            "'connector' = 'kafka', 'format' = 'canal-json',"
                    + " 'canal-json.ignore-parse-errors' = 'true'"),
    KAFKA_TICDC_CANAL(
            "`kafka` + `ticdc-canal`",
            TiCdcTopic.CANAL_JSON,
            "'connector' = 'kafka', 'format' = 'ticdc-canal'"),
    TICDC_CANAL_AT_LEAST_ONCE(
            "`ticdc` canal-json at-least-once",
            TiCdcTopic.CANAL_JSON,
            ticdc("canal-json", "at-least-once")),
    TICDC_CANAL_EXACTLY_ONCE(
            "`ticdc` canal-json exactly-once",
            TiCdcTopic.CANAL_JSON,
            ticdc("canal-json", "exactly-once")),
    TICDC_OPEN_AT_LEAST_ONCE(
            "`ticdc` open-protocol at-least-once",
            TiCdcTopic.OPEN_PROTOCOL,
            ticdc("open-protocol", "at-least-once")),
    TICDC_OPEN_EXACTLY_ONCE(
            "`ticdc` open-protocol exactly-once",
            TiCdcTopic.OPEN_PROTOCOL,
            ticdc("open-protocol", "exactly-once"));

    /** The name in the results table. */
    final String label;

    final TiCdcTopic topic;
    private final String options;

    BenchmarkCase(String label, TiCdcTopic topic, String options) {
        this.label = label;
        this.topic = topic;
        this.options = options;
    }

    private static String ticdc(String protocol, String consistency) {
        return "'connector' = 'ticdc', 'protocol' = '"
                + protocol
                + "', 'consistency' = '"
                + consistency
                + "'";
    }

    /**
     * {@code CREATE TABLE} of this case's source, reading its topic from the start up to {@code
     * stopOffset}, or to the end when it is negative ({@code scan.bounded.mode = latest-offset}).
     */
    String createTable(String table, String bootstrapServers, long stopOffset) {
        return "CREATE TABLE "
                + table
                + " ("
                + OrdersTable.FLINK_COLUMNS
                + ") WITH ("
                + options
                + ", 'topic' = '"
                + topic.name
                + "', 'properties.bootstrap.servers' = '"
                + bootstrapServers
                + "', 'properties.group.id' = '"
                + table
                + "', 'scan.startup.mode' = 'earliest-offset', "
                + (stopOffset < 0
                        ? "'scan.bounded.mode' = 'latest-offset'"
                        : "'scan.bounded.mode' = 'specific-offsets',"
                                + " 'scan.bounded.specific-offsets' = 'partition:0,offset:"
                                + stopOffset
                                + "'")
                + ")";
    }
}
