package io.github.flinkticdc.format.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Strings written as Go's JSON encoder writes them, which TiCDC's messages are. */
class GoJsonStringsTest {

    @Test
    void escapesWhatGoEscapes() {
        assertThat(GoJsonStrings.quote("a\"b\\c\n\r\t<>&\u2028\u2029\u0001"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u003c\\u003e\\u0026\\u2028\\u2029\\u0001\"");
    }

    @Test
    void keepsSupplementaryCharactersAndReplacesUnpairedSurrogates() {
        assertThat(GoJsonStrings.quote("x\uD83D\uDE00y")).isEqualTo("\"x\uD83D\uDE00y\"");
        assertThat(GoJsonStrings.quote("\uD83Dy\uDE00")).isEqualTo("\"\uFFFDy\uFFFD\"");
        assertThat(GoJsonStrings.quote("end\uD83D")).isEqualTo("\"end\uFFFD\"");
    }
}
