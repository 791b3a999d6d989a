package io.github.flinkticdc.format.protocol;

/** What one decoded TiCDC event is, whatever the protocol: see {@link TiCdcRecordReader#next}. */
public enum EventType {
    /** A row change of a table: {@link TiCdcRecordReader#rowChange()}. */
    ROW_CHANGE,
    /**
     * TiCDC's progress in this Kafka partition (canal-json {@code TIDB_WATERMARK}, Open Protocol
     * resolved event): {@link TiCdcRecordReader#resolvedTs()}.
     */
    PROGRESS,
    /** A DDL statement: {@link TiCdcRecordReader#ddl()}. */
    DDL
}
