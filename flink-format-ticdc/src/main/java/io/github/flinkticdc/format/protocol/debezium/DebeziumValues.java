package io.github.flinkticdc.format.protocol.debezium;

import io.github.flinkticdc.format.protocol.Base64Text;
import io.github.flinkticdc.format.protocol.DeclaredType;
import io.github.flinkticdc.format.protocol.DeclaredType.Kind;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.ValueText;
import io.github.flinkticdc.format.protocol.WallClockText;
import io.github.flinkticdc.format.protocol.debezium.DebeziumField.Rule;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns TiCDC's Debezium values (spec §4.2; Debezium's MySQL mapping) into the canonical TiDB text
 * the value converters read, the same text canal-json and Open Protocol carry: epoch days and epoch
 * milli/microseconds become date and date-time text, a UTC instant the wall clock in the timestamp
 * zone, microseconds a TIME, base64 the bytes, BIT bytes and booleans their unsigned integer, ENUM
 * and SET labels their index and bitmask.
 *
 * <p>The rule comes from the embedded schema where there is one, else from the declared type, and
 * where neither tells a value apart the value is refused, never guessed (docs: ticdc-debezium).
 * Errors say what is wrong with the value; the reader adds the column.
 */
final class DebeziumValues {

    /**
     * A double keeps 15 significant decimal digits: a decimal of at most 15 digits is the shortest
     * text of the double nearest to it, which is what TiCDC writes, so it comes back exact.
     */
    static final int DOUBLE_DIGITS = 15;

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final long MILLIS_PER_SECOND = 1_000;
    private static final int MAX_NUMBER_CHARS = 200;
    private static final int MAX_SET_LABELS = 64;

    private final ZoneId timestampZone;
    private final StringBuilder text = new StringBuilder(32);
    private final ValueText value = new ValueText();

    DebeziumValues(ZoneId timestampZone) {
        this.timestampZone = timestampZone;
    }

    /**
     * The canonical text of the scalar the scanner stands on, or null for JSON null.
     *
     * @param field what the schema says of the column, or null without a schema
     * @param declared what the column is declared as, or null when unknown
     */
    CharSequence read(JsonScanner p, DebeziumField field, DeclaredType declared)
            throws MalformedMessageException {
        Token token = p.current();
        if (token == Token.NULL) {
            return null;
        }
        if (token == Token.TRUE || token == Token.FALSE) {
            // TiCDC writes only BIT(1) as a boolean; the other protocols give its integer.
            return token == Token.TRUE ? "1" : "0";
        }
        if (token != Token.STRING && token != Token.NUMBER) {
            throw new MalformedMessageException(
                    "holds " + ScannedFields.describe(token) + "; TiCDC writes a scalar or null");
        }
        Rule rule = field != null ? field.rule() : ruleWithoutSchema(token, declared);
        switch (rule) {
            case DATE:
                return date(integer(p, "a DATE as days since 1970-01-01"));
            case DATETIME_MILLIS:
                return dateTime(integer(p, "a DATETIME as epoch milliseconds"), false);
            case DATETIME_MICROS:
                return dateTime(integer(p, "a DATETIME as epoch microseconds"), true);
            case ZONED_TIMESTAMP:
                return zonedTimestamp(
                        string(p, "a TIMESTAMP as an ISO-8601 instant"),
                        declared != null && declared.kind() == Kind.TIMESTAMP_LTZ);
            case MICRO_TIME:
                return time(integer(p, "a TIME as microseconds"));
            case BOOLEAN_BIT:
                throw new MalformedMessageException(
                        "holds " + ScannedFields.describe(token) + "; a BIT(1) is a boolean");
            case BITS:
                return bits(string(p, "a BIT as base64 bytes"));
            case ENUM:
                return enumIndex(string(p, "an ENUM label"), field.type().elements());
            case SET:
                return setBitmask(string(p, "SET labels"), field.type().elements());
            case BINARY:
                return Base64Text.decode(string(p, "base64 bytes"), "value", true);
            case DECIMAL:
                return exactDecimal(p, declared, true);
            case FLOATING:
                return declared != null && declared.kind() == Kind.DECIMAL
                        ? exactDecimal(p, declared, false)
                        : p.text(value);
            case UNSIGNED_INTEGER:
                return unsigned(p);
            case STRING_UNKNOWN:
                return declared != null && declared.kind() == Kind.BYTES && token == Token.STRING
                        ? Base64Text.decode(p.text(value), "value", true)
                        : p.text(value);
            default:
                return p.text(value);
        }
    }

    /**
     * Without a schema, only what the declared type makes certain: a number for a DATE is epoch
     * days, for a TIME microseconds, a string for BYTES base64; a number for a TIMESTAMP is
     * DATETIME in milli- or microseconds, which only the schema tells apart, so it is refused.
     */
    private static Rule ruleWithoutSchema(Token token, DeclaredType declared)
            throws MalformedMessageException {
        if (declared == null) {
            return Rule.AS_WRITTEN;
        }
        boolean number = token == Token.NUMBER;
        switch (declared.kind()) {
            case DATE:
                return number ? Rule.DATE : Rule.AS_WRITTEN;
            case TIME:
                return number ? Rule.MICRO_TIME : Rule.AS_WRITTEN;
            case TIMESTAMP:
                if (number) {
                    throw new MalformedMessageException(
                            "is a number, which is a DATETIME in epoch milliseconds (fsp <= 3) or"
                                    + " microseconds (fsp > 3): only the embedded schema tells"
                                    + " which. Let TiCDC write it (debezium-disable-schema=false),"
                                    + " or declare the column BIGINT to read the number");
                }
                return Rule.ZONED_TIMESTAMP;
            case BYTES:
                return number ? Rule.AS_WRITTEN : Rule.BINARY;
            case DECIMAL:
                return number ? Rule.FLOATING : Rule.AS_WRITTEN;
            default:
                return Rule.AS_WRITTEN;
        }
    }

    // ------------------------------------------------------------------ temporal

    private CharSequence date(long epochDay) throws MalformedMessageException {
        LocalDate date;
        try {
            date = LocalDate.ofEpochDay(epochDay);
        } catch (DateTimeException e) {
            throw outOfRange(epochDay + " days since 1970-01-01");
        }
        requireTiDbYear(date.getYear(), epochDay);
        text.setLength(0);
        WallClockText.appendDate(text, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        return text;
    }

    private CharSequence dateTime(long epoch, boolean micros) throws MalformedMessageException {
        long perSecond = micros ? MICROS_PER_SECOND : MILLIS_PER_SECOND;
        long seconds = Math.floorDiv(epoch, perSecond);
        long fraction = Math.floorMod(epoch, perSecond);
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw outOfRange(epoch + (micros ? " microseconds" : " milliseconds") + " since 1970");
        }
        requireTiDbYear(t.getYear(), epoch);
        text.setLength(0);
        WallClockText.appendDateTime(text, t, 0);
        appendFraction(fraction, micros ? 6 : 3);
        return text;
    }

    /**
     * An instant ({@code 2023-11-30T12:34:56.1Z}) as the wall clock in the timestamp zone, or, for
     * a column read as an instant, as {@linkplain WallClockText#appendUtcInstant itself}: a wall
     * clock in a zone with daylight saving would make the instants of its repeated hour one.
     */
    private CharSequence zonedTimestamp(CharSequence iso, boolean asInstant)
            throws MalformedMessageException {
        String written = iso.toString();
        OffsetDateTime instant;
        try {
            instant = OffsetDateTime.parse(written);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(
                    "is not an ISO-8601 instant such as 2023-11-30T12:34:56.1Z, as TiCDC writes a"
                            + " TIMESTAMP");
        }
        LocalDateTime local;
        try {
            local =
                    instant.atZoneSameInstant(asInstant ? ZoneOffset.UTC : timestampZone)
                            .toLocalDateTime();
        } catch (DateTimeException e) {
            throw new MalformedMessageException(
                    "is an instant outside the dates of the reader's zone: " + e.getMessage());
        }
        requireTiDbYear(local.getYear(), written);
        text.setLength(0);
        int digits = WallClockText.fractionDigits(written);
        if (asInstant) {
            WallClockText.appendUtcInstant(text, local, digits);
        } else {
            WallClockText.appendDateTime(text, local, digits);
        }
        return text;
    }

    /** {@code [-]HH:MM:SS[.ffffff]}; hours beyond 23 stay (MySQL's TIME reaches 838 hours). */
    private CharSequence time(long micros) {
        text.setLength(0);
        if (micros < 0) {
            text.append('-');
        }
        // Math.abs of Long.MIN_VALUE stays negative: read it unsigned.
        long magnitude = micros < 0 ? -micros : micros;
        long seconds = Long.divideUnsigned(magnitude, MICROS_PER_SECOND);
        long hours = seconds / 3600;
        if (hours < 10) {
            text.append('0');
        }
        text.append(hours).append(':');
        WallClockText.appendTwoDigits(text, (int) (seconds / 60 % 60));
        text.append(':');
        WallClockText.appendTwoDigits(text, (int) (seconds % 60));
        appendFraction(Long.remainderUnsigned(magnitude, MICROS_PER_SECOND), 6);
        return text;
    }

    private static void requireTiDbYear(int year, Object written) throws MalformedMessageException {
        if (!WallClockText.isTiDbYear(year)) {
            throw outOfRange(written + " (year " + year + ")");
        }
    }

    /** A non-zero fraction as all {@code digits} of its unit; nothing for zero. */
    private void appendFraction(long fraction, int digits) {
        if (fraction == 0) {
            return;
        }
        String f = Long.toString(fraction);
        text.append('.');
        for (int i = f.length(); i < digits; i++) {
            text.append('0');
        }
        text.append(f);
    }

    private static MalformedMessageException outOfRange(String what) {
        return new MalformedMessageException("is " + what + ", outside TiDB's years 0000 to 9999");
    }

    // ------------------------------------------------------------------ BIT, ENUM, SET

    /** BIT(n) bytes, least significant first, as the unsigned integer the other protocols give. */
    private static String bits(CharSequence base64) throws MalformedMessageException {
        byte[] bytes = Base64Text.bytes(base64, "value");
        if (bytes.length > Long.BYTES) {
            throw new MalformedMessageException(
                    "holds " + bytes.length + " bytes; a BIT has at most 64 bits (8 bytes)");
        }
        long value = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return Long.toUnsignedString(value);
    }

    /** The 1-based index of the label; TiCDC writes an invalid value as "", index 0. */
    private static String enumIndex(CharSequence label, List<String> labels)
            throws MalformedMessageException {
        if (label.length() == 0) {
            return "0";
        }
        int index = labels.indexOf(label.toString());
        if (index < 0) {
            throw new MalformedMessageException(
                    "is not one of the ENUM's " + labels.size() + " labels in 'allowed'");
        }
        return Integer.toString(index + 1);
    }

    /** The bitmask of the labels: bit i for label i + 1. */
    private static String setBitmask(CharSequence joined, List<String> labels)
            throws MalformedMessageException {
        if (labels.size() > MAX_SET_LABELS) {
            throw new MalformedMessageException(
                    "belongs to a SET of "
                            + labels.size()
                            + " labels in 'allowed'; a SET has at most "
                            + MAX_SET_LABELS);
        }
        if (joined.length() == 0) {
            return "0";
        }
        long mask = 0;
        for (String label : joined.toString().split(",", -1)) {
            int index = labels.indexOf(label);
            if (index < 0) {
                throw new MalformedMessageException(
                        "names '" + label + "', not one of the SET's labels in 'allowed'");
            }
            mask |= 1L << index;
        }
        return Long.toUnsignedString(mask);
    }

    // ------------------------------------------------------------------ numbers

    /**
     * A DECIMAL that TiCDC wrote as a double, refused unless it is certainly exact: read into a
     * DECIMAL(p, s), with at most 15 digits before the point and s after it together. Fractions
     * beyond s and overflow of p are the DECIMAL converter's errors.
     *
     * @param tidbDecimal whether TiCDC's tidb_type says the column is a DECIMAL
     */
    private CharSequence exactDecimal(JsonScanner p, DeclaredType declared, boolean tidbDecimal)
            throws MalformedMessageException {
        if (p.current() != Token.NUMBER) {
            throw new MalformedMessageException(
                    "holds " + ScannedFields.describe(p.current()) + "; a DECIMAL is a number");
        }
        if (declared == null) {
            return p.text(value);
        }
        if (declared.kind() != Kind.DECIMAL) {
            throw new MalformedMessageException(
                    "is a DECIMAL, which TiCDC's debezium protocol writes as a double: read it"
                            + " only into a DECIMAL(p, s), which checks that the double kept it"
                            + " exactly (for money columns use canal-json, open-protocol or"
                            + " simple, which write DECIMAL exactly)");
        }
        CharSequence number = p.text(value);
        if (number.length() > MAX_NUMBER_CHARS) {
            throw new MalformedMessageException("is longer than any DECIMAL");
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("is a number out of the range of any DECIMAL");
        }
        long integerDigits = Math.max(0L, (long) decimal.precision() - decimal.scale());
        if (decimal.signum() != 0 && integerDigits + declared.scale() > DOUBLE_DIGITS) {
            throw new MalformedMessageException(
                    "is a DECIMAL that TiCDC wrote as a double"
                            + (tidbDecimal
                                    ? ""
                                    : " (or a DOUBLE: without tidb_type the schema"
                                            + " does not say)")
                            + ", which keeps "
                            + DOUBLE_DIGITS
                            + " significant digits; with "
                            + integerDigits
                            + " integer digits and scale "
                            + declared.scale()
                            + " it may have lost some, so it is not read (for money columns use"
                            + " canal-json, open-protocol or simple, which write DECIMAL exactly)");
        }
        return number;
    }

    /**
     * An UNSIGNED integer: TiCDC writes a BIGINT UNSIGNED above 2^63 - 1 wrapped to a negative
     * number, and its largest value as -1, so a negative one cannot be read back.
     */
    private CharSequence unsigned(JsonScanner p) throws MalformedMessageException {
        CharSequence number = p.text(value);
        if (p.current() == Token.NUMBER && number.length() > 0 && number.charAt(0) == '-') {
            throw new MalformedMessageException(
                    "is negative in an UNSIGNED column: TiCDC's debezium protocol writes a BIGINT"
                            + " UNSIGNED above 9223372036854775807 wrapped to a negative number"
                            + " (and 18446744073709551615 as -1), so the value is lost; read"
                            + " such columns with canal-json, open-protocol or simple");
        }
        return number;
    }

    private static long integer(JsonScanner p, String what) throws MalformedMessageException {
        if (p.current() != Token.NUMBER || !p.isIntegral() || !p.fitsLong()) {
            throw new MalformedMessageException(
                    "holds " + ScannedFields.describe(p.current()) + "; expected " + what);
        }
        return p.longValue();
    }

    private CharSequence string(JsonScanner p, String what) throws MalformedMessageException {
        if (p.current() != Token.STRING) {
            throw new MalformedMessageException(
                    "holds " + ScannedFields.describe(p.current()) + "; expected " + what);
        }
        return p.text(value);
    }
}
