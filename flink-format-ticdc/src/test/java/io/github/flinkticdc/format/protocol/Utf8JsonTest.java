package io.github.flinkticdc.format.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UTF-8 check agrees with the JDK's strict UTF-8 decoder (which refuses surrogates, overlong
 * forms and code points beyond U+10FFFF) on every short sequence and on random bytes, except that
 * it also refuses a zero byte among the first four, where a JSON parser guesses the encoding.
 */
class Utf8JsonTest {

    @Test
    void agreesWithTheJdkOnEverySequenceOfUpToThreeBytes() {
        byte[] bytes = new byte[3];
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : new int[] {0x20, 0x80, 0xBF, 0xC0}) {
                    bytes[0] = (byte) a;
                    bytes[1] = (byte) b;
                    bytes[2] = (byte) c;
                    assertAgrees(bytes, 0, 3);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkOnFourByteSequences() {
        byte[] bytes = new byte[4];
        for (int a = 0xF0; a < 0x100; a++) {
            for (int b = 0x70; b < 0xD0; b++) {
                bytes[0] = (byte) a;
                bytes[1] = (byte) b;
                bytes[2] = (byte) 0x80;
                bytes[3] = (byte) 0xBF;
                assertAgrees(bytes, 0, 4);
            }
        }
    }

    @Test
    void agreesWithTheJdkOnRandomMostlyAsciiBytesAtEveryAlignment() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int round = 0; round < 50_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] =
                        (byte)
                                (random.nextInt(10) < 8
                                        ? 0x20 + random.nextInt(0x5F)
                                        : random.nextInt(256));
            }
            int offset = random.nextInt(bytes.length);
            assertAgrees(bytes, offset, bytes.length - offset);
        }
    }

    @Test
    void findsTheFirstBadByteAndNamesIt() {
        byte[] bytes = "{\"a\":\"ok\u00e9 \uD83D\uDE00 \"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Json.firstInvalid(bytes, 0, bytes.length)).isEqualTo(-1);
        bytes[6] = 0;
        assertThat(Utf8Json.firstInvalid(bytes, 0, bytes.length))
                .as("a zero byte after the first four is the JSON parser's to refuse")
                .isEqualTo(-1);
        bytes[6] = 'o';
        bytes[3] = 0;
        assertThat(Utf8Json.firstInvalid(bytes, 0, bytes.length)).isEqualTo(3);
        assertThat(Utf8Json.describe(bytes, 0, bytes.length, 3))
                .isEqualTo("byte 3 is a zero byte, which JSON text never holds");
        byte[] surrogate = {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThat(Utf8Json.firstInvalid(surrogate, 0, 4)).isEqualTo(1);
        assertThat(Utf8Json.describe(surrogate, 0, 4, 1))
                .isEqualTo("byte 1 (bytes ed a0 80) is not valid UTF-8; TiCDC writes UTF-8 JSON");
    }

    private static void assertAgrees(byte[] bytes, int offset, int length) {
        boolean jdkValid = jdkDecodes(bytes, offset, length) && !hasZero(bytes, offset, length);
        assertThat(Utf8Json.firstInvalid(bytes, offset, length) < 0)
                .as("bytes %s", hex(bytes, offset, length))
                .isEqualTo(jdkValid);
    }

    private static boolean jdkDecodes(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A zero byte where a JSON parser looks for the encoding: the first four bytes. */
    private static boolean hasZero(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + Math.min(4, length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            hex.append(String.format("%02x ", bytes[i] & 0xFF));
        }
        return hex.toString();
    }
}
