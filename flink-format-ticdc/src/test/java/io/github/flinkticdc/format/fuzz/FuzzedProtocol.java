package io.github.flinkticdc.format.fuzz;

import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.debezium.TiCdcDebeziumDeserializationSchema;
import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.format.simple.TiCdcSimpleDeserializationSchema;
import io.github.flinkticdc.testing.DecoderHarness;

import org.apache.flink.table.data.RowData;

import java.util.List;

/**
 * What the fuzz suite does differently per TiCDC protocol, kept in one place so that the runs, the
 * decode contract and the round trip are shared: the name in reports, how a decoder is built and
 * fed, and what a lenient decoder must count for an input the strict one refused.
 */
enum FuzzedProtocol {
    CANAL_JSON("canal-json", "message") {
        @Override
        DecoderHarness<Mutant> decoder(DecoderConfig config, boolean ignoreParseErrors)
                throws Exception {
            TiCdcCanalDeserializationSchema schema =
                    config.build(
                            TiCdcCanalDeserializationSchema.builder(config.rowType),
                            ignoreParseErrors);
            return new DecoderHarness<>(schema::open, (m, out) -> schema.deserialize(m.value, out));
        }

        @Override
        void checkLenientRefusal(
                Mutant m, long skipped, List<RowData> lenientRows, FailureReport failures) {
            checkOneSkipNoRows(m, skipped, lenientRows, failures);
        }
    },

    DEBEZIUM("debezium", "message") {
        @Override
        DecoderHarness<Mutant> decoder(DecoderConfig config, boolean ignoreParseErrors)
                throws Exception {
            TiCdcDebeziumDeserializationSchema schema =
                    config.build(
                            TiCdcDebeziumDeserializationSchema.builder(config.rowType),
                            ignoreParseErrors);
            return new DecoderHarness<>(schema::open, (m, out) -> schema.deserialize(m.value, out));
        }

        @Override
        void checkLenientRefusal(
                Mutant m, long skipped, List<RowData> lenientRows, FailureReport failures) {
            checkOneSkipNoRows(m, skipped, lenientRows, failures);
        }
    },

    OPEN_PROTOCOL("open-protocol", "record") {
        @Override
        DecoderHarness<Mutant> decoder(DecoderConfig config, boolean ignoreParseErrors)
                throws Exception {
            TiCdcOpenProtocolDeserializer deserializer =
                    config.build(
                            TiCdcOpenProtocolDeserializer.builder(config.rowType),
                            ignoreParseErrors);
            return new DecoderHarness<>(
                    deserializer::open, (m, out) -> deserializer.deserialize(m.key, m.value, out));
        }

        /**
         * One bad event of a record is skipped and the others are emitted, so a refused record is
         * at least one skip; its rows are not checked.
         */
        @Override
        void checkLenientRefusal(
                Mutant m, long skipped, List<RowData> lenientRows, FailureReport failures) {
            if (skipped < 1) {
                failures.add(
                        "open-protocol lenient decoder: nothing counted as skipped for a record the"
                                + " strict decoder refused",
                        m,
                        "lenient rows " + lenientRows);
            }
        }
    },

    /**
     * TiCDC leaves the simple protocol's record key null (spec §4.1), so a mutant's key holds the
     * schema message (a BOOTSTRAP) that reaches the decoder before the value, as a record of its
     * own: the rows are then read with their table's schema.
     */
    SIMPLE("simple", "message") {
        @Override
        DecoderHarness<Mutant> decoder(DecoderConfig config, boolean ignoreParseErrors)
                throws Exception {
            TiCdcSimpleDeserializationSchema schema =
                    config.build(
                            TiCdcSimpleDeserializationSchema.builder(config.rowType),
                            ignoreParseErrors);
            return new DecoderHarness<>(
                    schema::open,
                    (m, out) -> {
                        if (m.key != null) {
                            schema.deserialize(m.key, out);
                        }
                        schema.deserialize(m.value, out);
                    });
        }

        /**
         * A message alone is one skip and no rows; after a schema message, that one, the message or
         * both were skipped, and the message after a refused schema message emits its rows.
         */
        @Override
        void checkLenientRefusal(
                Mutant m, long skipped, List<RowData> lenientRows, FailureReport failures) {
            if (m.key == null) {
                checkOneSkipNoRows(m, skipped, lenientRows, failures);
            } else if (skipped < 1 || skipped > 2) {
                failures.add(
                        label
                                + " lenient decoder: skip counter grew by "
                                + skipped
                                + " (not 1 or 2) for a schema message and message the strict"
                                + " decoder refused",
                        m,
                        "skip counter +" + skipped + ", rows " + lenientRows);
            }
        }
    };

    /** The protocol's name in failure reports and summary lines. */
    final String label;

    /** What one input of the protocol is called in failure reports. */
    final String unit;

    FuzzedProtocol(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /**
     * A decoder of the protocol fed whole mutants, so that the contract and the round trip are
     * written once: canal-json reads the value only, Open Protocol the key and the value, the
     * simple protocol the schema message in the key and then the value.
     */
    abstract DecoderHarness<Mutant> decoder(DecoderConfig config, boolean ignoreParseErrors)
            throws Exception;

    /** A refused one-message record is one skip and no rows. */
    void checkOneSkipNoRows(
            Mutant m, long skipped, List<RowData> lenientRows, FailureReport failures) {
        if (skipped != 1 || !lenientRows.isEmpty()) {
            failures.add(
                    label
                            + " lenient decoder: skip counter grew by "
                            + skipped
                            + " (not 1) or rows were emitted for a message the strict decoder"
                            + " refused",
                    m,
                    "skip counter +" + skipped + ", rows " + lenientRows);
        }
    }

    /** Records a failure unless the lenient decoder handled a refused input as it must. */
    abstract void checkLenientRefusal(
            Mutant m, long skipped, List<RowData> lenientRows, FailureReport failures);
}
