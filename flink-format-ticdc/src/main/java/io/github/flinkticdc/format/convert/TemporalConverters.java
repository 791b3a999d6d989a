package io.github.flinkticdc.format.convert;

import io.github.flinkticdc.format.protocol.WallClockText;

import org.apache.flink.table.data.TimestampData;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ from TiDB's temporal text. */
final class TemporalConverters {

    /** DATE as epoch days; the zero date {@code 0000-00-00} becomes NULL. */
    static final ValueConverter DATE = (text, type) -> TemporalText.parseEpochDay(text);

    private TemporalConverters() {}

    /** TIME(p) as milliseconds of the day; Flink's TIME holds no more than milliseconds. */
    static ValueConverter time(int precision) {
        return (text, type) -> TemporalText.parseTimeOfDayMillis(text, precision);
    }

    /** TIMESTAMP(p): the text as a local date-time, fraction kept up to p digits. */
    static ValueConverter timestamp(int precision) {
        return (text, type) -> TemporalText.parseTimestamp(text, precision, 0);
    }

    /**
     * TIMESTAMP_LTZ(p): the text is a wall-clock time in {@code zone}, or a UTC wall clock marked
     * as an instant ({@link WallClockText#appendUtcInstant}), which protocols that carry exact
     * instants give.
     */
    static ValueConverter localZonedTimestamp(int precision, ZoneId zone) {
        ValueConverter inZone = wallClockIn(precision, zone);
        return (text, type) -> {
            int last = text.length() - 1;
            return last > 0 && text.charAt(last) == WallClockText.UTC_MARK
                    ? TemporalText.parseTimestamp(text.subSequence(0, last), precision, 0)
                    : inZone.convert(text, type);
        };
    }

    private static ValueConverter wallClockIn(int precision, ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized instanceof ZoneOffset) {
            int offsetSeconds = ((ZoneOffset) normalized).getTotalSeconds();
            return (text, type) -> TemporalText.parseTimestamp(text, precision, offsetSeconds);
        }
        return (text, type) -> {
            TimestampData local = TemporalText.parseTimestamp(text, precision, 0);
            return local == null
                    ? null
                    : TimestampData.fromInstant(local.toLocalDateTime().atZone(zone).toInstant());
        };
    }
}
