package io.github.flinkticdc.format.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict, pull-style reader of one JSON document in UTF-8 bytes, made for the hot path of the
 * protocol readers: it hands out strings and numbers as ranges of the input, so that nothing is
 * allocated for a token the caller only compares, skips or converts from its bytes.
 *
 * <p>It accepts exactly RFC 8259 JSON, as Jackson does with its default features and the limits of
 * {@link JsonFields}: no comments, no trailing commas, no leading zeros, no NaN, control characters
 * only escaped, at most {@link JsonFields#MAX_NESTING_DEPTH} levels, numbers of at most {@link
 * JsonFields#MAX_NUMBER_LENGTH} characters, names of at most {@link JsonFields#MAX_NAME_LENGTH}
 * bytes. As with Jackson, more root values may follow the first; a reader that wants one refuses
 * the next token. Strings are checked to be UTF-8 as they are read ({@link Utf8Json}), so they
 * decode exactly.
 *
 * <p>Errors are {@link MalformedMessageException}s saying "not valid JSON at byte N: why", or
 * "exceeds a limit of the JSON reader: ..." for the limits. One instance per decoding thread,
 * reused for every message.
 */
public final class JsonScanner {

    /** What the scanner stands on. */
    public enum Token {
        START_OBJECT,
        END_OBJECT,
        START_ARRAY,
        END_ARRAY,
        FIELD_NAME,
        STRING,
        NUMBER,
        TRUE,
        FALSE,
        NULL
    }

    // What may come next, in the innermost container.
    private static final int ROOT = 0;
    private static final int OBJECT_FIRST = 1;
    private static final int OBJECT_NEXT = 2;
    private static final int AFTER_NAME = 3;
    private static final int ARRAY_FIRST = 4;
    private static final int ARRAY_NEXT = 5;
    private static final int AFTER_COLON = 6;

    private static final byte[] TRUE_BYTES = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE_BYTES = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL_BYTES = {'n', 'u', 'l', 'l'};

    private static final long TRUE_WORD = littleEndianWord(TRUE_BYTES);
    private static final long FALSE_WORD = littleEndianWord(FALSE_BYTES);
    private static final long NULL_WORD = littleEndianWord(NULL_BYTES);

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';

    /** The digits of {@code Long.MAX_VALUE}; {@code Long.MIN_VALUE} ends in 8. */
    private static final byte[] LONG_LIMIT =
            String.valueOf(Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int offset;
    private int pos;
    private int end;

    /** Per open container, true for an object. */
    private final boolean[] inObject = new boolean[JsonFields.MAX_NESTING_DEPTH + 1];

    private int depth;
    private int state;

    private Token token;
    private int tokenStart;
    private int textStart;
    private int textEnd;
    private boolean escaped;
    private boolean ascii;
    private boolean integral;

    /**
     * Starts on the {@code length} bytes at {@code offset}.
     *
     * @throws MalformedMessageException if they are not UTF-8 as JSON may hold it
     */
    public void reset(byte[] bytes, int offset, int length) throws MalformedMessageException {
        // The rest of the UTF-8 is checked where it can be: in strings (anywhere else a byte
        // above ASCII is not JSON anyway).
        int invalid = Utf8Json.zeroInEncodingBytes(bytes, offset, length);
        if (invalid >= 0) {
            throw new MalformedMessageException(
                    "not valid JSON: " + Utf8Json.describe(bytes, offset, length, invalid));
        }
        this.bytes = bytes;
        this.offset = offset;
        // A UTF-8 byte order mark says nothing JSON needs; JSON parsers pass over it.
        this.pos = startsWithByteOrderMark(bytes, offset, length) ? offset + 3 : offset;
        this.end = offset + length;
        this.depth = 0;
        this.state = ROOT;
        this.token = null;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes, int offset, int length) {
        return length >= 3
                && bytes[offset] == (byte) 0xEF
                && bytes[offset + 1] == (byte) 0xBB
                && bytes[offset + 2] == (byte) 0xBF;
    }

    /** Moves to the next token; null at the end of the input, after a complete root value. */
    public Token next() throws MalformedMessageException {
        int c = skipWhitespace();
        switch (state) {
            case OBJECT_FIRST:
                if (c == '}') {
                    return closeContainer(Token.END_OBJECT);
                }
                return fieldName(c);
            case OBJECT_NEXT:
                if (c == '}') {
                    return closeContainer(Token.END_OBJECT);
                }
                if (c != ',') {
                    throw unexpected(c, "was expecting a comma or '}' in an object");
                }
                pos++;
                return fieldName(skipWhitespace());
            case AFTER_COLON:
                state = OBJECT_NEXT;
                return value(c);
            case AFTER_NAME:
                if (c != ':') {
                    throw unexpected(c, "was expecting a colon after a field name");
                }
                pos++;
                state = OBJECT_NEXT;
                return value(skipWhitespace());
            case ARRAY_FIRST:
                if (c == ']') {
                    return closeContainer(Token.END_ARRAY);
                }
                state = ARRAY_NEXT;
                return value(c);
            case ARRAY_NEXT:
                if (c == ']') {
                    return closeContainer(Token.END_ARRAY);
                }
                if (c != ',') {
                    throw unexpected(c, "was expecting a comma or ']' in an array");
                }
                pos++;
                return value(skipWhitespace());
            default:
                if (c < 0) {
                    return token = null;
                }
                return value(c);
        }
    }

    /**
     * Moves onto the next field name when it and its colon are exactly {@code name}, as {@link
     * ExpectedBytes#fieldName} makes it, so that a name the caller expects costs one comparison;
     * the next {@link #next} reads its value. Anything else, whitespace included, leaves the
     * scanner where it stands, for {@link #next} to read.
     *
     * @return whether the scanner moved; if so, it stands on the name as {@link #next} would
     */
    public boolean nextNameIs(ExpectedBytes name) {
        int at = pos;
        if (state == OBJECT_NEXT) {
            if (at >= end || bytes[at] != ',') {
                return false;
            }
            at++;
        } else if (state != OBJECT_FIRST) {
            return false;
        }
        if (!name.matchAt(bytes, at, end)) {
            return false;
        }
        // The name's bytes were checked when it was made: printable ASCII, no escapes.
        int length = name.length();
        textStart = at + 1;
        textEnd = at + length - 2;
        escaped = false;
        ascii = true;
        pos = at + length;
        state = AFTER_COLON;
        token = Token.FIELD_NAME;
        return true;
    }

    /** The token {@link #next} last returned. */
    public Token current() {
        return token;
    }

    /**
     * Skips the rest of the container the scanner stands at the start of, so that it stands on its
     * end; any other token is skipped by standing on it.
     */
    public void skipChildren() throws MalformedMessageException {
        if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
            return;
        }
        int inside = depth - 1;
        while (depth > inside) {
            if (next() == null) {
                throw endOfInput("in a value");
            }
        }
    }

    /**
     * Skips the container the scanner stands at the start of at once when its bytes are exactly
     * {@code previous}: a container read, and so checked, before, which the same bytes read the
     * same way again. TiCDC repeats a table's type maps in every message.
     *
     * @return whether it skipped; if so, the scanner stands on the container's end
     */
    public boolean skipIfRepeated(byte[] previous) {
        if (previous == null || (token != Token.START_OBJECT && token != Token.START_ARRAY)) {
            return false;
        }
        int length = previous.length;
        if (end - tokenStart < length
                || !Arrays.equals(bytes, tokenStart, tokenStart + length, previous, 0, length)) {
            return false;
        }
        // Onto the container's last byte, which closes it.
        closeContainerAt(tokenStart + length - 1);
        return true;
    }

    /** The end (exclusive) of the input. */
    int inputEnd() {
        return end;
    }

    /** How many containers are open. */
    int depth() {
        return depth;
    }

    /**
     * Moves to {@code position}, which must be where a value of the innermost open container ends
     * in input that holds, from the start of that container to {@code position}, bytes read and
     * checked before at the same depth: {@link RepeatedValue} passes over such bytes.
     */
    void resumeAfterValueAt(int position) {
        pos = position;
        state = inObject[depth - 1] ? OBJECT_NEXT : ARRAY_NEXT;
    }

    /**
     * Stands on the end of the innermost open container, whose closing bracket is at {@code
     * position}, after bytes read and checked before; see {@link #resumeAfterValueAt}.
     */
    void closeContainerAt(int position) {
        pos = position;
        closeContainer(inObject[depth - 1] ? Token.END_OBJECT : Token.END_ARRAY);
    }

    /**
     * Moves past the start of the object the scanner stands at the start of when its bytes begin
     * with {@code prefix}: bytes this scanner read and checked before from the start of an object
     * at the same depth, holding only field names and scalar values, up to where a field's value
     * starts (after its colon). The next {@link #next} reads that value. TiCDC's Open Protocol
     * starts each column's object with the same type and flags in every message.
     *
     * @return whether the scanner moved
     */
    public boolean skipObjectPrefix(ExpectedBytes prefix) {
        if (token != Token.START_OBJECT
                || state != OBJECT_FIRST
                || !prefix.matchAt(bytes, tokenStart, end)) {
            return false;
        }
        pos = tokenStart + prefix.length();
        state = AFTER_COLON;
        return true;
    }

    /** A copy of the input from {@code start} up to where the scanner stands. */
    public byte[] copyFrom(int start) {
        return Arrays.copyOfRange(bytes, start, pos);
    }

    /** Where the current token starts in the input. */
    public int tokenStart() {
        return tokenStart;
    }

    /** Where the scanner stands: after the current token. */
    public int position() {
        return pos;
    }

    /** The start of the current string's or name's content, or of the current number. */
    public int textStart() {
        return textStart;
    }

    /** The end (exclusive) of the current string's or name's content, or of the number. */
    public int textEnd() {
        return textEnd;
    }

    /** Whether the current string or name holds escapes. */
    public boolean isEscaped() {
        return escaped;
    }

    /** Whether the current string or name is ASCII without escapes; numbers always are. */
    public boolean isAscii() {
        return ascii;
    }

    /** The input the ranges refer to. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether the current number has neither a fraction nor an exponent. */
    public boolean isIntegral() {
        return integral;
    }

    /** The current string, name or number as text; for literals their JSON spelling. */
    public String text() {
        switch (token) {
            case FIELD_NAME:
            case STRING:
                return JsonStrings.decode(bytes, textStart, textEnd);
            case NUMBER:
                return new String(
                        bytes, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1);
            case TRUE:
                return "true";
            case FALSE:
                return "false";
            case NULL:
                return "null";
            default:
                return null;
        }
    }

    /** Points {@code into} at the current string or number. */
    public ValueText text(ValueText into) {
        return into.setJson(bytes, textStart, textEnd, escaped, ascii);
    }

    /** Whether the current string or name is exactly the ASCII {@code name}, without escapes. */
    public boolean textIs(byte[] name) {
        int length = textEnd - textStart;
        if (length != name.length || escaped) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[textStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The current number as a long; only when {@link #fitsLong}. */
    public long longValue() {
        int i = textStart;
        boolean negative = bytes[i] == '-';
        if (negative) {
            i++;
        }
        // Accumulated negatively, so that Long.MIN_VALUE has room.
        long value = 0;
        for (; i < textEnd; i++) {
            value = value * 10 - (bytes[i] - '0');
        }
        return negative ? value : -value;
    }

    /** Whether the current number is integral and within a long. */
    public boolean fitsLong() {
        if (!integral) {
            return false;
        }
        boolean negative = bytes[textStart] == '-';
        int digitsStart = negative ? textStart + 1 : textStart;
        int digits = textEnd - digitsStart;
        if (digits != LONG_LIMIT.length) {
            return digits < LONG_LIMIT.length;
        }
        for (int i = 0; i < digits; i++) {
            int limit = LONG_LIMIT[i] + (negative && i == digits - 1 ? 1 : 0);
            int digit = bytes[digitsStart + i];
            if (digit != limit) {
                return digit < limit;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ tokens

    private Token fieldName(int c) throws MalformedMessageException {
        if (c != '"') {
            throw unexpected(c, "was expecting a double-quoted field name");
        }
        scanString();
        if (textEnd - textStart > JsonFields.MAX_NAME_LENGTH) {
            throw limit(
                    "Name length "
                            + (textEnd - textStart)
                            + " bytes is above the limit of "
                            + JsonFields.MAX_NAME_LENGTH);
        }
        state = AFTER_NAME;
        return token = Token.FIELD_NAME;
    }

    private Token value(int c) throws MalformedMessageException {
        tokenStart = pos;
        switch (c) {
            case '"':
                scanString();
                return token = Token.STRING;
            case '{':
                openContainer(true);
                return token = Token.START_OBJECT;
            case '[':
                openContainer(false);
                return token = Token.START_ARRAY;
            case 't':
                return literal(TRUE_BYTES, TRUE_WORD, Token.TRUE);
            case 'f':
                return literal(FALSE_BYTES, FALSE_WORD, Token.FALSE);
            case 'n':
                return literal(NULL_BYTES, NULL_WORD, Token.NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                if (c < 0) {
                    throw endOfInput(depth == 0 ? "before a value" : "in a value");
                }
                if (isWordByte((byte) c)) {
                    throw unrecognizedToken();
                }
                throw unexpected(c, "was expecting a value");
        }
    }

    private void openContainer(boolean object) throws MalformedMessageException {
        if (depth == JsonFields.MAX_NESTING_DEPTH) {
            throw limit(
                    "Document nesting depth "
                            + (depth + 1)
                            + " is above the limit of "
                            + JsonFields.MAX_NESTING_DEPTH);
        }
        inObject[depth++] = object;
        pos++;
        state = object ? OBJECT_FIRST : ARRAY_FIRST;
    }

    private Token closeContainer(Token close) {
        tokenStart = pos;
        pos++;
        depth--;
        state = depth == 0 ? ROOT : inObject[depth - 1] ? OBJECT_NEXT : ARRAY_NEXT;
        return token = close;
    }

    private Token literal(byte[] spelling, long word, Token literal)
            throws MalformedMessageException {
        int length = spelling.length;
        // Eight bytes at once when there are: the literal and what follows it up to eight bytes.
        boolean spelled =
                end - pos >= Long.BYTES
                        ? (((long) LONGS.get(bytes, pos) ^ word) & maskOf(length)) == 0
                        : Arrays.equals(
                                bytes, pos, Math.min(end, pos + length), spelling, 0, length);
        if (!spelled || (pos + length < end && isWordByte(bytes[pos + length]))) {
            throw unrecognizedToken();
        }
        pos += spelling.length;
        textStart = tokenStart;
        textEnd = pos;
        return token = literal;
    }

    private static long maskOf(int length) {
        return (1L << (8 * length)) - 1;
    }

    /** The little-endian word of a literal's spelling, as {@link #LONGS} loads it. */
    private static long littleEndianWord(byte[] spelling) {
        long word = 0;
        for (int i = 0; i < spelling.length; i++) {
            word |= (spelling[i] & 0xFFL) << (8 * i);
        }
        return word;
    }

    /** Reads {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Token number() throws MalformedMessageException {
        int i = pos;
        if (bytes[i] == '-') {
            i++;
        }
        int digitsStart = i;
        i = digits(i);
        if (i == digitsStart) {
            throw invalidNumber(i, "a minus sign must be followed by a digit");
        }
        if (bytes[digitsStart] == '0' && i - digitsStart > 1) {
            throw invalidNumber(digitsStart, "leading zeros are not allowed");
        }
        integral = true;
        if (i < end && bytes[i] == '.') {
            integral = false;
            int fraction = ++i;
            i = digits(i);
            if (i == fraction) {
                throw invalidNumber(i, "a decimal point must be followed by a digit");
            }
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            integral = false;
            i++;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            int exponent = i;
            i = digits(i);
            if (i == exponent) {
                throw invalidNumber(i, "an exponent must have a digit");
            }
        }
        if (i - pos > JsonFields.MAX_NUMBER_LENGTH) {
            throw limit(
                    "Number value length "
                            + (i - pos)
                            + " is above the limit of "
                            + JsonFields.MAX_NUMBER_LENGTH);
        }
        if (i < end && isWordByte(bytes[i])) {
            throw invalidNumber(i, "a number must not run into letters or digits");
        }
        if (depth == 0 && i < end && !isWhitespace(bytes[i])) {
            // A root-level number would otherwise run into the next root value unnoticed.
            throw invalid(i, "a number at the root must be followed by whitespace");
        }
        textStart = pos;
        textEnd = i;
        escaped = false;
        ascii = true;
        pos = i;
        return token = Token.NUMBER;
    }

    private int digits(int i) {
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        return i;
    }

    /** Reads a string whose opening quote is at {@code pos}; leaves {@code pos} after it. */
    private void scanString() throws MalformedMessageException {
        int i = pos + 1;
        textStart = i;
        boolean sawEscape = false;
        int highBits = 0;
        // Eight plain bytes at a time: most of a TiCDC message is string content.
        int wordLimit = end - Long.BYTES;
        while (true) {
            while (i <= wordLimit) {
                long special = specialBytes((long) LONGS.get(bytes, i));
                if (special != 0) {
                    // The lowest flag is exact (only flags above a true one can be false).
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= end) {
                pos = i;
                throw endOfInput("in a string");
            }
            int b = bytes[i];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                sawEscape = true;
                i = escape(i);
                continue;
            }
            if (b >= 0 && b < 0x20) {
                throw invalid(
                        i,
                        "the control character U+00"
                                + Character.forDigit(b >> 4, 16)
                                + Character.forDigit(b & 0xF, 16)
                                + " must be escaped in a string");
            }
            if (b < 0) {
                highBits = 1;
                i = utf8Character(i);
                continue;
            }
            i++;
        }
        textEnd = i;
        escaped = sawEscape;
        ascii = !sawEscape && highBits == 0;
        pos = i + 1;
    }

    /**
     * The high bits of the bytes (little-endian) that may be a quote, a backslash, a control
     * character or a byte above ASCII (whose UTF-8 is to be checked): zero when there is none, and
     * the lowest bit set is such a byte.
     */
    private static long specialBytes(long word) {
        long quotes = word ^ QUOTES;
        long backslashes = word ^ BACKSLASHES;
        long special =
                ((quotes - ONES) & ~quotes)
                        | ((backslashes - ONES) & ~backslashes)
                        | ((word - SPACES) & ~word)
                        | word;
        return special & HIGH_BITS;
    }

    /** Where the UTF-8 character at {@code i} ends; refuses one that is not valid. */
    private int utf8Character(int i) throws MalformedMessageException {
        int next = Utf8Json.nextCharacter(bytes, i, end);
        if (next < 0) {
            throw notUtf8(i);
        }
        return next;
    }

    /** Checks the escape at {@code i}; returns where the string goes on. */
    private int escape(int i) throws MalformedMessageException {
        if (i + 1 >= end) {
            pos = end;
            throw endOfInput("in a string");
        }
        switch (bytes[i + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                return i + 2;
            case 'u':
                if (i + 6 > end) {
                    pos = end;
                    throw endOfInput("in a string");
                }
                if (JsonStrings.hex4(bytes, i + 2) < 0) {
                    throw invalid(i, "a \\u escape must have four hex digits");
                }
                return i + 6;
            default:
                throw invalid(i, "'\\" + printable(bytes[i + 1]) + "' is not a JSON escape");
        }
    }

    /** The next byte that is not whitespace, or -1 at the end; leaves {@code pos} on it. */
    private int skipWhitespace() {
        while (pos < end) {
            int b = bytes[pos] & 0xFF;
            // Every JSON whitespace byte is at most a space; TiCDC writes none between tokens.
            if (b > ' ' || !isWhitespace((byte) b)) {
                return b;
            }
            pos++;
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Bytes that would continue a word, so a literal or number may not end before them. */
    private static boolean isWordByte(byte b) {
        return (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || b == '_'
                || b == '$'
                || b < 0;
    }

    // ------------------------------------------------------------------ errors

    private MalformedMessageException unexpected(int c, String expecting) {
        if (c < 0) {
            return endOfInput(depth == 0 ? "before a value" : "in an unclosed container");
        }
        if (c >= 0x80 && Utf8Json.nextCharacter(bytes, pos, end) < 0) {
            return notUtf8(pos);
        }
        return invalid(pos, "unexpected character '" + printable((byte) c) + "': " + expecting);
    }

    private MalformedMessageException unrecognizedToken() {
        int i = pos;
        while (i < end && i - pos < 32 && isWordByte(bytes[i])) {
            i++;
        }
        String word = new String(bytes, pos, Math.max(1, i - pos), StandardCharsets.UTF_8);
        return invalid(pos, "unrecognized token '" + word + "'");
    }

    private MalformedMessageException notUtf8(int at) {
        return new MalformedMessageException(
                "not valid JSON: " + Utf8Json.describe(bytes, offset, end - offset, at));
    }

    private MalformedMessageException invalidNumber(int at, String why) {
        return invalid(at, "not a JSON number: " + why);
    }

    private MalformedMessageException endOfInput(String where) {
        return invalid(end, "unexpected end of input " + where);
    }

    private MalformedMessageException invalid(int at, String why) {
        return new MalformedMessageException(
                "not valid JSON at byte " + (at - offset) + ": " + why);
    }

    private static MalformedMessageException limit(String what) {
        return new MalformedMessageException("exceeds a limit of the JSON reader: " + what);
    }

    private static String printable(byte b) {
        int c = b & 0xFF;
        return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }
}
