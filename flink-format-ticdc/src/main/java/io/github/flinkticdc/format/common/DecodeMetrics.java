package io.github.flinkticdc.format.common;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the TiCDC messages a decoder consumes without emitting rows, so that nothing is dropped
 * unseen. Registered on the source's metric group.
 */
@PublicEvolving
public final class DecodeMetrics {

    /** Messages skipped under {@code ignore-parse-errors}. */
    public static final String PARSE_ERRORS_SKIPPED = "ticdcParseErrorsSkipped";

    /** DDL events consumed under {@code ddl = skip}. */
    public static final String DDL_EVENTS_SKIPPED = "ticdcDdlEventsSkipped";

    /** WATERMARK / resolved events consumed. */
    public static final String WATERMARK_EVENTS = "ticdcWatermarkEvents";

    /** Events of tables excluded by {@code database.include} / {@code table.include}. */
    public static final String EVENTS_FILTERED = "ticdcEventsFiltered";

    /** Empty or null record values (Kafka tombstones). */
    public static final String TOMBSTONES_SKIPPED = "ticdcTombstonesSkipped";

    /** Rows read under {@code checksum.verify} whose checksum could not be verified. */
    public static final String CHECKSUMS_UNVERIFIED = "ticdcChecksumsUnverified";

    private final Counter parseErrorsSkipped;
    private final Counter ddlEventsSkipped;
    private final Counter watermarkEvents;
    private final Counter eventsFiltered;
    private final Counter tombstonesSkipped;
    private final Counter checksumsUnverified;

    public DecodeMetrics(MetricGroup group) {
        parseErrorsSkipped = group.counter(PARSE_ERRORS_SKIPPED);
        ddlEventsSkipped = group.counter(DDL_EVENTS_SKIPPED);
        watermarkEvents = group.counter(WATERMARK_EVENTS);
        eventsFiltered = group.counter(EVENTS_FILTERED);
        tombstonesSkipped = group.counter(TOMBSTONES_SKIPPED);
        checksumsUnverified = group.counter(CHECKSUMS_UNVERIFIED);
    }

    public void parseErrorSkipped() {
        parseErrorsSkipped.inc();
    }

    public void ddlEventSkipped() {
        ddlEventsSkipped.inc();
    }

    public void watermarkEvent() {
        watermarkEvents.inc();
    }

    public void eventFiltered() {
        eventsFiltered.inc();
    }

    public void tombstoneSkipped() {
        tombstonesSkipped.inc();
    }

    public void checksumUnverified() {
        checksumsUnverified.inc();
    }
}
