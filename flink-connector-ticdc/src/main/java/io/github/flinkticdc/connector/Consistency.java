package io.github.flinkticdc.connector;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/** What the {@code ticdc} connector makes of TiCDC's at-least-once delivery. */
@PublicEvolving
public enum Consistency implements DescribedEnum {
    /**
     * Each committed row change once, in commit order per table, with TiCDC's resolved ts as the
     * watermark; rows wait for the next TiCDC watermark (about a second).
     */
    EXACTLY_ONCE(
            "exactly-once",
            "Each committed row change once, in commit order per table, with event time from"
                    + " TiCDC's resolved ts. Rows wait for TiCDC's next watermark (about a"
                    + " second). canal-json needs enable-tidb-extension=true."),
    /** The events as decoded: TiCDC's replays after a restart come through again. */
    AT_LEAST_ONCE(
            "at-least-once",
            "Rows as decoded, at once: TiCDC's replays after a restart come through again, and"
                    + " there are no watermarks.");

    private final String value;
    private final String description;

    Consistency(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
