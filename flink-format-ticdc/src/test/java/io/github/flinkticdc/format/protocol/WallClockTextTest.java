package io.github.flinkticdc.format.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WallClockTextTest {

    @ParameterizedTest
    @CsvSource({
        "0000-01-01T00:00:00, 0, 0000-01-01 00:00:00",
        "0007-03-04T05:06:07.000000001, 9, 0007-03-04 05:06:07.000000001",
        "2024-12-31T23:59:59.123456789, 3, 2024-12-31 23:59:59.123",
        "2024-12-31T23:59:59.1, 6, 2024-12-31 23:59:59.100000",
        "9999-12-31T23:59:59.999999, 12, 9999-12-31 23:59:59.999999000"
    })
    void aWallClockIsItsCanonicalText(String time, int digits, String text) {
        StringBuilder out = new StringBuilder("x");
        WallClockText.appendDateTime(out, LocalDateTime.parse(time), digits);

        assertThat(out).hasToString("x" + text);
    }

    @Test
    void yearsOutsideTiDbsAreRefused() {
        assertThat(WallClockText.isTiDbYear(0)).isTrue();
        assertThat(WallClockText.isTiDbYear(9999)).isTrue();
        assertThat(WallClockText.isTiDbYear(-1)).isFalse();
        assertThat(WallClockText.isTiDbYear(10_000)).isFalse();
        assertThatThrownBy(() -> WallClockText.appendDate(new StringBuilder(), 10_000, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");
    }

    @ParameterizedTest
    @CsvSource({
        "'2024-01-01 00:00:00', 0",
        "'2024-01-01 00:00:00.', 0",
        "'2024-01-01 00:00:00.12', 2",
        "'2024-01-01T00:00:00.123456Z', 6",
        "'12:00:00.5+08:00', 1"
    })
    void fractionDigitsAreTheDigitsAfterTheFirstDot(String text, int digits) {
        assertThat(WallClockText.fractionDigits(text)).isEqualTo(digits);
    }
}
