package io.github.flinkticdc.format.convert;

import org.apache.flink.table.data.TimestampData;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ from TiDB's temporal text. */
final class TemporalConverters {

    /** DATE as epoch days; the zero date {@code 0000-00-00} becomes NULL. */
    static final ValueConverter DATE =
            (text, type) -> {
                LocalDate date = TemporalText.parseDate(text);
                return date == null ? null : (int) date.toEpochDay();
            };

    private TemporalConverters() {}

    /** TIME(p) as milliseconds of the day; Flink's TIME holds no more than milliseconds. */
    static ValueConverter time(int precision) {
        return (text, type) -> TemporalText.parseTimeOfDayMillis(text, precision);
    }

    /** TIMESTAMP(p): the text as a local date-time, fraction kept up to p digits. */
    static ValueConverter timestamp(int precision) {
        return (text, type) -> {
            LocalDateTime dateTime = TemporalText.parseDateTime(text, precision);
            return dateTime == null ? null : TimestampData.fromLocalDateTime(dateTime);
        };
    }

    /** TIMESTAMP_LTZ(p): the text is a wall-clock time in {@code zone}. */
    static ValueConverter localZonedTimestamp(int precision, ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized instanceof ZoneOffset) {
            ZoneOffset offset = (ZoneOffset) normalized;
            return (text, type) -> {
                LocalDateTime dateTime = TemporalText.parseDateTime(text, precision);
                return dateTime == null ? null : instantAt(dateTime, offset);
            };
        }
        return (text, type) -> {
            LocalDateTime dateTime = TemporalText.parseDateTime(text, precision);
            return dateTime == null
                    ? null
                    : TimestampData.fromInstant(dateTime.atZone(zone).toInstant());
        };
    }

    private static TimestampData instantAt(LocalDateTime dateTime, ZoneOffset offset) {
        int nanos = dateTime.getNano();
        return TimestampData.fromEpochMillis(
                dateTime.toEpochSecond(offset) * 1000 + nanos / 1_000_000, nanos % 1_000_000);
    }
}
