package io.github.flinkticdc.connector.testutil;

import java.util.Random;
import java.util.function.Function;

/**
 * A column of the test shop: its TiDB type, the Flink type a user declares for it, a generator of
 * TiCDC's text for it and the Flink value that text must become.
 */
public final class ShopColumn {

    final String name;
    final String tidbType;
    final String flinkType;
    final boolean primaryKey;
    final Function<Random, String> text;
    final Function<String, Object> flinkValue;

    ShopColumn(
            String name,
            String tidbType,
            String flinkType,
            boolean primaryKey,
            Function<Random, String> text,
            Function<String, Object> flinkValue) {
        this.name = name;
        this.tidbType = tidbType;
        this.flinkType = flinkType;
        this.primaryKey = primaryKey;
        this.text = text;
        this.flinkValue = flinkValue;
    }

    public String name() {
        return name;
    }

    /** The Flink value of TiCDC's text; null stays null. */
    public Object flinkValue(String text) {
        return text == null ? null : flinkValue.apply(text);
    }
}
