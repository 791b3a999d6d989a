package io.github.flinkticdc.format.convert;

import org.apache.flink.table.data.TimestampData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TemporalText} counts days and seconds itself, without {@code java.time} objects: it must
 * give what {@code java.time} gives for every date of TiDB's years, and refuse what it refuses.
 */
class TemporalTextTest {

    @Test
    void countsEveryDayOfTidbsYearsAsJavaTimeDoes() throws Exception {
        LocalDate last = LocalDate.of(9999, 12, 31);
        for (LocalDate date = LocalDate.of(0, 1, 1); !date.isAfter(last); date = date.plusDays(1)) {
            assertThat(TemporalText.parseEpochDay(date.toString()))
                    .as("%s", date)
                    .isEqualTo((int) date.toEpochDay());
        }
    }

    @Test
    void readsDateTimesAsJavaTimeDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(20261201L);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime dateTime =
                    LocalDateTime.of(
                            random.nextInt(10_000),
                            1 + random.nextInt(12),
                            1 + random.nextInt(28),
                            random.nextInt(24),
                            random.nextInt(60),
                            random.nextInt(60),
                            random.nextInt(1_000_000_000));
            int offsetSeconds = random.nextInt(-18 * 3600, 18 * 3600 + 1);
            String text =
                    String.format(
                            "%04d-%02d-%02d %02d:%02d:%02d.%09d",
                            dateTime.getYear(),
                            dateTime.getMonthValue(),
                            dateTime.getDayOfMonth(),
                            dateTime.getHour(),
                            dateTime.getMinute(),
                            dateTime.getSecond(),
                            dateTime.getNano());
            assertThat(TemporalText.parseTimestamp(text, 9, 0))
                    .as(text)
                    .isEqualTo(TimestampData.fromLocalDateTime(dateTime));
            assertThat(TemporalText.parseTimestamp(text, 9, offsetSeconds))
                    .as("%s at %d s", text, offsetSeconds)
                    .isEqualTo(
                            TimestampData.fromInstant(
                                    dateTime.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-05-32"})
    void refusesDatesOutsideTheCalendarInJavaTimesWords(String date) {
        String javaTime = javaTimeError(date);
        assertThatThrownBy(() -> TemporalText.parseEpochDay(date))
                .isInstanceOf(ValueConversionException.class)
                .hasMessage("not a valid date: " + javaTime);
        assertThatThrownBy(() -> TemporalText.parseTimestamp(date + " 10:00:00", 6, 0))
                .isInstanceOf(ValueConversionException.class)
                .hasMessage("not a valid date: " + javaTime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29 24:00:00", "2024-02-29 23:60:00", "2024-02-29 23:59:60"})
    void refusesTimesOutsideTheDay(String dateTime) {
        assertThatThrownBy(() -> TemporalText.parseTimestamp(dateTime, 0, 0))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageStartingWith("not a valid date-time: Invalid value for");
    }

    @Test
    void cutsTheFractionToThePrecision() throws Exception {
        assertThat(TemporalText.parseTimestamp("2024-02-29 23:59:59.987654321", 3, 0))
                .isEqualTo(
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 987_000_000)));
        assertThat(TemporalText.parseTimestamp("2024-02-29 23:59:59.987654321", 0, 0))
                .isEqualTo(
                        TimestampData.fromLocalDateTime(LocalDateTime.of(2024, 2, 29, 23, 59, 59)));
    }

    private static String javaTimeError(String date) {
        try {
            LocalDate.parse(date);
        } catch (RuntimeException e) {
            String[] parts = date.split("-");
            try {
                LocalDate.of(
                        Integer.parseInt(parts[0]),
                        Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]));
            } catch (RuntimeException ofError) {
                return ofError.getMessage();
            }
        }
        throw new AssertionError(date + " is a date");
    }
}
