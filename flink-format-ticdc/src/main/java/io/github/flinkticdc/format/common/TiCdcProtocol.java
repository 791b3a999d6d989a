package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.TiCdcRecordReader;
import io.github.flinkticdc.format.protocol.canal.CanalJsonMessage;
import io.github.flinkticdc.format.protocol.canal.CanalJsonRecordReader;
import io.github.flinkticdc.format.protocol.debezium.DebeziumRecordReader;
import io.github.flinkticdc.format.protocol.open.OpenProtocolRecordReader;
import io.github.flinkticdc.format.protocol.simple.SimpleRecordReader;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/**
 * The TiCDC protocol a topic holds: the value of the {@code protocol} parameter of the changefeed's
 * sink URI ({@code kafka://broker/topic?protocol=open-protocol}).
 *
 * <p>Each protocol is registered here, once: its name, what it can omit, and how to make its
 * reader. Everything else (rows, metadata, bad messages, DDLs, metrics) is the same for all.
 */
@PublicEvolving
public enum TiCdcProtocol implements DescribedEnum {
    /** TiCDC's canal-json: one event per record value, the key is null. */
    CANAL_JSON(
            "canal-json",
            "TiCDC canal-json (one event per record value); use"
                    + " enable-tidb-extension=true for the commit TSO.",
            false,
            settings ->
                    new CanalJsonRecordReader(
                            settings.options().compression(),
                            new CanalJsonMessage(
                                    settings.metadata().contains(TiCdcMetadata.PK_NAMES),
                                    settings.metadata().contains(TiCdcMetadata.SQL_TYPE),
                                    settings.metadata().contains(TiCdcMetadata.MYSQL_TYPE)),
                            settings.options().claimCheck().newClaimCheck())),
    /** TiCDC's Open Protocol: a batch of events per record, half of each event in the key. */
    OPEN_PROTOCOL(
            "open-protocol",
            "TiCDC Open Protocol (batches of events; event keys in the record key).",
            true,
            settings ->
                    new OpenProtocolRecordReader(
                            settings.options().compression(),
                            settings.options().claimCheck().newClaimCheck())),
    /** TiCDC's simple protocol (JSON): one message per record value, the key is null. */
    SIMPLE(
            "simple",
            "TiCDC simple protocol, JSON encoding (one message per record value; TiCDC 8.0+).",
            false,
            settings ->
                    new SimpleRecordReader(
                            settings.options().compression(),
                            settings.options().timestampZone(),
                            settings.options().claimCheck().newClaimCheck(),
                            settings.options().checksumVerify())),
    /**
     * TiCDC's debezium protocol (TiCDC 8.0 or later): one event per record value, the key holds the
     * handle-key columns and is not read.
     */
    DEBEZIUM(
            "debezium",
            "TiCDC's debezium protocol (TiCDC 8.0 or later; one event per record value); use"
                    + " enable-tidb-extension=true for watermarks and TiDB's column types.",
            false,
            settings ->
                    new DebeziumRecordReader(
                            settings.options().compression(), settings.options().timestampZone()));

    private final String value;
    private final String description;
    private final boolean canOmitOldImage;
    private final ReaderFactory readers;

    TiCdcProtocol(
            String value, String description, boolean canOmitOldImage, ReaderFactory readers) {
        this.value = value;
        this.description = description;
        this.canOmitOldImage = canOmitOldImage;
        this.readers = readers;
    }

    /**
     * Whether TiCDC can write this protocol's updates without the row before (Open Protocol's
     * {@code output-old-value=false}), so that a decoder of it has an upsert mode.
     */
    public boolean canOmitOldImage() {
        return canOmitOldImage;
    }

    /** A reader of this protocol's records, for one decoding thread. */
    TiCdcRecordReader newReader(DecoderSettings settings) {
        return readers.create(settings);
    }

    /** The name TiCDC's sink URI and the {@code protocol} option use. */
    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }

    /** Makes the reader of a protocol from a decoder's settings. */
    @FunctionalInterface
    private interface ReaderFactory {
        TiCdcRecordReader create(DecoderSettings settings);
    }
}
