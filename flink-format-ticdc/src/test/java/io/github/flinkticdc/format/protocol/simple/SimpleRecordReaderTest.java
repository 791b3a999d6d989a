package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.ChangeKind;
import io.github.flinkticdc.format.protocol.ColumnType;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.format.protocol.EventType;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.testutil.Compressors;
import io.github.flinkticdc.format.testutil.RecordingRowListener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simple protocol's value rules (spec §4.1), with and without the table's schema, and how it
 * refuses what TiCDC never writes.
 */
class SimpleRecordReaderTest {

    private static final String SCHEMA =
            "{'schema':'shop','table':'t','tableID':7,'version':100,'columns':["
                    + "{'name':'id','dataType':{'mysqlType':'bigint','charset':'binary',"
                    + "'collate':'binary','length':20},'nullable':false,'default':null},"
                    + "{'name':'bin','dataType':{'mysqlType':'varbinary','charset':'binary',"
                    + "'collate':'binary','length':16},'nullable':true,'default':null},"
                    + "{'name':'txt','dataType':{'mysqlType':'text','charset':'utf8mb4',"
                    + "'collate':'utf8mb4_bin','length':65535},'nullable':true,'default':null},"
                    + "{'name':'ts','dataType':{'mysqlType':'timestamp','charset':'binary',"
                    + "'collate':'binary','length':26,'decimal':6},'nullable':true,"
                    + "'default':null},"
                    + "{'name':'e','dataType':{'mysqlType':'enum','charset':'utf8mb4',"
                    + "'collate':'utf8mb4_bin','elements':['a','b']},'nullable':true,"
                    + "'default':null}],'indexes':[]}";

    private static final String BOOTSTRAP =
            "{'version':1,'type':'BOOTSTRAP','commitTs':0,'buildTs':1,'tableSchema':"
                    + SCHEMA
                    + "}";

    private final SimpleRecordReader reader =
            new SimpleRecordReader(Compression.NONE, ZoneOffset.UTC);

    private static String insert(String data) {
        return "{'version':1,'database':'shop','table':'t','tableID':7,'type':'INSERT',"
                + "'commitTs':447984084414103554,'buildTs':1708923662983,'schemaVersion':100,"
                + "'data':"
                + data
                + "}";
    }

    private EventType read(String singleQuoted, RecordingRowListener rows) throws Exception {
        assertThat(reader.reset(null, json(singleQuoted))).isTrue();
        return reader.next(rows);
    }

    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBootstrapHoldsNoEventAndItsSchemaChecksTheRowsThatFollow() throws Exception {
        RecordingRowListener none = new RecordingRowListener();
        assertThat(read(BOOTSTRAP, none)).isNull();
        assertThat(none.calls).isEmpty();

        RecordingRowListener rows = new RecordingRowListener().readAsBytes("bin");
        assertThat(read(insert("{'id':'1','bin':'AAH/','txt':'héllo','e':'2'}"), rows))
                .isEqualTo(EventType.ROW_CHANGE);

        assertThat(rows.newImage)
                .isEqualTo(Map.of("id", "1", "bin", "hex:0001ff", "txt", "héllo", "e", "2"));
        assertThat(rows.types.get("bin").kind()).isEqualTo(ColumnType.Kind.BINARY);
        assertThat(rows.types.get("bin").name()).isEqualTo("varbinary");
        assertThat(rows.types.get("e").kind())
                .as("ENUM stays its index: it must read the same before the schema arrives")
                .isEqualTo(ColumnType.Kind.PLAIN);
        assertThat(reader.declaredType("txt")).isEqualTo("text");
    }

    /**
     * A row read before its table's BOOTSTRAP (a job that starts or restores after it) decodes as
     * it would after: the consumer's declared types say which columns are base64.
     */
    @Test
    void aRowBeforeItsSchemaReadsTheSameByTheDeclaredTypes() throws Exception {
        RecordingRowListener rows = new RecordingRowListener().readAsBytes("bin");
        assertThat(read(insert("{'id':'1','bin':'AAH/','txt':'héllo','e':'2'}"), rows))
                .isEqualTo(EventType.ROW_CHANGE);

        assertThat(rows.newImage)
                .isEqualTo(Map.of("id", "1", "bin", "hex:0001ff", "txt", "héllo", "e", "2"));
        assertThat(reader.declaredType("txt")).isNull();
    }

    @Test
    void aBinaryColumnReadAsTextIsRefusedOnceTheSchemaIsKnown() throws Exception {
        read(BOOTSTRAP, new RecordingRowListener());

        assertThatThrownBy(
                        () -> read(insert("{'id':'1','bin':'AAH/'}"), new RecordingRowListener()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("column 'bin' is TiDB varbinary")
                .hasMessageContaining("declare it BYTES");
        assertThatThrownBy(
                        () ->
                                read(
                                        insert("{'id':'1','txt':'abc'}"),
                                        new RecordingRowListener().readAsBytes("txt")))
                .hasMessageContaining("column 'txt' is TiDB text, not a binary type");
    }

    @Test
    void aColumnTheSchemaDoesNotHaveIsRefused() throws Exception {
        read(BOOTSTRAP, new RecordingRowListener());

        assertThatThrownBy(() -> read(insert("{'id':'1','other':'x'}"), new RecordingRowListener()))
                .hasMessageContaining(
                        "column 'other' is not in the table schema of shop.t version 100");
    }

    @Test
    void aBase64ValueThatIsNotBase64IsAnError() {
        assertThatThrownBy(
                        () ->
                                read(
                                        insert("{'bin':'not base64!'}"),
                                        new RecordingRowListener().readAsBytes("bin")))
                .hasMessageContaining("'data.bin' is not valid base64");
    }

    /** The instant of a TIMESTAMP is exact whichever zone TiCDC wrote it in. */
    @ParameterizedTest
    @CsvSource({
        "Asia/Shanghai, UTC, 2024-02-26 08:21:02.123456, 2024-02-26 00:21:02.123456",
        "UTC, Asia/Shanghai, 2024-02-26 20:00:00, 2024-02-27 04:00:00",
        "Asia/Shanghai, Asia/Shanghai, 2024-02-26 08:21:02.5, 2024-02-26 08:21:02.5",
        "Local, Asia/Shanghai, 2024-02-26 08:21:02, 2024-02-26 08:21:02",
        "America/New_York, UTC, 2024-03-10 01:59:59.9, 2024-03-10 06:59:59.9"
    })
    void aTimestampIsMovedIntoTheReadersZone(
            String location, String readerZone, String written, String read) throws Exception {
        SimpleRecordReader inZone = new SimpleRecordReader(Compression.NONE, ZoneId.of(readerZone));
        RecordingRowListener rows = new RecordingRowListener();
        inZone.reset(
                null,
                json(insert("{'ts':{'location':'" + location + "','value':'" + written + "'}}")));

        assertThat(inZone.next(rows)).isEqualTo(EventType.ROW_CHANGE);

        assertThat(rows.newImage).containsEntry("ts", read);
    }

    /** A wall clock no calendar has is passed on as written, for the converter to refuse. */
    @Test
    void aTimestampOnADayThatDoesNotExistIsNotMovedToARealOne() throws Exception {
        RecordingRowListener rows = new RecordingRowListener();
        SimpleRecordReader shanghai =
                new SimpleRecordReader(Compression.NONE, ZoneId.of("Asia/Shanghai"));
        shanghai.reset(
                null, json(insert("{'ts':{'location':'UTC','value':'2024-02-30 10:00:00'}}")));

        shanghai.next(rows);

        assertThat(rows.newImage).containsEntry("ts", "2024-02-30 10:00:00");
    }

    @Test
    void aTimestampLocationThatIsNoZoneIsAnError() {
        assertThatThrownBy(
                        () ->
                                read(
                                        insert(
                                                "{'ts':{'location':'Mars/Olympus','value':'2024-01-01 00:00:00'}}"),
                                        new RecordingRowListener()))
                .hasMessageContaining("TIMESTAMP location 'Mars/Olympus' is not a time zone");
    }

    /**
     * Found by the fuzz suite: a wall clock at the edge of the dates Java parses, moved into
     * another zone, left that range and escaped as a {@code DateTimeException}, which the decoder
     * refuses only as an unexpected defect.
     */
    @ParameterizedTest
    @CsvSource({
        "Asia/Tokyo, UTC, -999999999-01-01 00:00:00",
        "UTC, Asia/Tokyo, +999999999-12-31 23:59:59.999",
        // Past TiDB's years, which the converters' text cannot hold.
        "UTC, Asia/Tokyo, 9999-12-31 23:30:00",
        "Asia/Tokyo, UTC, 0000-01-01 01:00:00"
    })
    void aTimestampMovedPastTheRangeOfDatesIsAMalformedMessage(
            String location, String readerZone, String written) {
        SimpleRecordReader inZone = new SimpleRecordReader(Compression.NONE, ZoneId.of(readerZone));
        inZone.reset(
                null,
                json(insert("{'ts':{'location':'" + location + "','value':'" + written + "'}}")));

        assertThatThrownBy(() -> inZone.next(new RecordingRowListener()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("TIMESTAMP value '" + written + "' in '" + location + "'")
                .hasMessageContaining("out of range in the reader's zone " + readerZone);
    }

    @Test
    void aTimestampColumnWrittenAsAStringOrAnObjectForAnotherTypeIsAnError() throws Exception {
        read(BOOTSTRAP, new RecordingRowListener());

        assertThatThrownBy(
                        () ->
                                read(
                                        insert("{'ts':'2024-01-01 00:00:00'}"),
                                        new RecordingRowListener()))
                .hasMessageContaining(
                        "column 'ts' is a TIMESTAMP, which TiCDC writes as an object");
        assertThatThrownBy(
                        () ->
                                read(
                                        insert("{'txt':{'location':'UTC','value':'x'}}"),
                                        new RecordingRowListener()))
                .hasMessageContaining("holds an object, which TiCDC writes only for TIMESTAMP");
    }

    @Test
    void aDeleteReadsItsRowFromOld() throws Exception {
        RecordingRowListener rows = new RecordingRowListener();
        String delete =
                "{'version':1,'database':'shop','table':'t','type':'DELETE','commitTs':5,"
                        + "'schemaVersion':100,'old':{'id':'9','txt':null}}";

        assertThat(read(delete, rows)).isEqualTo(EventType.ROW_CHANGE);

        assertThat(reader.rowChange().kind()).isEqualTo(ChangeKind.DELETE);
        assertThat(rows.newImage).containsEntry("id", "9").containsEntry("txt", null);
        assertThat(rows.oldImage).isEmpty();
    }

    /** TiCDC writes the header first; a message with its images first reads the same. */
    @Test
    void imagesBeforeTheHeaderAreReadOnceTheHeaderIsKnown() throws Exception {
        RecordingRowListener rows = new RecordingRowListener();
        String update =
                "{'old':{'id':'1','txt':'a'},'data':{'id':'1','txt':'b'},'version':1,"
                        + "'type':'UPDATE','database':'shop','table':'t','commitTs':5,"
                        + "'schemaVersion':100}";

        assertThat(read(update, rows)).isEqualTo(EventType.ROW_CHANGE);

        assertThat(rows.newImage).isEqualTo(Map.of("id", "1", "txt", "b"));
        assertThat(rows.oldImage).isEqualTo(Map.of("id", "1", "txt", "a"));
    }

    @Test
    void aFilteredTableIsNotRead() throws Exception {
        RecordingRowListener rows = new RecordingRowListener();
        rows.refuseRows();

        assertThat(read(insert("{'id':'1','bin':'not base64 but not read'}"), rows))
                .isEqualTo(EventType.ROW_CHANGE);

        assertThat(reader.rowsRead()).isFalse();
        assertThat(rows.newImage).isEmpty();
    }

    @Test
    void aDdlKeepsItsSchemasAndNamesItsTable() throws Exception {
        String ddl =
                "{'version':1,'type':'CREATE','sql':'CREATE TABLE t (id BIGINT)','commitTs':7,"
                        + "'buildTs':1,'tableSchema':"
                        + SCHEMA
                        + "}";

        assertThat(read(ddl, new RecordingRowListener())).isEqualTo(EventType.DDL);
        assertThat(reader.ddl().database()).isEqualTo("shop");
        assertThat(reader.ddl().table()).isEqualTo("t");

        assertThatThrownBy(() -> read(insert("{'bin':'AAH/'}"), new RecordingRowListener()))
                .hasMessageContaining("declare it BYTES");
    }

    @Test
    void aDatabaseDdlHasNoTable() throws Exception {
        String ddl = "{'version':1,'type':'QUERY','sql':'DROP DATABASE shop','commitTs':7}";

        assertThat(read(ddl, new RecordingRowListener())).isEqualTo(EventType.DDL);
        assertThat(reader.ddl().database()).isEmpty();
        assertThat(reader.ddl().table()).isEmpty();
    }

    @Test
    void rowsTiCdcSentWithoutTheirFullImageAreRefused() {
        String handleKeyOnly =
                insert("{'id':'1'}").replace("'data'", "'handleKeyOnly':true,'data'");
        String claimCheck =
                insert("{'id':'1'}")
                        .replace("'data'", "'claimCheckLocation':'s3://b/k/x.json','data'");

        assertThatThrownBy(() -> read(handleKeyOnly, new RecordingRowListener()))
                .hasMessageContaining("handleKeyOnly")
                .hasMessageContaining("handle-key-only");
        assertThatThrownBy(() -> read(claimCheck, new RecordingRowListener()))
                .hasMessageContaining("stored it at 's3://b/k/x.json'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'version':2,'type':'WATERMARK','commitTs':1}|simple-protocol version 2",
                "{'version':1,'type':'UPSERT','commitTs':1}|unknown message type 'UPSERT'",
                "{'version':1,'commitTs':1}|missing field 'type'",
                "{'version':1,'type':'WATERMARK'}|a WATERMARK message must have 'commitTs'",
                "{'version':1,'type':'WATERMARK','commitTs':-1}|not a TiDB TSO",
                "{'version':1,'type':'WATERMARK','commitTs':1,'commitTs':2}|field 'commitTs' appears twice",
                "{'version':1,'type':'INSERT','database':'d','table':'t','commitTs':1}|must have 'data' with its row",
                "{'version':1,'type':'UPDATE','database':'d','table':'t','commitTs':1,'data':{}}|must have 'old'",
                "{'version':1,'type':'INSERT','table':'t','commitTs':1,'data':{}}|must have 'database' and 'table'",
                "{'version':1,'type':'INSERT','database':'d','table':'t','commitTs':1,'schemaVersion':1,'data':{'a':1}}|column 'a' holds a number",
                "{'version':1,'type':'INSERT','database':'d','table':'t','commitTs':1,'schemaVersion':1,'data':[]}|field 'data' must be an object or null",
                "{'version':1,'type':'BOOTSTRAP','commitTs':0}|a BOOTSTRAP message must have 'tableSchema'",
                "{'version':1,'type':'CREATE','commitTs':3}|a DDL message must have 'sql'",
                "{'version':1,'type':'BOOTSTRAP','tableSchema':{'schema':'d','table':'t','version':1}}|must have 'schema', 'table', 'version' and 'columns'",
                "{'version':1,'type':'BOOTSTRAP','tableSchema':{'schema':'d','table':'t','version':1,'columns':[{'name':'a','dataType':{'mysqlType':'int'}},{'name':'a','dataType':{'mysqlType':'int'}}]}}|lists column 'a' twice",
                "{'version':1,'type':'INSERT','database':'d','table':'t','commitTs':1,'schemaVersion':1,'data':{'ts':{'value':'x'}}}|without 'location' and 'value'",
                "[1]|a simple-protocol message"
            })
    void refusesWhatTiCdcNeverWrites(String message, String error) {
        assertThatThrownBy(() -> read(message, new RecordingRowListener()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(error);
    }

    @Test
    void anEmptyValueHoldsNoMessage() {
        assertThat(reader.reset(null, null)).isFalse();
        assertThat(reader.reset(null, new byte[0])).isFalse();
    }

    @Test
    void anLz4CompressedMessageIsReadWithTheCompressionOption() throws Exception {
        byte[] message = json("{'version':1,'type':'WATERMARK','commitTs':42}");
        byte[] compressed = Compressors.compress(Compression.LZ4, message);
        SimpleRecordReader lz4 = new SimpleRecordReader(Compression.LZ4, ZoneOffset.UTC);

        lz4.reset(null, compressed);
        assertThat(lz4.next(new RecordingRowListener())).isEqualTo(EventType.PROGRESS);
        assertThat(lz4.resolvedTs()).isEqualTo(42);

        reader.reset(null, compressed);
        assertThatThrownBy(() -> reader.next(new RecordingRowListener()))
                .isInstanceOf(MalformedMessageException.class);
        assertThat(reader.hint()).contains("'compression' = 'lz4'");
    }

    @Test
    void theSchemaCacheDropsTheLeastRecentlyUsedSchemaFirst() {
        SimpleSchemaCache cache = new SimpleSchemaCache();
        for (int v = 0; v < SimpleSchemaCache.MAX_SCHEMAS; v++) {
            cache.put(new SimpleTableSchema("d", "t", v, List.of()));
        }
        assertThat(cache.get("d", "t", 0)).as("used, so now the most recent").isNotNull();

        cache.put(new SimpleTableSchema("d", "t", SimpleSchemaCache.MAX_SCHEMAS, List.of()));

        assertThat(cache.size()).isEqualTo(SimpleSchemaCache.MAX_SCHEMAS);
        assertThat(cache.get("d", "t", 1)).as("the least recently used").isNull();
        assertThat(cache.get("d", "t", 0)).isNotNull();
        assertThat(cache.get("d", "t", SimpleSchemaCache.MAX_SCHEMAS)).isNotNull();
    }

    /** Many wide schemas cannot grow the cache beyond its bound on columns. */
    @Test
    void theSchemaCacheIsBoundedInColumns() {
        SimpleSchemaCache cache = new SimpleSchemaCache();
        List<SimpleColumn> wide = new ArrayList<>();
        for (int c = 0; c < SimpleSchemaParser.MAX_COLUMNS; c++) {
            wide.add(new SimpleColumn("c" + c, "int", false));
        }
        int fit = SimpleSchemaCache.MAX_COLUMNS / SimpleSchemaParser.MAX_COLUMNS;
        for (int v = 0; v <= fit; v++) {
            cache.put(new SimpleTableSchema("d", "t", v, wide));
        }

        assertThat(cache.columns()).isLessThanOrEqualTo(SimpleSchemaCache.MAX_COLUMNS);
        assertThat(cache.size()).isEqualTo(fit);
        assertThat(cache.get("d", "t", 0)).isNull();
        assertThat(cache.get("d", "t", fit)).isNotNull();
    }
}
