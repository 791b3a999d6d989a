package io.github.flinkticdc.format.convert;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Reads TiDB's temporal text: {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM:SS[.f]} (DATETIME and
 * TIMESTAMP) and {@code [-]HH:MM:SS[.f]} (TIME). Hand-written because this runs for every temporal
 * value and the layouts are fixed.
 */
final class TemporalText {

    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private TemporalText() {}

    /** The date, or null for the zero date {@code 0000-00-00}. */
    static LocalDate parseDate(CharSequence text) throws ValueConversionException {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new ValueConversionException("not a date; expected YYYY-MM-DD");
        }
        return date(text);
    }

    /**
     * The date-time with its fraction cut to {@code precision} digits, or null for the zero value
     * {@code 0000-00-00 00:00:00}; the zero date with another time is an error.
     */
    static LocalDateTime parseDateTime(CharSequence text, int precision)
            throws ValueConversionException {
        if (text.length() < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            throw new ValueConversionException(
                    "not a date-time; expected YYYY-MM-DD HH:MM:SS[.fraction]");
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fractionNanos(text, 19, precision);
        LocalDate date = date(text);
        if (date == null) {
            if (hour != 0 || minute != 0 || second != 0 || fractionNanos(text, 19, 9) != 0) {
                throw new ValueConversionException(
                        "has the zero date with a time of day, which no TIMESTAMP can hold (only"
                                + " the whole zero value 0000-00-00 00:00:00 reads as NULL);"
                                + " declare the column as STRING to read it");
            }
            return null;
        }
        try {
            return LocalDateTime.of(
                    date.getYear(),
                    date.getMonthValue(),
                    date.getDayOfMonth(),
                    hour,
                    minute,
                    second,
                    nanos);
        } catch (DateTimeException e) {
            throw new ValueConversionException("not a valid date-time: " + e.getMessage());
        }
    }

    /** Milliseconds of the day; a TIME outside 00:00:00..23:59:59 does not fit Flink's TIME. */
    static int parseTimeOfDayMillis(CharSequence text, int precision)
            throws ValueConversionException {
        int firstColon = indexOf(text, ':');
        if (firstColon < 1
                || text.charAt(0) == '-'
                || text.length() < firstColon + 6
                || text.charAt(firstColon + 3) != ':') {
            throw outsideDay();
        }
        int hour = digits(text, 0, firstColon);
        int minute = digits(text, firstColon + 1, firstColon + 3);
        int second = digits(text, firstColon + 4, firstColon + 6);
        int nanos = fractionNanos(text, firstColon + 6, Math.min(precision, 3));
        if (hour > 23 || minute > 59 || second > 59) {
            throw outsideDay();
        }
        return ((hour * 60 + minute) * 60 + second) * 1000 + nanos / 1_000_000;
    }

    private static ValueConversionException outsideDay() {
        return new ValueConversionException(
                "not a time of day between 00:00:00 and 23:59:59 (MySQL TIME ranges from"
                        + " -838:59:59 to 838:59:59: declare the column as STRING to read all of"
                        + " it)");
    }

    private static LocalDate date(CharSequence text) throws ValueConversionException {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year == 0 && month == 0 && day == 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new ValueConversionException("not a valid date: " + e.getMessage());
        }
    }

    /** The fraction after {@code start} ({@code .f...} or nothing) in nanoseconds, truncated. */
    private static int fractionNanos(CharSequence text, int start, int precision)
            throws ValueConversionException {
        if (start == text.length()) {
            return 0;
        }
        if (text.charAt(start) != '.' || start + 1 == text.length()) {
            throw new ValueConversionException("unexpected text after the seconds");
        }
        int digits = text.length() - start - 1;
        if (digits > 9) {
            throw new ValueConversionException("more than 9 fractional digits");
        }
        int nanos = digits(text, start + 1, text.length()) * POWERS_OF_TEN[9 - digits];
        int unit = POWERS_OF_TEN[9 - Math.max(0, Math.min(precision, 9))];
        return nanos - nanos % unit;
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int digits(CharSequence text, int from, int to) throws ValueConversionException {
        if (to - from > 9 || from >= to) {
            throw new ValueConversionException("malformed temporal value");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ValueConversionException("malformed temporal value");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
