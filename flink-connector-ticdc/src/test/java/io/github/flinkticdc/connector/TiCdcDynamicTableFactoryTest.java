package io.github.flinkticdc.connector;

import io.github.flinkticdc.connector.source.KafkaMetadata;
import io.github.flinkticdc.connector.source.TiCdcRecordDeserializationSchema;
import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.common.TiCdcProtocol;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SourceTransformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.apache.flink.table.runtime.connector.source.ScanRuntimeProviderContext;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The {@code ticdc} connector's factory: options, their validation, metadata and projection. */
class TiCdcDynamicTableFactoryTest {

    private static final ResolvedSchema SCHEMA =
            ResolvedSchema.of(
                    Column.physical("id", DataTypes.BIGINT()),
                    Column.physical("name", DataTypes.STRING()),
                    Column.physical("price", DataTypes.DECIMAL(10, 2)));
    private static final ResolvedSchema SCHEMA_WITH_KEY =
            new ResolvedSchema(
                    List.of(
                            Column.physical("id", DataTypes.BIGINT().notNull()),
                            Column.physical("name", DataTypes.STRING())),
                    List.of(),
                    UniqueConstraint.primaryKey("pk", List.of("id")));
    private static final RowType PHYSICAL_ROW =
            (RowType) SCHEMA.toPhysicalRowDataType().getLogicalType();

    @Test
    void defaultsAreThoseOfFlinksKafkaConnectorAndTheFormat() {
        TiCdcDynamicSource source = source(options());

        KafkaReadOptions kafka = kafkaOptionsOf(source);
        assertThat(kafka.topics()).containsExactly("tidb-shop");
        assertThat(kafka.topicPattern()).isNull();
        assertThat(kafka.properties())
                .containsOnly(
                        entry("bootstrap.servers", "kafka:9092"),
                        entry("group.id", "flink"),
                        entry("partition.discovery.interval.ms", "300000"));
        assertThat(kafka.startup().kind()).isEqualTo(OffsetsSpec.Kind.GROUP_OFFSETS);
        assertThat(kafka.bounded().kind()).isEqualTo(OffsetsSpec.Kind.UNBOUNDED);
        assertThat(source.getChangelogMode()).isEqualTo(ChangelogMode.all());
        assertThat(deserializer(source))
                .isEqualTo(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, PHYSICAL_ROW)
                                .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                                .build());
        assertThat(kafkaSource(source).getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    /**
     * The source is a DataStream with the uid the planner generates, so that operators added after
     * it in later versions leave savepoints restorable; the name says which table it reads.
     */
    @Test
    void theSourceOperatorHasThePlannersUidAndNamesTheTable() {
        SourceTransformation<?, ?, ?> transformation = sourceTransformation(source(options()));

        assertThat(transformation.getUid()).isEqualTo("planner-uid-ticdc-source");
        assertThat(transformation.getName())
                .isEqualTo("TiCdcSource-" + FactoryMocks.IDENTIFIER.asSummaryString());
        assertThat(transformation.getSource()).isInstanceOf(KafkaSource.class);
    }

    /**
     * {@code exactly-once} (the default) puts the commit-order operator after the source, keyed by
     * table, with a uid of its own; {@code at-least-once} is the source alone.
     */
    @Test
    void exactlyOnceAddsTheCommitOrderOperatorWithItsOwnUid() {
        Transformation<?> exactlyOnce = transformation(source(options()));
        assertThat(exactlyOnce.getUid()).isEqualTo("planner-uid-ticdc-commit-order");
        assertThat(exactlyOnce.getName())
                .isEqualTo("TiCdcCommitOrder-" + FactoryMocks.IDENTIFIER.asSummaryString());

        Map<String, String> options = options();
        options.put("consistency", "at-least-once");
        assertThat(transformation(source(options))).isInstanceOf(SourceTransformation.class);
    }

    @Test
    void everyOption() {
        Map<String, String> options = options();
        options.remove("topic");
        options.put("topic-pattern", "tidb-.*");
        options.put("protocol", "canal-json");
        options.put("properties.client.id", "reader");
        options.put("properties.auto.offset.reset", "earliest");
        options.put("scan.startup.mode", "timestamp");
        options.put("scan.startup.timestamp-millis", "1700000000000");
        options.put("scan.bounded.mode", "latest-offset");
        options.put("scan.topic-partition-discovery.interval", "10 s");
        options.put("ignore-parse-errors", "true");
        options.put("database.include", "shop");
        options.put("table.include", "orders|customers");
        options.put("timestamp.time-zone", "Asia/Shanghai");
        options.put("ddl", "fail");
        options.put("compression", "lz4");
        TiCdcDynamicSource source = source(options);

        KafkaReadOptions kafka = kafkaOptionsOf(source);
        assertThat(kafka.topics()).isNull();
        assertThat(kafka.topicPattern()).isEqualTo("tidb-.*");
        assertThat(kafka.properties())
                .containsOnly(
                        entry("bootstrap.servers", "kafka:9092"),
                        entry("group.id", "flink"),
                        entry("client.id", "reader"),
                        entry("auto.offset.reset", "earliest"),
                        entry("partition.discovery.interval.ms", "10000"));
        assertThat(kafka.startup().toString()).isEqualTo("TIMESTAMP 1700000000000");
        assertThat(kafka.bounded().kind()).isEqualTo(OffsetsSpec.Kind.LATEST);
        assertThat(deserializer(source))
                .isEqualTo(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.CANAL_JSON, PHYSICAL_ROW)
                                .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                                .setIgnoreParseErrors(true)
                                .setDatabaseInclude("shop")
                                .setTableInclude("orders|customers")
                                .setTimestampZone(ZoneId.of("Asia/Shanghai"))
                                .setDdlHandling(DdlHandling.FAIL)
                                .setCompression(Compression.LZ4)
                                .build());
        assertThat(kafkaSource(source).getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    /** The simple protocol's reader gets {@code checksum.verify} as a format option. */
    @Test
    void checksumVerifyReachesTheSimpleProtocolsDecoder() {
        Map<String, String> options = options();
        options.put("protocol", "simple");
        options.put("checksum.verify", "true");
        assertThat(deserializer(source(options)))
                .isEqualTo(
                        TiCdcRecordDeserializationSchema.builder(TiCdcProtocol.SIMPLE, PHYSICAL_ROW)
                                .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                                .setChecksumVerify(true)
                                .build())
                .isNotEqualTo(
                        TiCdcRecordDeserializationSchema.builder(TiCdcProtocol.SIMPLE, PHYSICAL_ROW)
                                .setProducedTypeInfo(InternalTypeInfo.of(PHYSICAL_ROW))
                                .build());
    }

    @Test
    void specificOffsetsOfBothModes() {
        Map<String, String> options = options();
        options.put("scan.startup.mode", "specific-offsets");
        options.put("scan.startup.specific-offsets", "partition:0,offset:42;partition:2,offset:7");
        options.put("scan.bounded.mode", "specific-offsets");
        options.put("scan.bounded.specific-offsets", " partition:0, offset:100 ;");
        KafkaReadOptions kafka = kafkaOptionsOf(source(options));

        assertThat(kafka.startup().toString()).isEqualTo("SPECIFIC_OFFSETS {0=42, 2=7}");
        assertThat(kafka.bounded().toString()).isEqualTo("SPECIFIC_OFFSETS {0=100}");
    }

    @Test
    void sourcesCompareByTheirOptions() {
        Map<String, String> other = options();
        other.put("table.include", "orders");

        assertThat(source(options()))
                .isEqualTo(source(options()))
                .hasSameHashCodeAs(source(options()))
                .isNotEqualTo(source(other));
        TiCdcDynamicSource copied = source(options());
        copied.applyReadableMetadata(List.of("offset"), DataTypes.ROW());
        assertThat(copied.copy()).isEqualTo(copied).isNotEqualTo(source(options()));
    }

    @Test
    void outputOldValueFalseMakesAnUpsertSource() {
        Map<String, String> options = options();
        options.put("open-protocol.output-old-value", "false");
        TiCdcDynamicSource source =
                (TiCdcDynamicSource) FactoryMocks.createTableSource(SCHEMA_WITH_KEY, options);
        RowType rowType = (RowType) SCHEMA_WITH_KEY.toPhysicalRowDataType().getLogicalType();

        assertThat(source.getChangelogMode()).isEqualTo(ChangelogMode.upsert());
        assertThat(deserializer(source))
                .isEqualTo(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, rowType)
                                .setProducedTypeInfo(InternalTypeInfo.of(rowType))
                                .setUpsert(true)
                                .build());

        options.put("open-protocol.output-old-value", "true");
        assertThat(
                        ((TiCdcDynamicSource)
                                        FactoryMocks.createTableSource(SCHEMA_WITH_KEY, options))
                                .getChangelogMode())
                .isEqualTo(ChangelogMode.all());
    }

    @Test
    void metadataListsTiCdcKeysThenKafkaKeys() {
        assertThat(source(options()).listReadableMetadata().keySet())
                .containsExactly(
                        "database",
                        "table",
                        "event-type",
                        "commit-ts",
                        "commit-time",
                        "event-timestamp",
                        "ingestion-timestamp",
                        "pk-names",
                        "sql-type",
                        "mysql-type",
                        "table-partition-id",
                        "topic",
                        "partition",
                        "offset",
                        "kafka-timestamp");
        assertThat(source(options()).listReadableMetadata())
                .containsEntry("partition", DataTypes.INT().notNull())
                .containsEntry("kafka-timestamp", DataTypes.TIMESTAMP_LTZ(3).notNull())
                .containsEntry("table-partition-id", DataTypes.BIGINT().nullable());
    }

    @Test
    void projectionAndMetadataReachTheDeserializer() {
        TiCdcDynamicSource source = source(options());
        DataType produced =
                DataTypes.ROW(
                        DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                        DataTypes.FIELD("commit-ts", DataTypes.BIGINT()),
                        DataTypes.FIELD("offset", DataTypes.BIGINT().notNull()));
        source.applyProjection(new int[][] {{2}, {0}}, produced);
        source.applyReadableMetadata(List.of("commit-ts", "offset"), produced);

        RowType projected =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                                        DataTypes.FIELD("id", DataTypes.BIGINT()))
                                .notNull()
                                .getLogicalType();
        assertThat(deserializer(source))
                .isEqualTo(
                        TiCdcRecordDeserializationSchema.builder(
                                        TiCdcProtocol.OPEN_PROTOCOL, projected)
                                .setReadableMetadata(List.of(TiCdcMetadata.COMMIT_TS))
                                .setKafkaMetadata(List.of(KafkaMetadata.OFFSET))
                                .setProducedTypeInfo(
                                        InternalTypeInfo.of((RowType) produced.getLogicalType()))
                                .build());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "protocol | | Option 'protocol' is required: the 'protocol' of the TiCDC changefeed's"
                        + " sink URI, one of 'canal-json', 'open-protocol', 'simple', 'debezium'",
                "topic | | Either 'topic' (the changefeed's topics, separated by ';') or"
                        + " 'topic-pattern' must be set",
                "topic-pattern | tidb-.* | Options 'topic' and 'topic-pattern' must not both be set",
                "properties.bootstrap.servers | | Missing required options are: &&"
                        + " properties.bootstrap.servers",
                "properties.group.id | | 'properties.group.id' is required to start or stop at the"
                        + " group's offsets",
                "format | json | Unsupported options: && format",
                "scan.startup.mode | timestamp | 'scan.startup.mode' = 'timestamp' needs"
                        + " 'scan.startup.timestamp-millis'",
                "scan.startup.mode | specific-offsets | 'scan.startup.mode' = 'specific-offsets'"
                        + " needs 'scan.startup.specific-offsets'",
                "scan.startup.timestamp-millis | 1700000000000 | 'scan.startup.timestamp-millis' is"
                        + " only read with 'scan.startup.mode' = 'timestamp', but it is"
                        + " 'group-offsets'",
                "scan.bounded.specific-offsets | partition:0,offset:1 |"
                        + " 'scan.bounded.specific-offsets' is only read with 'scan.bounded.mode' ="
                        + " 'specific-offsets', but it is 'unbounded'",
                "scan.bounded.mode | timestamp | 'scan.bounded.mode' = 'timestamp' needs"
                        + " 'scan.bounded.timestamp-millis'",
                "properties.auto.offset.reset | smallest | 'properties.auto.offset.reset' must be"
                        + " 'earliest', 'latest' or 'none', but is 'smallest'",
                "table.include | orders( | Option 'table.include' is not a valid Java regular"
                        + " expression",
                "database.include | [ | Option 'database.include' is not a valid Java regular"
                        + " expression",
                "timestamp.time-zone | Mars/Olympus | Option 'timestamp.time-zone' is not a valid"
                        + " time zone: 'Mars/Olympus'",
                "open-protocol.output-old-value | false | 'open-protocol.output-old-value' ="
                        + " 'false' needs a PRIMARY KEY",
                "checksum.verify | true | Option 'checksum.verify' is for the simple protocol",
            })
    void invalidOptionsFailWithAClearMessage(String key, String value, String message) {
        Map<String, String> options = options();
        if (value == null) {
            options.remove(key);
        } else {
            options.put(key, value);
        }
        assertThat(failureOf(options)).contains(message.split(" && "));
    }

    @Test
    void aTopicPatternMustBeARegularExpression() {
        Map<String, String> options = options();
        options.remove("topic");
        options.put("topic-pattern", "tidb-[");
        assertThat(failureOf(options))
                .contains("Option 'topic-pattern' is not a valid Java regular expression");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "partition:0;offset:1 | must look like 'partition:0,offset:42;partition:1,"
                        + "offset:300', but is 'partition:0;offset:1': 'partition:0' is not a pair",
                "partition:a,offset:1 | 'a' is not a number",
                "partition:0,offset:-1 | offset -1 is out of range",
                "partition:0,offset:1;partition:0,offset:2 | partition 0 is listed twice",
                "offset:1,partition:0 | expected 'partition:<number>', got 'offset:1'",
            })
    void badSpecificOffsetsSayWhatIsWrong(String offsets, String message) {
        Map<String, String> options = options();
        options.put("scan.startup.mode", "specific-offsets");
        options.put("scan.startup.specific-offsets", offsets);
        assertThat(failureOf(options)).contains("Option 'scan.startup.specific-offsets'", message);
    }

    @Test
    void specificOffsetsNeedOneTopic() {
        Map<String, String> options = options();
        options.put("topic", "a;b");
        options.put("scan.startup.mode", "specific-offsets");
        options.put("scan.startup.specific-offsets", "partition:0,offset:1");
        assertThat(failureOf(options)).contains("'specific-offsets' needs exactly one topic");
    }

    /**
     * A SQL client shows only the innermost cause of a failed statement: that is what names the
     * option and its allowed values, not Flink's enum parser.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "protocol|canal|'canal-json', 'open-protocol', 'simple', 'debezium'",
                "consistency|exactly_once_please|'exactly-once', 'at-least-once'",
                "scan.startup.mode|earliest|'earliest-offset', 'latest-offset'",
                "scan.bounded.mode|forever|'unbounded', 'latest-offset'",
                "ddl|ignore|'skip', 'fail'",
                "compression|gzip|'none', 'lz4', 'snappy'",
            })
    void anEnumOptionWithAnUnknownValueNamesTheOptionAndItsValues(
            String key, String value, String allowed) {
        Map<String, String> options = options();
        options.put(key, value);
        Throwable root = null;
        try {
            FactoryMocks.createTableSource(SCHEMA, options);
        } catch (RuntimeException e) {
            root = e;
        }
        assertThat(root).isNotNull();
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root)
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "Option '" + key + "' is '" + value + "'; it must be one of ")
                .hasMessageContaining(allowed);
    }

    @Test
    void outputOldValueBelongsToOpenProtocol() {
        Map<String, String> options = options();
        options.put("protocol", "canal-json");
        options.put("open-protocol.output-old-value", "true");
        assertThat(failureOf(options))
                .contains(
                        "Option 'open-protocol.output-old-value' is only for 'protocol' ="
                                + " 'open-protocol'");
    }

    private static Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "ticdc");
        options.put("protocol", "open-protocol");
        options.put("topic", "tidb-shop");
        options.put("properties.bootstrap.servers", "kafka:9092");
        options.put("properties.group.id", "flink");
        return options;
    }

    private static TiCdcDynamicSource source(Map<String, String> options) {
        return (TiCdcDynamicSource) FactoryMocks.createTableSource(SCHEMA, options);
    }

    /** Every message of the exception's causes: Flink wraps the factory's error. */
    private static String failureOf(Map<String, String> options) {
        Throwable thrown = null;
        try {
            FactoryMocks.createTableSource(SCHEMA, options);
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("creating a source from %s", options).isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
        }
        return String.join("\n", messages);
    }

    private static KafkaReadOptions kafkaOptionsOf(TiCdcDynamicSource source) {
        return source.kafkaOptions();
    }

    /** The deserializer of the rows the planner gets, with their type information. */
    @SuppressWarnings("unchecked")
    private static TiCdcRecordDeserializationSchema deserializer(TiCdcDynamicSource source) {
        return source.createDeserializer(
                (TypeInformation<RowData>) transformation(source).getOutputType());
    }

    @SuppressWarnings("unchecked")
    private static KafkaSource<RowData> kafkaSource(DynamicTableSource source) {
        return (KafkaSource<RowData>) sourceTransformation(source).getSource();
    }

    /** The source's transformation, with uids as the planner generates them. */
    private static SourceTransformation<?, ?, ?> sourceTransformation(DynamicTableSource source) {
        Transformation<?> transformation = transformation(source);
        while (!(transformation instanceof SourceTransformation)) {
            transformation = transformation.getInputs().get(0);
        }
        return (SourceTransformation<?, ?, ?>) transformation;
    }

    /** The last transformation of the DataStream the planner gets. */
    private static Transformation<?> transformation(DynamicTableSource source) {
        DataStreamScanProvider provider =
                (DataStreamScanProvider)
                        ((TiCdcDynamicSource) source)
                                .getScanRuntimeProvider(ScanRuntimeProviderContext.INSTANCE);
        DataStream<RowData> stream =
                provider.produceDataStream(
                        name -> Optional.of("planner-uid-" + name),
                        StreamExecutionEnvironment.getExecutionEnvironment());
        return stream.getTransformation();
    }
}
