package io.github.flinkticdc.format.testutil;

/**
 * Lower-case hex of bytes, as the sample expectations write them ({@code java.util.HexFormat} is
 * Java 17+).
 */
public final class Hex {

    private Hex() {}

    public static String of(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16))
                    .append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
