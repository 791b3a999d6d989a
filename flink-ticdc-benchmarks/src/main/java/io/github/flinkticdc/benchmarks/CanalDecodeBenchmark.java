package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.testing.TestDecoderContext;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.json.canal.CanalJsonDeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Messages per second of {@code ticdc-canal} against Flink's own {@code canal-json} on the same
 * TiCDC bytes and the same declared row. Setup checks that both produce equal rows, so the race is
 * between decoders that agree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CanalDecodeBenchmark {

    private static final int MESSAGES = 1000;

    private List<byte[]> messages;
    private DeserializationSchema<RowData> ticdcCanal;
    private DeserializationSchema<RowData> ticdcCanalTwoColumns;
    private DeserializationSchema<RowData> flinkCanalJson;

    @Setup
    public void setUp() throws Exception {
        messages = OrderMessages.generate(MESSAGES);
        RowType rowType = (RowType) OrderMessages.ROW.getLogicalType();
        ticdcCanal = open(TiCdcCanalDeserializationSchema.builder(rowType).build());
        RowType twoColumns =
                RowType.of(
                        new org.apache.flink.table.types.logical.LogicalType[] {
                            rowType.getTypeAt(0), rowType.getTypeAt(3)
                        },
                        new String[] {"id", "amount"});
        ticdcCanalTwoColumns = open(TiCdcCanalDeserializationSchema.builder(twoColumns).build());
        flinkCanalJson =
                open(
                        CanalJsonDeserializationSchema.builder(
                                        OrderMessages.ROW,
                                        Collections.emptyList(),
                                        InternalTypeInfo.of(rowType))
                                .build());
        checkSameRows();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void ticdcCanal(Blackhole blackhole) throws Exception {
        decodeAll(ticdcCanal, blackhole);
    }

    /** Two of twelve columns declared: the others are skipped, never converted. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void ticdcCanalTwoOfTwelveColumns(Blackhole blackhole) throws Exception {
        decodeAll(ticdcCanalTwoColumns, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void flinkCanalJson(Blackhole blackhole) throws Exception {
        decodeAll(flinkCanalJson, blackhole);
    }

    private void decodeAll(DeserializationSchema<RowData> schema, Blackhole blackhole)
            throws Exception {
        Collector<RowData> out = new BlackholeCollector(blackhole);
        for (byte[] message : messages) {
            schema.deserialize(message, out);
        }
    }

    private void checkSameRows() throws Exception {
        for (byte[] message : messages) {
            List<RowData> ours = collect(ticdcCanal, message);
            List<RowData> flinks = collect(flinkCanalJson, message);
            if (!ours.equals(flinks)) {
                throw new IllegalStateException(
                        "The decoders disagree: "
                                + ours
                                + " vs "
                                + flinks
                                + " on "
                                + new String(message));
            }
        }
    }

    private static List<RowData> collect(DeserializationSchema<RowData> schema, byte[] message)
            throws Exception {
        List<RowData> rows = new ArrayList<>();
        schema.deserialize(message, new ListCollector<>(rows));
        return rows;
    }

    private static DeserializationSchema<RowData> open(DeserializationSchema<RowData> schema)
            throws Exception {
        schema.open(new TestDecoderContext());
        return schema;
    }

    /** Hands rows to JMH so that the decoding is not optimised away. */
    private static final class BlackholeCollector implements Collector<RowData> {
        private final Blackhole blackhole;

        private BlackholeCollector(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void collect(RowData row) {
            blackhole.consume(row);
        }

        @Override
        public void close() {}
    }
}
