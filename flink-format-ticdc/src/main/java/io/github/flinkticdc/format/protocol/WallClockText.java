package io.github.flinkticdc.format.protocol;

import java.time.LocalDateTime;

/**
 * Writes dates and wall clocks as the canonical text the value converters read ({@code yyyy-MM-dd},
 * {@code yyyy-MM-dd HH:mm:ss[.fraction]}), for the protocols that carry them otherwise (epoch
 * numbers, ISO instants, a wall clock in another zone).
 */
public final class WallClockText {

    /** The mark after a UTC wall clock that makes it an instant (see {@link #appendUtcInstant}). */
    public static final char UTC_MARK = 'Z';

    private WallClockText() {}

    /** Whether {@code year} is one of TiDB's, 0000 to 9999: only those have the text above. */
    public static boolean isTiDbYear(int year) {
        return year >= 0 && year <= 9999;
    }

    /**
     * Appends {@code yyyy-MM-dd}.
     *
     * @throws IllegalArgumentException if the year is not {@linkplain #isTiDbYear one of TiDB's},
     *     which the caller checks first to say what held it
     */
    public static void appendDate(StringBuilder out, int year, int month, int day) {
        if (!isTiDbYear(year)) {
            throw new IllegalArgumentException("year " + year + " is outside 0000 to 9999");
        }
        out.append((char) ('0' + year / 1000))
                .append((char) ('0' + year / 100 % 10))
                .append((char) ('0' + year / 10 % 10))
                .append((char) ('0' + year % 10))
                .append('-');
        appendTwoDigits(out, month);
        out.append('-');
        appendTwoDigits(out, day);
    }

    /** Appends {@code HH:mm:ss}. */
    public static void appendClock(StringBuilder out, int hour, int minute, int second) {
        appendTwoDigits(out, hour);
        out.append(':');
        appendTwoDigits(out, minute);
        out.append(':');
        appendTwoDigits(out, second);
    }

    /**
     * Appends {@code yyyy-MM-dd HH:mm:ss}, and the first {@code fractionDigits} digits of its
     * nanoseconds after a dot when that is above 0 (at most 9).
     *
     * @throws IllegalArgumentException as {@link #appendDate}
     */
    public static void appendDateTime(StringBuilder out, LocalDateTime time, int fractionDigits) {
        appendDate(out, time.getYear(), time.getMonthValue(), time.getDayOfMonth());
        out.append(' ');
        appendClock(out, time.getHour(), time.getMinute(), time.getSecond());
        if (fractionDigits > 0) {
            out.append('.');
            int nanos = time.getNano();
            for (int i = 0, unit = 100_000_000; i < Math.min(fractionDigits, 9); i++, unit /= 10) {
                out.append((char) ('0' + nanos / unit % 10));
            }
        }
    }

    /**
     * Appends a UTC wall clock as {@link #appendDateTime} does, followed by {@value #UTC_MARK}: the
     * text of an exact instant, which the TIMESTAMP_LTZ converter reads in UTC whatever its zone.
     * Only readers that know a column is read as an instant write it.
     */
    public static void appendUtcInstant(StringBuilder out, LocalDateTime utc, int fractionDigits) {
        appendDateTime(out, utc, fractionDigits);
        out.append(UTC_MARK);
    }

    /** How many digits follow the first dot of {@code text}; 0 without a dot. */
    public static int fractionDigits(CharSequence text) {
        int dot = -1;
        for (int i = 0; i < text.length() && dot < 0; i++) {
            if (text.charAt(i) == '.') {
                dot = i;
            }
        }
        if (dot < 0) {
            return 0;
        }
        int end = dot + 1;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end - dot - 1;
    }

    /** Appends {@code value}, 0 to 99, as two digits. */
    public static void appendTwoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
