package io.github.flinkticdc.format.convert;

import org.apache.flink.table.data.TimestampData;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ values as TiDB's temporal text ({@code YYYY-MM-DD},
 * {@code HH:MM:SS[.f]}, {@code YYYY-MM-DD HH:MM:SS[.f]}), with exactly as many fraction digits as
 * the declared precision, as TiCDC writes exactly a column's fsp digits. A precision above TiDB's 6
 * keeps its digits, so that nothing the Flink value holds is lost.
 */
final class TemporalRenderers {

    private static final int NANOS_PER_MILLI = 1_000_000;
    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    /** DATE from epoch days. */
    static final ValueRenderer DATE =
            value -> {
                StringBuilder out = new StringBuilder(10);
                appendDate(out, LocalDate.ofEpochDay((Integer) value));
                return out.toString();
            };

    private TemporalRenderers() {}

    /** TIME(p) from milliseconds of the day. */
    static ValueRenderer time(int precision) {
        return value -> {
            int millis = (Integer) value;
            StringBuilder out = new StringBuilder(8 + 1 + precision);
            appendTime(out, millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60);
            appendFraction(out, millis % 1000 * NANOS_PER_MILLI, precision);
            return out.toString();
        };
    }

    /** TIMESTAMP(p): the local date-time. */
    static ValueRenderer timestamp(int precision) {
        return value -> dateTime(((TimestampData) value).toLocalDateTime(), precision);
    }

    /** TIMESTAMP_LTZ(p): the wall-clock time of the instant in {@code zone}. */
    static ValueRenderer localZonedTimestamp(int precision, ZoneId zone) {
        return value ->
                dateTime(
                        LocalDateTime.ofInstant(((TimestampData) value).toInstant(), zone),
                        precision);
    }

    private static String dateTime(LocalDateTime dateTime, int precision) {
        StringBuilder out = new StringBuilder(19 + 1 + precision);
        appendDate(out, dateTime.toLocalDate());
        out.append(' ');
        appendTime(out, dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond());
        appendFraction(out, dateTime.getNano(), precision);
        return out.toString();
    }

    private static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException(
                    "the date "
                            + date
                            + " cannot be written: TiDB's dates range from year 0000 to 9999");
        }
        appendDigits(out, year, 4);
        out.append('-');
        appendDigits(out, date.getMonthValue(), 2);
        out.append('-');
        appendDigits(out, date.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder out, int hour, int minute, int second) {
        appendDigits(out, hour, 2);
        out.append(':');
        appendDigits(out, minute, 2);
        out.append(':');
        appendDigits(out, second, 2);
    }

    /** {@code .} and the first {@code precision} digits of the nanoseconds; nothing for 0. */
    private static void appendFraction(StringBuilder out, int nanos, int precision) {
        int digits = Math.min(precision, 9);
        if (digits > 0) {
            out.append('.');
            appendDigits(out, nanos / POWERS_OF_TEN[9 - digits], digits);
        }
    }

    private static void appendDigits(StringBuilder out, int value, int width) {
        for (int unit = POWERS_OF_TEN[width - 1]; unit > 0; unit /= 10) {
            out.append((char) ('0' + value / unit % 10));
        }
    }
}
