package io.github.flinkticdc.benchmarks;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.format.protocol.Compression;
import io.github.flinkticdc.testing.CanalJsonWriter.PayloadCompression;
import io.github.flinkticdc.testing.OpenProtocolWriter;

import org.apache.flink.formats.json.canal.CanalJsonDeserializationSchema;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The decoders under test, each opened as a Flink source opens it and fed the input it reads in a
 * job. {@link #TICDC_CANAL} is the reference the others' rows are checked against.
 */
public enum Decoder {
    /**
     * Flink's own format. It cannot undo TiCDC's compression, so it reads the uncompressed messages
     * of the compressed cases; it declares the case's columns without those it reads otherwise.
     */
    FLINK_CANAL_JSON("Flink canal-json") {
        @Override
        RowDecoder open(DecodeCase decodeCase, Workload workload) throws Exception {
            RowType rowType = decodeCase.flinkRowType();
            return new CanalMessagesDecoder(
                    CanalJsonDeserializationSchema.builder(
                                    TypeConversions.fromLogicalToDataType(rowType),
                                    Collections.emptyList(),
                                    InternalTypeInfo.of(rowType))
                            .build(),
                    rowType,
                    workload.plainCanal(),
                    workload.plainCanal());
        }

        @Override
        String input(DecodeCase decodeCase) {
            String input = super.input(decodeCase);
            List<String> leftOut = decodeCase.leftOutForFlink();
            return leftOut.isEmpty() ? input : input + ", without " + String.join(", ", leftOut);
        }
    },

    TICDC_CANAL("ticdc-canal") {
        @Override
        RowDecoder open(DecodeCase decodeCase, Workload workload) throws Exception {
            return new CanalMessagesDecoder(
                    TiCdcCanalDeserializationSchema.builder(decodeCase.rowType())
                            .setCompression(compression(decodeCase))
                            .build(),
                    decodeCase.rowType(),
                    workload.canal(),
                    workload.plainCanal());
        }

        @Override
        String input(DecodeCase decodeCase) {
            return "canal-json" + compressionSuffix(decodeCase);
        }

        @Override
        long inputBytes(Workload workload) {
            return totalLength(workload.canal());
        }
    },

    /**
     * Our Open Protocol decoder on the same events. Not on the UPDATE case with only the changed
     * columns in the old row: TiCDC can write Open Protocol so, but the testing module's writer
     * cannot.
     */
    TICDC_OPEN_PROTOCOL("ticdc Open Protocol") {
        @Override
        RowDecoder open(DecodeCase decodeCase, Workload workload) {
            return new OpenProtocolRecordsDecoder(
                    TiCdcOpenProtocolDeserializer.builder(decodeCase.rowType())
                            .setCompression(compression(decodeCase))
                            .build(),
                    decodeCase.rowType(),
                    workload.openProtocol());
        }

        @Override
        String input(DecodeCase decodeCase) {
            return "Open Protocol, "
                    + OpenProtocolWriter.DEFAULT_MAX_BATCH_SIZE
                    + " events a record"
                    + compressionSuffix(decodeCase);
        }

        @Override
        long inputBytes(Workload workload) {
            long bytes = 0;
            for (OpenProtocolRecord record : workload.openProtocol()) {
                bytes += record.length();
            }
            return bytes;
        }

        @Override
        String notMeasuredBecause(DecodeCase decodeCase) {
            return decodeCase.onlyUpdatedColumns()
                    ? "the testing module's OpenProtocolWriter cannot write TiCDC's"
                            + " only-output-updated-columns"
                    : null;
        }
    },

    /** The ceiling the issue names: a Jackson streaming parse of the messages, no rows. */
    TOKEN_WALK("Jackson token walk") {
        @Override
        BenchDecoder open(DecodeCase decodeCase, Workload workload) {
            return new TokenWalk(workload.plainCanal());
        }
    },

    /** fastjson2's streaming reader on the same messages: a candidate JSON library. */
    FASTJSON2_WALK("fastjson2 token walk") {
        @Override
        BenchDecoder open(DecodeCase decodeCase, Workload workload) throws Exception {
            return checked(new Fastjson2Walk(workload.plainCanal()), workload, label());
        }
    },

    /** dsl-json's reader on the same messages: a candidate JSON library. */
    DSLJSON_WALK("dsl-json token walk") {
        @Override
        BenchDecoder open(DecodeCase decodeCase, Workload workload) throws Exception {
            return checked(new DslJsonWalk(workload.plainCanal()), workload, label());
        }
    },

    /** The format's own scanner walking the same messages, rows aside. */
    SCANNER_WALK("ticdc JsonScanner token walk") {
        @Override
        BenchDecoder open(DecodeCase decodeCase, Workload workload) throws Exception {
            return checked(new ScannerWalk(workload.plainCanal()), workload, label());
        }
    };

    private final String label;

    Decoder(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The decoder, opened, holding the inputs of one case. */
    abstract BenchDecoder open(DecodeCase decodeCase, Workload workload) throws Exception;

    /** What it reads in this case, for the table; the walks read the uncompressed messages. */
    String input(DecodeCase decodeCase) {
        return decodeCase.compression() == PayloadCompression.NONE
                ? "canal-json"
                : "canal-json, uncompressed";
    }

    /** The bytes it reads in one benchmark operation ({@link Workload#EVENTS} events). */
    long inputBytes(Workload workload) {
        return totalLength(workload.plainCanal());
    }

    /** A walk, once it is seen to read what the Jackson walk reads. */
    private static JsonWalk checked(JsonWalk walk, Workload workload, String label)
            throws java.io.IOException {
        new TokenWalk(workload.plainCanal()).checkSameReading(walk, label);
        return walk;
    }

    /** Why this decoder is not measured in this case; null when it is. */
    String notMeasuredBecause(DecodeCase decodeCase) {
        return null;
    }

    private static Compression compression(DecodeCase decodeCase) {
        return Compression.valueOf(decodeCase.compression().name());
    }

    private static String compressionSuffix(DecodeCase decodeCase) {
        return decodeCase.compression() == PayloadCompression.NONE
                ? ""
                : ", " + decodeCase.compression().name().toLowerCase(Locale.ROOT);
    }

    private static long totalLength(List<byte[]> messages) {
        long bytes = 0;
        for (byte[] message : messages) {
            bytes += message.length;
        }
        return bytes;
    }
}
