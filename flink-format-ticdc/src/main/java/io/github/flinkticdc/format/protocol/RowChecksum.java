package io.github.flinkticdc.format.protocol;

import java.util.zip.CRC32;

/**
 * TiDB's row checksum, which TiCDC's integrity check ({@code integrity-check-level =
 * "correctness"}) writes with each row image: the CRC-32 (IEEE) of the row's column values, each
 * encoded by its TiDB type and fed in the table's column order. A consumer that recomputes it from
 * the values it read knows they are the values TiDB wrote.
 *
 * <p>The encodings, all little-endian: integers, YEAR, ENUM (its index), SET (its bitmask) and BIT
 * as 8 bytes of their 64-bit two's complement; FLOAT and DOUBLE as the 8 bytes of the double (NaN
 * and infinities as 0.0); strings, binary strings, DECIMAL, DATE, DATETIME, TIMESTAMP (in UTC),
 * TIME and JSON as a 4-byte length and the bytes of their text; VECTOR as a 4-byte element count
 * and 4 bytes per float; NULL and GEOMETRY as nothing. Not thread-safe: one per reader, {@link
 * #reset} before each row.
 */
public final class RowChecksum {

    private final CRC32 crc = new CRC32();
    private final byte[] scratch = new byte[8];

    /** Starts a new row. */
    public void reset() {
        crc.reset();
    }

    /** An integer, YEAR, ENUM, SET or BIT value: its 64 bits, signed or not. */
    public void addInt64(long bits) {
        putLong(bits);
        crc.update(scratch, 0, 8);
    }

    /** A FLOAT (widened, as TiDB does) or DOUBLE value. */
    public void addDouble(double value) {
        addInt64(
                Double.isNaN(value) || Double.isInfinite(value)
                        ? 0
                        : Double.doubleToLongBits(value));
    }

    /** A value hashed as its bytes: {@code length} bytes at {@code offset}, after their length. */
    public void addBytes(byte[] bytes, int offset, int length) {
        putInt(length);
        crc.update(scratch, 0, 4);
        crc.update(bytes, offset, length);
    }

    /** A VECTOR value: TiDB's serialized form, the element count and each float. */
    public void addVector(float[] elements, int count) {
        putInt(count);
        crc.update(scratch, 0, 4);
        for (int i = 0; i < count; i++) {
            putInt(Float.floatToIntBits(elements[i]));
            crc.update(scratch, 0, 4);
        }
    }

    /** The checksum of the values added since {@link #reset}, as TiCDC writes it (unsigned). */
    public long value() {
        return crc.getValue();
    }

    private void putInt(int value) {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
    }

    private void putLong(long value) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
    }
}
