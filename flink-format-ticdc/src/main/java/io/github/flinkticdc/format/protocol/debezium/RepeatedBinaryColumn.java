package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;

import java.nio.charset.StandardCharsets;

/**
 * Recognizes the second copy TiCDC's debezium encoder writes of a binary column whose value is a Go
 * string, which is what a NULL binary column with a string default holds there: it writes the
 * base64 of the bytes and then, lacking an {@code else}, the string itself, under the same name
 * (tiflow {@code pkg/sink/codec/debezium/codec.go}). That copy, right after the first and equal to
 * its bytes read as UTF-8, says nothing new and is passed over; any other repeated column is left
 * to the listener, which refuses it.
 */
final class RepeatedBinaryColumn {

    private int slot = -1;
    // The last binary value, one char per byte, as the value reader gave it: unchanged until it
    // reads the next value, which comes after the check for a second copy.
    private CharSequence latin1;

    /** Forgets the last column: a new row image starts. */
    void reset() {
        slot = -1;
        latin1 = null;
    }

    /**
     * Remembers the column just read.
     *
     * @param binary whether its value was base64 bytes
     * @param latin1Bytes those bytes, one char each (ISO-8859-1), or null for NULL
     */
    void read(int slot, boolean binary, CharSequence latin1Bytes) {
        if (binary && latin1Bytes != null) {
            this.slot = slot;
            latin1 = latin1Bytes;
        } else {
            reset();
        }
    }

    /** Whether the value {@code p} is at is TiCDC's second copy of the column just read. */
    boolean isSecondCopy(int slot, JsonScanner p) {
        return slot == this.slot
                && p.current() == Token.STRING
                && p.text().toString().equals(bytesAsUtf8());
    }

    private String bytesAsUtf8() {
        return new String(
                latin1.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
