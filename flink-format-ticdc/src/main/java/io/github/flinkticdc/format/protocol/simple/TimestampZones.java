package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.MessageExcerpt;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
        LocalDateTime wallClock;
        try {
            wallClock = LocalDateTime.parse(value, WALL_CLOCK);
        } catch (DateTimeException e) {
            return value;
        }
        LocalDateTime moved;
        try {
            moved = wallClock.atZone(source).withZoneSameInstant(target).toLocalDateTime();
        } catch (DateTimeException e) {
            // The wall clock parses up to Java's last date, which the move can cross.
            throw new MalformedMessageException(
                    "TIMESTAMP value '"
                            + MessageExcerpt.truncate(value, 64)
                            + "' in '"
                            + MessageExcerpt.truncate(location, 64)
                            + "' is out of range in the reader's zone "
                            + target
                            + ": "
                            + e.getMessage());
        }
        int dot = value.indexOf('.');
        int fractionDigits = dot < 0 ? 0 : value.length() - dot - 1;
        return format(moved, fractionDigits);
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

    private static String format(LocalDateTime time, int fractionDigits) {
        StringBuilder text = new StringBuilder(19 + (fractionDigits > 0 ? fractionDigits + 1 : 0));
        text.append(time.toLocalDate()).append(' ');
        two(text, time.getHour()).append(':');
        two(text, time.getMinute()).append(':');
        two(text, time.getSecond());
        if (fractionDigits > 0) {
            String nanos = String.format("%09d", time.getNano());
            text.append('.').append(nanos, 0, Math.min(fractionDigits, 9));
        }
        return text.toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }
}
