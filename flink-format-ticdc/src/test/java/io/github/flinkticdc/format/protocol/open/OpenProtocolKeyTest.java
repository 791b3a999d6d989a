package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.Compression;

import org.junit.jupiter.api.Test;

import static io.github.flinkticdc.format.testutil.FramedRecord.keys;
import static io.github.flinkticdc.format.testutil.FramedRecord.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Event key JSON (spec §3.2): by name, in any order, duplicate names allowed. */
class OpenProtocolKeyTest {

    private final OpenProtocolRecordReader reader = new OpenProtocolRecordReader(Compression.NONE);

    @Test
    void readsTheNewArchitectureClaimCheckKeyWithItsDuplicateOhk() throws Exception {
        OpenProtocolKey key =
                read(
                        "{\"ts\":464073967049113629,\"scm\":\"db\",\"tbl\":\"t\",\"t\":1,"
                                + "\"ohk\":true,\"ohk\":false,\"ccl\":\"s3://bucket/cc/1a2b.json\","
                                + "\"ptn\":77}");

        assertThat(key.ts()).isEqualTo(464073967049113629L);
        assertThat(key.type()).isEqualTo(OpenProtocolEventType.ROW);
        assertThat(key.partitionId()).isEqualTo(77L);
        assertThat(key.onlyHandleKey()).isFalse();
        assertThat(key.claimCheckLocation()).isEqualTo("s3://bucket/cc/1a2b.json");
        assertThat(key.isClaimCheck()).isTrue();
        assertThat(key.isIncomplete()).isTrue();
    }

    @Test
    void letsTheLastOhkWin() throws Exception {
        OpenProtocolKey key = read("{\"ohk\":false,\"ts\":1,\"t\":1,\"ohk\":true}");

        assertThat(key.onlyHandleKey()).isTrue();
        assertThat(key.isClaimCheck()).isFalse();
        assertThat(key.isIncomplete()).isTrue();
    }

    @Test
    void readsTheClassicFieldOrderAndIgnoresRowIdsAndUnknownFields() throws Exception {
        OpenProtocolKey key =
                read(
                        "{\"ts\":415508878783938562,\"scm\":\"test\",\"tbl\":\"t1\",\"rid\":1,"
                                + "\"ptn\":3,\"t\":1,\"future\":{\"x\":[1]}}");

        assertThat(key.ts()).isEqualTo(415508878783938562L);
        assertThat(key.schema()).isEqualTo("test");
        assertThat(key.table()).isEqualTo("t1");
        assertThat(key.partitionId()).isEqualTo(3L);
        assertThat(key.isIncomplete()).isFalse();
    }

    @Test
    void readsOmittedNamesAsEmpty() throws Exception {
        OpenProtocolKey key = read("{\"t\":2,\"scm\":\"only_schema\",\"ts\":9}");

        assertThat(key.type()).isEqualTo(OpenProtocolEventType.DDL);
        assertThat(key.schema()).isEqualTo("only_schema");
        assertThat(key.table()).isEmpty();
        assertThat(key.partitionId()).isNull();
    }

    @Test
    void forgetsThePreviousKeysFields() throws Exception {
        reader.reset(
                keys(
                        "{\"ts\":1,\"scm\":\"a\",\"tbl\":\"b\",\"t\":1,\"ptn\":4,\"ohk\":true,"
                                + "\"ccl\":\"x\"}",
                        "{\"ts\":2,\"t\":3}"),
                values("{\"u\":{}}", null));
        reader.nextEvent();
        reader.nextEvent();
        OpenProtocolKey key = reader.key();

        assertThat(key.type()).isEqualTo(OpenProtocolEventType.RESOLVED);
        assertThat(key.ts()).isEqualTo(2);
        assertThat(key.schema()).isEmpty();
        assertThat(key.table()).isEmpty();
        assertThat(key.partitionId()).isNull();
        assertThat(key.onlyHandleKey()).isFalse();
        assertThat(key.claimCheckLocation()).isNull();
        assertThat(reader.nextEvent()).isFalse();
    }

    private OpenProtocolKey read(String keyJson) throws Exception {
        reader.reset(keys(keyJson), values("{\"u\":{}}"));
        assertThat(reader.nextEvent()).isTrue();
        return reader.key();
    }
}
