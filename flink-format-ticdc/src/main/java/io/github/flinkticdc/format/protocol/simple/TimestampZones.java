package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;
import io.github.flinkticdc.format.protocol.WallClockText;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Objects;

/**
 * Moves a simple-protocol TIMESTAMP value ({@code {"location": zone, "value": wall clock}}) into
 * the wall clock of the zone the consumer reads TIMESTAMP values in, so that the instant is exact
 * whatever zone the TiCDC server ran in. A location that names no zone ({@code Local}, which TiCDC
 * writes when it runs in the machine's zone) is taken to be the zone given for it, or, without one,
 * leaves the value as it is: it is then read in the consumer's zone, which must be the TiCDC
 * server's. A location that is no zone is an error.
 */
final class TimestampZones {

    private static final DateTimeFormatter WALL_CLOCK =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .toFormatter()
                    // Hostile text such as 2024-02-30 must be refused, not clamped to a real date.
                    .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId target;
    private final ZoneId local;
    private String lastLocation;
    private ZoneId lastZone;

    /** Into {@code target}; a value whose location names no zone is left as it is. */
    TimestampZones(ZoneId target) {
        this(target, null);
    }

    /**
     * Into {@code target}; a value whose location names no zone is taken to be in {@code local}
     * (left as it is when null).
     */
    TimestampZones(ZoneId target, ZoneId local) {
        this.target = Objects.requireNonNull(target);
        this.local = local;
    }

    /** The zone values are moved into. */
    ZoneId target() {
        return target;
    }

    /**
     * The wall clock in the target zone of {@code value} in {@code location}, with as many fraction
     * digits; {@code value} itself when the zones are the same, the location names no zone and no
     * local zone is given, or the value is no wall clock (such as TiDB's zero timestamp; the value
     * converter then says what is wrong with it).
     *
     * @throws MalformedMessageException if the location is no zone, or the value moved into the
     *     target zone is past the range of dates
     */
    String toTarget(String location, String value) throws MalformedMessageException {
        ZoneId source = zoneOf(location);
        if (source == null || source.equals(target)) {
            return value;
        }
        LocalDateTime wallClock = parse(value);
        if (wallClock == null) {
            return value;
        }
        LocalDateTime moved = move(wallClock, source, target, location, value);
        StringBuilder text = new StringBuilder(value.length());
        WallClockText.appendDateTime(text, moved, WallClockText.fractionDigits(value));
        return text.toString();
    }

    /** The wall clock {@code value} holds, or null when it holds none. */
    private static LocalDateTime parse(String value) {
        try {
            return LocalDateTime.parse(value, WALL_CLOCK);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code wallClock} in {@code from} as the wall clock in {@code to}, in TiDB's years. */
    private LocalDateTime move(
            LocalDateTime wallClock, ZoneId from, ZoneId to, String location, String value)
            throws MalformedMessageException {
        LocalDateTime moved;
        try {
            moved = wallClock.atZone(from).withZoneSameInstant(to).toLocalDateTime();
        } catch (DateTimeException e) {
            // The wall clock parses up to Java's last date, which the move can cross.
            throw outOfRange(location, value, e.getMessage());
        }
        if (!WallClockText.isTiDbYear(moved.getYear())) {
            throw outOfRange(location, value, "year " + moved.getYear());
        }
        return moved;
    }

    /**
     * The instant of {@code value} in {@code location} as {@linkplain
     * WallClockText#appendUtcInstant a UTC instant}, exact even where the consumer's zone repeats
     * an hour; {@code value} itself when the location names no zone (it is then read in the
     * consumer's zone, which must be the TiCDC server's) or the value is no wall clock.
     *
     * @throws MalformedMessageException as {@link #toTarget}
     */
    String toInstant(String location, String value) throws MalformedMessageException {
        ZoneId source = zoneOf(location);
        LocalDateTime wallClock = source == null ? null : parse(value);
        if (wallClock == null) {
            return value;
        }
        LocalDateTime utc = move(wallClock, source, ZoneOffset.UTC, location, value);
        StringBuilder text = new StringBuilder(value.length() + 1);
        WallClockText.appendUtcInstant(text, utc, WallClockText.fractionDigits(value));
        return text.toString();
    }

    private MalformedMessageException outOfRange(String location, String value, String why) {
        return new MalformedMessageException(
                "TIMESTAMP value '"
                        + MessageExcerpt.truncate(value, 64)
                        + "' in '"
                        + MessageExcerpt.truncate(location, 64)
                        + "' is out of range in the reader's zone "
                        + target
                        + ": "
                        + why);
    }

    private ZoneId zoneOf(String location) throws MalformedMessageException {
        if (location.equals(lastLocation)) {
            return lastZone;
        }
        ZoneId zone;
        if (location.isEmpty()
                || "Local".equalsIgnoreCase(location)
                || "System".equalsIgnoreCase(location)) {
            zone = local;
        } else {
            try {
                zone = ZoneId.of(location);
            } catch (DateTimeException e) {
                throw new MalformedMessageException(
                        "TIMESTAMP location '"
                                + MessageExcerpt.truncate(location, 64)
                                + "' is not a time zone: "
                                + e.getMessage());
            }
        }
        lastLocation = location;
        lastZone = zone;
        return zone;
    }
}
