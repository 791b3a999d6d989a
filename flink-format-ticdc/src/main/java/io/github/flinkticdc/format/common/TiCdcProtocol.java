package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/**
 * The TiCDC protocol a topic holds: the value of the {@code protocol} parameter of the changefeed's
 * sink URI ({@code kafka://broker/topic?protocol=open-protocol}).
 */
@PublicEvolving
public enum TiCdcProtocol implements DescribedEnum {
    /** TiCDC's canal-json: one event per record value, the key is null. */
    CANAL_JSON(
            "canal-json",
            "TiCDC canal-json (one event per record value); use"
                    + " enable-tidb-extension=true for the commit TSO."),
    /** TiCDC's Open Protocol: a batch of events per record, half of each event in the key. */
    OPEN_PROTOCOL(
            "open-protocol",
            "TiCDC Open Protocol (batches of events; event keys in the record key).");

    private final String value;
    private final String description;

    TiCdcProtocol(String value, String description) {
        this.value = value;
        this.description = description;
    }

    /** The name TiCDC's sink URI and the {@code protocol} option use. */
    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
