package io.github.flinkticdc.format.protocol;

/**
 * What the readers of protocols with one JSON message per record value (canal-json, debezium) say
 * about a message that failed: its excerpt, and a hint when its bytes look like another
 * configuration's.
 */
public final class JsonValueMessages {

    private JsonValueMessages() {}

    /** The start of the message, decompressed when it could be. */
    public static String excerpt(byte[] value, boolean decompressed, PlainMessage plain) {
        return decompressed
                ? MessageExcerpt.of(plain.bytes(), plain.offset(), plain.length())
                : MessageExcerpt.of(value);
    }

    /**
     * Starting with a space: that LZ4 bytes need the compression option, or that zero bytes are an
     * Open Protocol record; empty when nothing is known.
     */
    public static String hint(Compression compression, byte[] value) {
        if (compression == Compression.NONE && Compression.looksLikeLz4Frame(value)) {
            return " (the message starts like an LZ4 frame: set 'compression' = 'lz4')";
        }
        if (value.length > 0 && value[0] == 0) {
            return " (an Open Protocol record starts with zero bytes: if the topic is written with"
                    + " TiCDC's protocol=open-protocol, read it with 'connector' = 'ticdc'"
                    + " and 'protocol' = 'open-protocol')";
        }
        return "";
    }
}
