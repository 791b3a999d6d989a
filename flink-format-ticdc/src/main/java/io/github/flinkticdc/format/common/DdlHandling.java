package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;

/** What a TiCDC decoder does with a DDL event, which carries no row. */
@PublicEvolving
public enum DdlHandling {
    /** Consume it and count it in a metric. */
    SKIP,
    /** Fail the job, naming the DDL, so that a schema change stops the pipeline. */
    FAIL;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
