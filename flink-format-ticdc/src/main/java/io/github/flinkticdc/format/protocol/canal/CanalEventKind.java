package io.github.flinkticdc.format.protocol.canal;

/** What one TiCDC canal-json message is (spec §2.1). */
public enum CanalEventKind {
    INSERT,
    UPDATE,
    DELETE,
    /** {@code isDdl: true}; the canal DDL type is in {@link CanalJsonMessage#type()}. */
    DDL,
    /** {@code TIDB_WATERMARK}: TiCDC's checkpoint, only with {@code enable-tidb-extension}. */
    WATERMARK;

    /** Whether the message carries a row image. */
    public boolean isRow() {
        return this == INSERT || this == UPDATE || this == DELETE;
    }
}
