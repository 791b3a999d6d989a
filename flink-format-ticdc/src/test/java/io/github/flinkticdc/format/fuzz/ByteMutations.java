package io.github.flinkticdc.format.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Structure-blind mutations of a byte array: bit flips, overwritten bytes, truncation, inserted,
 * deleted, duplicated and swapped ranges. They find the paths a format-aware mutation never takes
 * (broken framing, broken compression, JSON cut anywhere).
 */
final class ByteMutations {

    /** Bytes that change the meaning of JSON or framing more than a random byte does. */
    private static final byte[] INTERESTING = {
        0,
        (byte) 0xFF,
        (byte) 0x80,
        0x7F,
        '"',
        '\\',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '-',
        '0',
        '9',
        'e',
        ' ',
        '\n'
    };

    private ByteMutations() {}

    static Mutated apply(byte[] in, SplittableRandom r) {
        if (in.length == 0) {
            return new Mutated("insert-bytes", randomBytes(r, 1 + r.nextInt(16)));
        }
        switch (r.nextInt(8)) {
            case 0:
                {
                    byte[] out = in.clone();
                    int at = r.nextInt(out.length);
                    out[at] ^= (byte) (1 << r.nextInt(8));
                    return new Mutated("flip-bit@" + at, out);
                }
            case 1:
                {
                    byte[] out = in.clone();
                    int at = r.nextInt(out.length);
                    out[at] =
                            r.nextBoolean()
                                    ? INTERESTING[r.nextInt(INTERESTING.length)]
                                    : (byte) r.nextInt(256);
                    return new Mutated("overwrite-byte@" + at, out);
                }
            case 2:
                {
                    int at = r.nextInt(in.length);
                    return truncate(in, at);
                }
            case 3:
                {
                    int at = r.nextInt(in.length + 1);
                    byte[] insert = randomBytes(r, 1 + r.nextInt(16));
                    return new Mutated("insert-bytes@" + at, splice(in, at, at, insert));
                }
            case 4:
                {
                    int from = r.nextInt(in.length);
                    int to = Math.min(in.length, from + 1 + r.nextInt(32));
                    return new Mutated(
                            "delete-range@" + from + ".." + to, splice(in, from, to, new byte[0]));
                }
            case 5:
                {
                    int from = r.nextInt(in.length);
                    int to = Math.min(in.length, from + 1 + r.nextInt(64));
                    byte[] copy = Arrays.copyOfRange(in, from, to);
                    int at = r.nextInt(in.length + 1);
                    return new Mutated(
                            "duplicate-range@" + from + ".." + to + "->" + at,
                            splice(in, at, at, copy));
                }
            case 6:
                {
                    int len = 1 + r.nextInt(Math.max(1, Math.min(32, in.length / 2)));
                    if (2 * len > in.length) {
                        return truncate(in, r.nextInt(in.length));
                    }
                    int a = r.nextInt(in.length - 2 * len + 1);
                    int b = a + len + r.nextInt(in.length - a - 2 * len + 1);
                    byte[] out = in.clone();
                    System.arraycopy(in, a, out, b, len);
                    System.arraycopy(in, b, out, a, len);
                    return new Mutated("swap-ranges@" + a + "," + b + "+" + len, out);
                }
            default:
                {
                    byte[] out = in.clone();
                    int flips = 2 + r.nextInt(6);
                    for (int i = 0; i < flips; i++) {
                        out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                    }
                    return new Mutated("scatter-bytes", out);
                }
        }
    }

    static Mutated truncate(byte[] in, int at) {
        return new Mutated("truncate@" + at, Arrays.copyOf(in, at));
    }

    static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, from);
        out.write(insert, 0, insert.length);
        out.write(in, to, in.length - to);
        return out.toByteArray();
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] =
                    r.nextInt(3) == 0
                            ? INTERESTING[r.nextInt(INTERESTING.length)]
                            : (byte) r.nextInt(256);
        }
        return bytes;
    }
}
