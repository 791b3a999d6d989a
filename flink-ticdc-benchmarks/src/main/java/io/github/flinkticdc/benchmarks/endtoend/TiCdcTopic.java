package io.github.flinkticdc.benchmarks.endtoend;

import io.github.flinkticdc.testing.CanalJsonWriter;
import io.github.flinkticdc.testing.OpenProtocolWriter;
import io.github.flinkticdc.testing.TiCdcChangefeed;

/**
 * The two topics the benchmark reads: the same changefeed written once per TiCDC protocol, each
 * with TiCDC's defaults (canal-json with {@code enable-tidb-extension=true}, Open Protocol with old
 * values and 16 events per record at most).
 *
 * <p>One partition each: a changefeed of one table under TiCDC's default {@code table} dispatcher
 * writes all its rows to one partition, and one partition read by a source of parallelism 1 times
 * the decoding and the pipeline, not how partitions drift apart.
 */
enum TiCdcTopic {
    CANAL_JSON("ticdc-canal-json") {
        @Override
        TiCdcChangefeed changefeed(long startMillis) {
            return new TiCdcChangefeed(name, PARTITIONS, CanalJsonWriter.create(), startMillis);
        }
    },
    OPEN_PROTOCOL("ticdc-open-protocol") {
        @Override
        TiCdcChangefeed changefeed(long startMillis) {
            return new TiCdcChangefeed(name, PARTITIONS, OpenProtocolWriter.create(), startMillis);
        }
    };

    static final int PARTITIONS = 1;

    /** The Kafka topic. */
    final String name;

    TiCdcTopic(String name) {
        this.name = name;
    }

    /** A changefeed writing to this topic whose first commit is after {@code startMillis}. */
    abstract TiCdcChangefeed changefeed(long startMillis);
}
