package io.github.flinkticdc.format.protocol.open;

import io.github.flinkticdc.format.protocol.MalformedMessageException;

/**
 * Walks the batch framing of one Kafka record (spec §3.1): the key is an 8-byte version followed by
 * length-prefixed event keys, the value the same number of length-prefixed event values. Each event
 * is exposed as offsets into the record's own arrays, never copied.
 *
 * <p>{@link #reset} checks the framing of the whole record before the first event is handed out, so
 * a record is either framed correctly or refused as a whole, and every length is compared with the
 * bytes left before it is used: a corrupt or hostile length can neither allocate nor overflow.
 * Events are numbered from 0 in error messages.
 */
final class OpenProtocolFraming {

    static final long VERSION = 1;

    private static final int WORD = 8;
    private static final byte[] EMPTY = new byte[0];

    private byte[] key;
    private byte[] value;
    private int keyPosition;
    private int valuePosition;
    private int eventCount;
    private int index;

    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;

    /**
     * Starts on a record. A null value reads as an empty one: an empty batch has no value bytes.
     *
     * @throws MalformedMessageException if the framing is broken anywhere in the record
     */
    void reset(byte[] recordKey, byte[] recordValue) throws MalformedMessageException {
        key = EMPTY;
        value = EMPTY;
        eventCount = 0;
        index = -1;
        if (recordKey == null) {
            throw new MalformedMessageException(
                    "the record has no key; an Open Protocol record key holds the batch version and"
                            + " the event keys (is the topic written with protocol=open-protocol?)");
        }
        if (recordKey.length < WORD) {
            throw new MalformedMessageException(
                    "the record key has "
                            + recordKey.length
                            + " bytes, fewer than its 8-byte batch version");
        }
        long version = readWord(recordKey, 0);
        if (version != VERSION) {
            throw new MalformedMessageException(
                    "the record key starts with batch version "
                            + Long.toUnsignedString(version)
                            + " (bytes "
                            + hex(recordKey, 0, WORD)
                            + "); only version 1 exists (is the topic written with"
                            + " protocol=open-protocol?)");
        }
        byte[] checkedValue = recordValue == null ? EMPTY : recordValue;
        eventCount = check(recordKey, checkedValue);
        key = recordKey;
        value = checkedValue;
        keyPosition = WORD;
        valuePosition = 0;
    }

    /** Moves to the next event; false after the last. */
    boolean next() {
        if (index + 1 >= eventCount) {
            index = eventCount;
            return false;
        }
        index++;
        // reset() has checked every length, so the narrowing casts are safe.
        keyLength = (int) readWord(key, keyPosition);
        keyOffset = keyPosition + WORD;
        keyPosition = keyOffset + keyLength;
        valueLength = (int) readWord(value, valuePosition);
        valueOffset = valuePosition + WORD;
        valuePosition = valueOffset + valueLength;
        return true;
    }

    /** The current event's number, from 0. */
    int index() {
        return index;
    }

    byte[] key() {
        return key;
    }

    int keyOffset() {
        return keyOffset;
    }

    int keyLength() {
        return keyLength;
    }

    byte[] value() {
        return value;
    }

    int valueOffset() {
        return valueOffset;
    }

    int valueLength() {
        return valueLength;
    }

    /** Checks every length of the record; returns the number of events. */
    private static int check(byte[] key, byte[] value) throws MalformedMessageException {
        int keyPosition = WORD;
        int valuePosition = 0;
        int event = 0;
        while (keyPosition < key.length) {
            keyPosition = skipEntry(key, keyPosition, event, "key", "record key");
            if (valuePosition >= value.length) {
                throw new MalformedMessageException(
                        "event "
                                + event
                                + ": the record value ends after "
                                + event
                                + " event values, but the record key holds more event keys"
                                + " (key/value count mismatch)");
            }
            valuePosition = skipEntry(value, valuePosition, event, "value", "record value");
            event++;
        }
        if (valuePosition < value.length) {
            throw new MalformedMessageException(
                    "the record value has "
                            + (value.length - valuePosition)
                            + " bytes left after the "
                            + event
                            + " event values that match the "
                            + event
                            + " event keys (key/value count mismatch)");
        }
        return event;
    }

    /** Checks one length-prefixed entry starting at {@code position}; returns where it ends. */
    private static int skipEntry(byte[] bytes, int position, int event, String what, String where)
            throws MalformedMessageException {
        int left = bytes.length - position;
        if (left < WORD) {
            throw new MalformedMessageException(
                    "event "
                            + event
                            + ": the "
                            + where
                            + " ends "
                            + left
                            + " bytes into the 8-byte "
                            + what
                            + " length");
        }
        long length = readWord(bytes, position);
        left -= WORD;
        if (Long.compareUnsigned(length, left) > 0) {
            throw new MalformedMessageException(
                    "event "
                            + event
                            + ": "
                            + what
                            + " length "
                            + Long.toUnsignedString(length)
                            + " exceeds the "
                            + left
                            + " bytes left in the "
                            + where);
        }
        return position + WORD + (int) length;
    }

    /** An unsigned 64-bit big-endian integer, in a long's bits. */
    private static long readWord(byte[] bytes, int position) {
        long word = 0;
        for (int i = position; i < position + WORD; i++) {
            word = word << 8 | (bytes[i] & 0xFF);
        }
        return word;
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder hex = new StringBuilder(length * 3);
        for (int i = offset; i < offset + length; i++) {
            if (hex.length() > 0) {
                hex.append(' ');
            }
            hex.append(Character.forDigit(bytes[i] >> 4 & 0xF, 16))
                    .append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return hex.toString();
    }
}
