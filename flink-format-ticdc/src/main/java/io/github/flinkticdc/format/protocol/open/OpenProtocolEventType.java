package io.github.flinkticdc.format.protocol.open;

/** The kind of an Open Protocol event, the {@code t} field of its key (spec §3.2). */
public enum OpenProtocolEventType {
    /** A row change; its value holds the row images. */
    ROW(1),
    /** A DDL statement; its value holds the query and TiDB's action type. */
    DDL(2),
    /** A resolved ts: the key's {@code ts} is the watermark, the value is empty. */
    RESOLVED(3);

    private final int code;

    OpenProtocolEventType(int code) {
        this.code = code;
    }

    /** The {@code t} value TiCDC writes for this kind. */
    public int code() {
        return code;
    }

    /** The kind written as {@code code}, or null for a code TiCDC does not define. */
    static OpenProtocolEventType ofCode(long code) {
        for (OpenProtocolEventType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
