package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.CanalDdlType;
import io.github.flinkticdc.testing.DebeziumWriter;
import io.github.flinkticdc.testing.SampleColumns;
import io.github.flinkticdc.testing.TiCdcSampleFiles;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The debezium messages mutants are made from: every sample of {@code expected.json} (columns as
 * STRING), TiCDC's every-type golden read with natural Flink types, and messages the {@link
 * DebeziumWriter} generates over the {@link TypedTable} (with and without the schema and the TiDB
 * extension, every compression). The first mutants cut the small samples at each position.
 */
final class DebeziumSeeds extends SeedCorpus<DebeziumSeeds.Seed> {

    static final int GENERATED = 200;
    private static final long ENCODE_CLOCK = 1_700_000_000_123L;

    /** One seed message: plain JSON, its spans and which configuration reads it. */
    static final class Seed extends SeedCorpus.Seed {
        final byte[] json;
        final JsonSpans spans;

        Seed(String name, byte[] json, int config) {
            super(name, config);
            this.json = json;
            this.spans = JsonSpans.of(json);
        }
    }

    DebeziumSeeds(FuzzSettings settings) {
        super(settings, TypedTable.openProtocol());
        List<TiCdcMetadata> all = new ArrayList<>(TiCdcMetadata.DEBEZIUM);
        for (JsonNode sample : TiCdcSampleFiles.expectations("debezium")) {
            String file = sample.get("files").get("value").asText();
            RowType asText =
                    SampleColumns.of(SampleColumns.expectedRows(sample.get("expect")), true);
            samples.add(new Seed(file, TiCdcSampleFiles.bytes(file), sampleConfig(asText, all)));
        }
        samples.add(
                new Seed(
                        "debezium/datatype.dbz.json (natural types)",
                        TiCdcSampleFiles.bytes("debezium/datatype.dbz.json"),
                        sampleConfig(goldenTypes(), all)));
        truncateSamples(1, s -> s.json.length);
        generate("debezium-seed", GENERATED, true, this::generatedSeed);
    }

    @Override
    Item<Seed> mutant(long index) {
        return jsonItem(index, "debezium", s -> s.json, s -> s.spans);
    }

    private Seed generatedSeed(int i, SplittableRandom r, Compression c, int config) {
        boolean schema = r.nextInt(3) != 0;
        boolean extension = r.nextInt(4) != 0;
        DebeziumWriter writer =
                DebeziumWriter.create()
                        .withSchema(schema)
                        .withTidbExtension(extension)
                        .withTimeZone(TypedTable.TIMESTAMP_ZONE)
                        .withEncodeClock(() -> ENCODE_CLOCK);
        long commitTs = RandomEvents.randomTso(r);
        Object[] before = table.randomRow(r, r.nextInt(1000));
        String kind;
        byte[] json;
        int k = r.nextInt(20);
        if (k == 0 && extension) {
            kind = "watermark";
            json = writer.watermark(commitTs);
        } else if (k == 1) {
            kind = "DDL";
            json =
                    writer.ddl(
                            "fuzz",
                            "typed",
                            CanalDdlType.ALTER,
                            "ALTER TABLE typed ADD x INT",
                            commitTs);
        } else if (k < 8) {
            kind = "insert";
            json = writer.insert(table.table, commitTs, table.text(before));
        } else if (k < 14) {
            kind = "update";
            json =
                    writer.update(
                            table.table,
                            commitTs,
                            table.text(before),
                            table.text(table.changed(before, r)));
        } else {
            kind = "delete";
            json = writer.delete(table.table, commitTs, table.text(before));
        }
        String name =
                "generated debezium "
                        + kind
                        + (schema ? "" : " without schema")
                        + (extension ? "" : " without tidb_type")
                        + " "
                        + c
                        + " #"
                        + i;
        // The corpus compresses each mutant itself: the seed is the plain message.
        return new Seed(name, json, config);
    }

    private int sampleConfig(RowType rowType, List<TiCdcMetadata> metadata) {
        return addConfig(new DecoderConfig(rowType, metadata, Compression.NONE, false));
    }

    /** Some columns of the golden, each declared as a user would. */
    private static RowType goldenTypes() {
        return (RowType)
                DataTypes.ROW(
                                DataTypes.FIELD("pk", DataTypes.INT()),
                                DataTypes.FIELD("col_d_2023", DataTypes.DATE()),
                                DataTypes.FIELD("col_dt_fsp_6", DataTypes.TIMESTAMP(6)),
                                DataTypes.FIELD("col_ts_fsp_6", DataTypes.TIMESTAMP_LTZ(6)),
                                DataTypes.FIELD("col_t", DataTypes.TIME(0)),
                                DataTypes.FIELD("col_t_neg", DataTypes.STRING()),
                                DataTypes.FIELD("col_bit_1", DataTypes.BOOLEAN()),
                                DataTypes.FIELD("col_bit_60", DataTypes.BIGINT()),
                                DataTypes.FIELD("col_varbinary", DataTypes.BYTES()),
                                DataTypes.FIELD("col_decimal", DataTypes.DECIMAL(10, 5)),
                                DataTypes.FIELD("col_float", DataTypes.FLOAT()),
                                DataTypes.FIELD("col_bigint_unsigned", DataTypes.DECIMAL(20, 0)),
                                DataTypes.FIELD("col_enum", DataTypes.STRING()),
                                DataTypes.FIELD("col_set", DataTypes.INT()),
                                DataTypes.FIELD("col_json", DataTypes.STRING()))
                        .getLogicalType();
    }
}
