package io.github.flinkticdc.format.protocol;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExpectedBytes} matches exactly its bytes, word by word or byte by byte near the end of the
 * input, for every length around the word size and every byte that may differ.
 */
class ExpectedBytesTest {

    @Test
    void matchesExactlyItsBytesAtAnyPlaceAndLength() {
        for (int length = 1; length <= 26; length++) {
            byte[] expected = new byte[length];
            for (int i = 0; i < length; i++) {
                expected[i] = (byte) ('a' + i);
            }
            ExpectedBytes bytes = ExpectedBytes.copyOf(expected, 0, length);
            for (int before = 0; before < 3; before++) {
                for (int after = 0; after < 10; after++) {
                    byte[] input = new byte[before + length + after];
                    Arrays.fill(input, (byte) 'z');
                    System.arraycopy(expected, 0, input, before, length);
                    assertThat(bytes.matchAt(input, before, input.length))
                            .as("length %d, %d after", length, after)
                            .isTrue();
                    assertThat(bytes.matchAt(input, before, before + length - 1))
                            .as("cut short")
                            .isFalse();
                    for (int differs = 0; differs < length; differs++) {
                        input[before + differs] ^= 0x20;
                        assertThat(bytes.matchAt(input, before, input.length))
                                .as("length %d, byte %d differs", length, differs)
                                .isFalse();
                        input[before + differs] ^= 0x20;
                    }
                }
            }
        }
    }
}
