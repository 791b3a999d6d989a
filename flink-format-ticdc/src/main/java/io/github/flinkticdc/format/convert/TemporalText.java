package io.github.flinkticdc.format.convert;

import org.apache.flink.table.data.TimestampData;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Reads TiDB's temporal text: {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM:SS[.f]} (DATETIME and
 * TIMESTAMP) and {@code [-]HH:MM:SS[.f]} (TIME). Hand-written because this runs for every temporal
 * value and the layouts are fixed.
 */
final class TemporalText {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long DAYS_PER_400_YEARS = 146_097;
    private static final long DAYS_0000_03_01_TO_1970_01_01 = 719_468;

    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private TemporalText() {}

    /**
     * The date as days since 1970-01-01, or null for a zero date: {@code 0000-00-00} or a date with
     * a zero month or day ({@code 2024-00-00}, {@code 2024-05-00}), which TiDB keeps unless its SQL
     * mode has {@code NO_ZERO_IN_DATE}, and which no calendar has.
     */
    static Integer parseEpochDay(CharSequence text) throws ValueConversionException {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new ValueConversionException("not a date; expected YYYY-MM-DD");
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (isZeroDate(month, day)) {
            return null;
        }
        return (int) epochDay(year, month, day);
    }

    /**
     * The date-time, read as a wall-clock time {@code offsetSeconds} ahead of UTC, with its
     * fraction cut to {@code precision} digits; null for a zero date ({@link #parseEpochDay}) at
     * {@code 00:00:00}, and a zero date with another time is an error. Computed from the fields,
     * without {@code java.time} objects: this runs for every DATETIME and TIMESTAMP value.
     */
    static TimestampData parseTimestamp(CharSequence text, int precision, int offsetSeconds)
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
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fractionNanos(text, 19, precision);
        if (isZeroDate(month, day)) {
            if (hour != 0 || minute != 0 || second != 0 || fractionNanos(text, 19, 9) != 0) {
                throw new ValueConversionException(
                        "has a zero date (a zero month or day) with a time of day, which no"
                                + " TIMESTAMP can hold (only a zero date at 00:00:00 reads as"
                                + " NULL); declare the column as STRING to read it");
            }
            return null;
        }
        long epochDay = epochDay(year, month, day);
        if (hour > 23 || minute > 59 || second > 59) {
            throw invalidDateTime(year, month, day, hour, minute, second);
        }
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
        return TimestampData.fromEpochMillis(
                (epochSecond - offsetSeconds) * 1000 + nanos / 1_000_000, nanos % 1_000_000);
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

    private static boolean isZeroDate(int month, int day) {
        return month == 0 || day == 0;
    }

    /**
     * Days since 1970-01-01 of a date of the proleptic Gregorian calendar, as {@code
     * LocalDate.toEpochDay} counts them (years here are 0 to 9999).
     */
    private static long epochDay(int year, int month, int day) throws ValueConversionException {
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            throw invalidDate(year, month, day);
        }
        // Counted from March, so that a leap day ends its year.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int monthFromMarch = month <= 2 ? month + 9 : month - 3;
        long dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * DAYS_PER_400_YEARS + dayOfEra - DAYS_0000_03_01_TO_1970_01_01;
    }

    private static int lengthOfMonth(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** The error for a date that is not in the calendar, in java.time's words. */
    private static ValueConversionException invalidDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            throw new IllegalStateException(year + "-" + month + "-" + day + " is a date");
        } catch (DateTimeException e) {
            return new ValueConversionException("not a valid date: " + e.getMessage());
        }
    }

    private static ValueConversionException invalidDateTime(
            int year, int month, int day, int hour, int minute, int second) {
        try {
            LocalDateTime.of(year, month, day, hour, minute, second);
            throw new IllegalStateException("a valid date-time");
        } catch (DateTimeException e) {
            return new ValueConversionException("not a valid date-time: " + e.getMessage());
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
